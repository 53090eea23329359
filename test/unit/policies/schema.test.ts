import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { POLICY_DIR, loadPolicy } from '../../helpers/policies.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { policyJsonSchema } from '../../../shared/policy/json-schema.js';
import { formatProblem, parseWith } from '../../../shared/parse.js';

describe('policy schema', () => {
  it('accepts every fixture policy', () => {
    for (const file of readdirSync(POLICY_DIR).filter((f) => f.endsWith('.json'))) {
      const result = policySchema.safeParse(JSON.parse(readFileSync(`${POLICY_DIR}${file}`, 'utf8')));
      expect(result.success, file).toBe(true);
    }
  });

  it('lists every error with its path', () => {
    const bad = structuredClone(loadPolicy('guangzhou-2020')) as unknown as Record<string, unknown> & {
      tiers: { who: { statusesAny?: string[] }[]; benefits: { funding: { source: string }[] }[] }[];
      periods: { end: string }[];
    };
    bad.tiers[0]!.who[0]!.statusesAny = ['nosuch'];
    bad.tiers[1]!.benefits[0]!.funding[0]!.source = 'province';
    bad.periods[0]!.end = '25:00';
    bad.effectiveFrom = '2026-02-30';
    const result = parseWith(policySchema, bad, '补贴政策');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['effectiveFrom', 'periods[0].end']),
    );
    const text = formatProblem(result.error, 'zh-CN');
    expect(text).toContain('effectiveFrom');
  });

  it('checks ids that must exist once the shapes are right', () => {
    const bad = structuredClone(loadPolicy('guangzhou-2020'));
    bad.tiers[0]!.who[0]!.statusesAny = ['nosuch'];
    bad.tiers[1]!.benefits[0]!.funding[0]!.source = 'province';
    bad.periods.push({ ...bad.periods[0]!, id: 'late-lunch', start: '13:00', end: '15:00' });
    const result = parseWith(policySchema, bad, '补贴政策');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['tiers[0].who[0].statusesAny[0]', 'tiers[1].benefits[0].funding[0].source', 'periods[2]']),
    );
  });

  it('refuses shares that do not sum to 10000 and a rest part that is not last', () => {
    const bad = structuredClone(loadPolicy('tianjin'));
    bad.tiers[0]!.benefits[0]!.funding = [
      { source: 'city', shareBp: 5000 },
      { source: 'district', shareBp: 4000 },
    ];
    bad.tiers[1]!.benefits[0]!.funding = [{ source: 'city', rest: true }, { source: 'district', amount: 100 }];
    const result = parseWith(policySchema, bad, 'policy');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['tiers[0].benefits[0].funding', 'tiers[1].benefits[0].funding[0]']),
    );
  });

  it('exports a JSON Schema that names every top-level field', () => {
    const schema = policyJsonSchema();
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['format', 'id', 'version', 'effectiveFrom', 'timeZone', 'statuses', 'periods', 'calendar', 'funding', 'tiers']),
    );
  });
});
