/**
 * Every string the district app shows is in the catalog, in both languages: each literal
 * 'district.…' key in renderer/district, and each key the screens build from a list (screens, roles,
 * anomaly kinds and states, export formats, canteen flags, settlement states, record kinds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENS } from '../../../renderer/district/app/routes.js';
import { ANOMALY_KINDS } from '../../../shared/hub-api/counting-views.js';
import { ACCOUNT_ROLES, EXPORT_FORMATS } from '../../../shared/hub-api/routes.js';
import { districtUiCatalog } from '../../../shared/i18n/catalog-district-ui.js';
import { t } from '../../../shared/i18n/catalogs.js';

const APP = resolve(import.meta.dirname, '../../../renderer/district');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

const built = [
  ...SCREENS.map((s) => `district.nav.${s}`),
  ...ACCOUNT_ROLES.map((r) => `district.role.${r}`),
  ...ANOMALY_KINDS.map((k) => `district.anomaly.kind.${k}`),
  ...['open', 'resolved'].map((s) => `district.anomalies.status.${s}`),
  ...EXPORT_FORMATS.map((f) => `district.export.${f}`),
  ...['notEnrolled', 'neverUploaded', 'stale', 'clockSkew'].map((f) => `district.flag.${f}`),
  ...['draft', 'approved', 'changed'].map((s) => `district.settle.state.${s}`),
  ...['checkin', 'sale', 'void', 'close'].map((k) => `district.record.${k}`),
  ...['meal', 'void'].map((k) => `district.counts.amendment.${k}`),
];

describe('the district app’s catalog', () => {
  it('has every key the screens use, in Chinese and English', () => {
    const literal = new Set(sources(APP).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(district\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1] ?? '')));
    expect(literal.size).toBeGreaterThan(100);
    const missing = [...literal, ...built].filter((key) => t(key, undefined, 'zh-CN') === key || t(key, undefined, 'en') === key);
    expect(missing).toEqual([]);
  });

  it('keeps its keys under district.*, with both languages filled and the same placeholders', () => {
    for (const [key, text] of Object.entries(districtUiCatalog)) {
      expect(key.startsWith('district.'), key).toBe(true);
      expect(text['zh-CN'].trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text.en), key).toEqual(names(text['zh-CN']));
    }
  });
});
