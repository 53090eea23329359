/**
 * The message catalogs: each key defined once, in both languages, with the same placeholders; and every
 * key the pricing code asks for exists (a missing one would show the cashier a raw key).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogs, t } from '../../../shared/i18n/catalogs.js';
import { LOCALES } from '../../../shared/i18n/text.js';
import type { Bilingual } from '../../../shared/i18n/text.js';
import { areaLevelSchema, residencyRuleSchema } from '../../../shared/policy/schema.js';
import { REFUSAL_CODES } from '../../../shared/pricing/types.js';

/** Every entry of every catalog, with the catalog it comes from (its index in `catalogs`). */
const entries: { catalog: number; key: string; entry: Bilingual }[] = catalogs.flatMap((c, catalog) =>
  Object.entries(c).map(([key, entry]) => ({ catalog, key, entry })),
);
const allKeys = new Set(entries.map((e) => e.key));

/**
 * The `{name}` placeholders of a template. In English a parameter that is itself a translated phrase
 * is written `{name_en}` (shared/i18n/catalog-basics.ts), so there the suffix is dropped.
 */
function placeholders(template: string, english: boolean): string[] {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  return [...new Set(names.map((n) => (english ? n.replace(/_en$/, '') : n)))].sort();
}

describe('message catalogs', () => {
  it('are registered and not empty', () => {
    expect(catalogs.length).toBeGreaterThan(0);
    catalogs.forEach((c, i) => expect(Object.keys(c).length, `catalogs[${i}]`).toBeGreaterThan(0));
  });

  it('define no key in two catalogs', () => {
    const firstSeen = new Map<string, number>();
    const twice: string[] = [];
    for (const { catalog, key } of entries) {
      const seen = firstSeen.get(key);
      if (seen !== undefined) twice.push(`${key} (catalogs[${seen}] and catalogs[${catalog}])`);
      else firstSeen.set(key, catalog);
    }
    expect(twice).toEqual([]);
  });

  it('give every entry a non-empty text in every locale', () => {
    const blank = entries.flatMap(({ key, entry }) =>
      LOCALES.filter((locale) => typeof entry[locale] !== 'string' || entry[locale].trim() === '').map((locale) => `${key} [${locale}]`),
    );
    expect(blank).toEqual([]);
  });

  it('use the same placeholders in Chinese and English', () => {
    const mismatched = entries
      .map(({ key, entry }) => ({ key, zh: placeholders(entry['zh-CN'], false), en: placeholders(entry.en, true) }))
      .filter(({ zh, en }) => zh.join(',') !== en.join(','));
    expect(mismatched).toEqual([]);
  });

  it('the _en convention is recognised: {what} in Chinese matches {what_en} in English', () => {
    expect(placeholders('{what}有误（{count}处）', false)).toEqual(placeholders('Problems in {what_en} ({count})', true));
  });
});

describe('t()', () => {
  it('returns an unknown key as it is, so a missing string is visible', () => {
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t('no.such.key', { x: 1 }, 'en')).toBe('no.such.key');
  });

  it('renders a known key in each locale', () => {
    expect(t('money.amount', { amount: '12.50' }, 'zh-CN')).toBe('12.50元');
    expect(t('money.amount', { amount: '12.50' }, 'en')).toBe('¥12.50');
  });
});

describe('the keys the pricing code uses', () => {
  const dir = new URL('../../../shared/pricing/', import.meta.url);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') }));

  const ofs = residencyRuleSchema.shape.of.options;
  const levels = areaLevelSchema.options;
  /**
   * Each key the pricing code builds from a template, with every value the template can take. A new
   * template in shared/pricing fails the test below until it is listed here with its expansions.
   */
  const templates: Record<string, readonly string[]> = {
    'pricing.refusal.${code}': REFUSAL_CODES.map((code) => `pricing.refusal.${code}`),
    'pricing.refusal.residency.${first.of}.${first.within}': ofs.flatMap((of) =>
      levels.map((within) => `pricing.refusal.residency.${of}.${within}`),
    ),
    'pricing.rule.fundingLost.${level}': levels.map((level) => `pricing.rule.fundingLost.${level}`),
  };

  const literals = [
    ...new Set(sources.flatMap(({ text }) => [...text.matchAll(/(['"])(pricing\.[\w.]+)\1/g)].map((m) => m[2] ?? ''))),
  ].sort();
  const built = [...new Set(sources.flatMap(({ text }) => [...text.matchAll(/`(pricing\.[^`]*)`/g)].map((m) => m[1] ?? '')))].sort();

  it('are found in the source (the search itself works)', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['price.ts', 'benefits.ts', 'conditions.ts', 'tiers.ts']));
    expect(literals).toEqual(expect.arrayContaining(['pricing.rule.tier', 'pricing.refusal.statusExpired']));
    expect(literals.length).toBeGreaterThan(5);
  });

  it('every key written as a literal exists in a catalog', () => {
    expect(literals.filter((key) => !allKeys.has(key))).toEqual([]);
  });

  it('every key-building template is known, with its expansions', () => {
    expect(built.filter((template) => !(template in templates))).toEqual([]);
    expect(Object.keys(templates).filter((template) => !built.includes(template))).toEqual([]);
  });

  it('every key a template can build exists in a catalog', () => {
    const keys = Object.values(templates).flat();
    expect(keys.length).toBe(REFUSAL_CODES.length + 2 * 4 + 4);
    expect(keys.filter((key) => !allKeys.has(key))).toEqual([]);
  });
});
