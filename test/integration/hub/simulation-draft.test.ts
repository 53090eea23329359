/**
 * Checking a draft version before it is simulated or published: every problem by the path of its
 * field, in Chinese and English, with the policy schema's own words; and the next-version rule —
 * the latest + 1, starting after today (in the policy's time zone) and after the latest version's
 * start — against what the district published, on both engines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import { jsonParam } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { birthDateFor, checkPolicyDraft, monthRange, previousMonth } from '../../../server/simulation/index.js';
import { ageOn } from '../../../shared/dates.js';
import { nextVersionProblems, todayIn, validatePolicyDraft } from '../../../shared/hub-api/policy-views.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { hubPolicyCatalog } from '../../../shared/i18n/catalog-hub-policy.js';
import { loadPolicy } from '../../helpers/policies.js';
import { insertDistrict, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
const v1 = loadPolicy('guangzhou-2020');
const v2 = loadPolicy('guangzhou-2026-v2');
const TODAY = '2026-11-24';

function v3(over: Partial<Policy> = {}): Policy {
  return { ...v2, version: 3, effectiveFrom: '2026-12-01', ...over };
}

describe('validatePolicyDraft', () => {
  it('passes a valid draft through as the policy', () => {
    expect(validatePolicyDraft(JSON.parse(JSON.stringify(v3())))).toEqual({ ok: true, value: v3() });
  });

  it('lists every problem by field path in both languages, in the schema\'s own words', () => {
    const draft = JSON.parse(JSON.stringify(v3())) as Record<string, unknown> & { tiers: { who: { statusesAny?: string[] }[] }[] };
    const who = draft.tiers[0]?.who[0];
    if (who === undefined) throw new Error('fixture without who');
    who.statusesAny = ['tekun', 'chenghai'];
    draft['effectiveTo'] = '2026-11-30';
    const result = validatePolicyDraft(draft);
    if (result.ok) throw new Error('a broken draft passed');
    const byPath = Object.fromEntries(result.error.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(['effectiveTo', 'tiers[0].who[0].statusesAny[1]']);
    expect(byPath['tiers[0].who[0].statusesAny[1]']).toMatchObject({ key: 'policy.unknownStatus' });
    expect(byPath['tiers[0].who[0].statusesAny[1]']?.['zh-CN']).toContain('chenghai');
    expect(byPath['tiers[0].who[0].statusesAny[1]']?.en).toContain('chenghai');
    expect(byPath['effectiveTo']).toMatchObject({ key: 'policy.effectiveTo.beforeFrom' });
    for (const p of result.error.problems) expect(p['zh-CN']).not.toBe(p.en);
    expect(result.error.summary).toHaveProperty('en');
  });

  it('names missing and mistyped fields (the whole-document checks follow once the shape is right)', () => {
    const draft = JSON.parse(JSON.stringify(v3())) as Record<string, unknown>;
    delete draft['name'];
    draft['version'] = '3';
    const result = validatePolicyDraft(draft);
    if (result.ok) throw new Error('a broken draft passed');
    expect(result.error.problems.map((p) => [p.path, p.key])).toEqual([
      ['name', 'parse.required'],
      ['version', 'parse.type'],
    ]);
  });

  it('refuses what is not a policy at all, at the root', () => {
    const result = validatePolicyDraft('{"format":"zhucan.policy/1"}');
    expect(result).toMatchObject({ ok: false, error: { problems: [{ path: '(root)' }] } });
  });
});

describe('the hub policy catalog', () => {
  it('has both languages for every key, with the same placeholders', () => {
    const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    const keys = Object.keys(hubPolicyCatalog);
    expect(keys.every((k) => /^(hub\.sim|hub\.down|downlink)\./.test(k))).toBe(true);
    for (const [key, text] of Object.entries(hubPolicyCatalog)) {
      expect(text['zh-CN'], key).not.toBe('');
      expect(text.en, key).not.toBe('');
      expect(placeholders(text['zh-CN']), key).toEqual(placeholders(text.en));
    }
    // The rule's messages, by key, as nextVersionProblems and the simulation use them.
    for (const key of ['hub.sim.draftProblems', 'hub.sim.version.next', 'hub.sim.version.taken', 'hub.sim.effective.notFuture', 'hub.sim.effective.beforeCurrent', 'hub.sim.monthShape']) {
      expect(keys, key).toContain(key);
    }
  });
});

describe('the next-version rule', () => {
  const published = [
    { version: 1, effectiveFrom: '2020-01-01' },
    { version: 2, effectiveFrom: '2026-07-01' },
  ];
  const problems = (draft: Policy, list = published, today = TODAY): [string, string][] => nextVersionProblems(draft, list, today).map((p) => [p.path, p.key]);

  it('takes the latest + 1 starting after today and after the latest start', () => {
    expect(problems(v3())).toEqual([]);
    expect(problems({ ...v1, effectiveFrom: '2026-11-25' }, [])).toEqual([]);
  });

  it('refuses a gap, a version already published, and a start in the past, today, or before the latest version\'s start', () => {
    expect(problems(v3({ version: 4 }))).toEqual([['version', 'hub.sim.version.next']]);
    expect(problems(v3({ version: 2 }))).toEqual([['version', 'hub.sim.version.taken']]);
    expect(problems(v3({ effectiveFrom: TODAY }))).toEqual([['effectiveFrom', 'hub.sim.effective.notFuture']]);
    expect(problems(v3({ effectiveFrom: '2026-10-01' }))).toEqual([['effectiveFrom', 'hub.sim.effective.notFuture']]);
    // The latest version is scheduled for January: the next one cannot start before it.
    const scheduled = [...published, { version: 3, effectiveFrom: '2027-01-01' }];
    expect(problems(v3({ version: 4, effectiveFrom: '2026-12-15' }), scheduled)).toEqual([['effectiveFrom', 'hub.sim.effective.beforeCurrent']]);
    expect(problems(v3({ version: 4, effectiveFrom: '2027-01-01' }), scheduled)).toEqual([['effectiveFrom', 'hub.sim.effective.beforeCurrent']]);
    expect(nextVersionProblems(v3({ version: 5 }), published, TODAY)[0]).toMatchObject({ key: 'hub.sim.version.next' });
  });

  it('reads today in the policy\'s time zone', () => {
    expect(todayIn(v2, '2026-11-24T15:59:59.999Z')).toBe('2026-11-24');
    expect(todayIn(v2, '2026-11-24T16:00:00.000Z')).toBe('2026-11-25');
  });
});

describe('meal facts and months', () => {
  it('rebuilds a birth date that gives exactly the recorded age on the day, 29 February included', () => {
    for (const [age, day] of [
      [80, '2026-11-24'],
      [60, '2024-02-29'],
      [61, '2024-02-29'],
      [0, '2026-01-01'],
      [100, '2028-03-01'],
    ] as const) {
      expect(ageOn(birthDateFor(age, day), day), `${age} on ${day}`).toBe(age);
    }
  });

  it('knows each month\'s first and last day, and the month before', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-11-30')).toBe('2026-10');
  });
});

describe.each(engines)('checkPolicyDraft on $name', (engine) => {
  let db: HubDb;
  let viewer: Account;
  let outsider: Account;

  beforeAll(async () => {
    db = await engine.open();
    const district = await insertDistrict(db, '荔湾区', '440106');
    const admin = must(await createAccount(db, { actor: 'console', districtId: district, login: 'admin', password: 'correct horse battery', role: 'admin', now: '2026-01-01T00:00:00.000Z' }));
    viewer = must(await createAccount(db, { actor: admin, districtId: district, login: 'viewer', password: 'correct horse battery', role: 'viewer', now: '2026-01-01T00:00:00.000Z' }));
    const other = await insertDistrict(db, '海珠区', '440105');
    outsider = must(await createAccount(db, { actor: 'console', districtId: other, login: 'outsider', password: 'correct horse battery', role: 'admin', now: '2026-01-01T00:00:00.000Z' }));
    for (const p of [v1, v2]) {
      await db.execute(
        `INSERT INTO policies (district_id, policy_id, version, effective_from, document, published_at) VALUES ($1, $2, $3, $4, $5::jsonb, '2026-01-01T00:00:00Z')`,
        [district, p.id, p.version, p.effectiveFrom, jsonParam(p)],
      );
    }
    // The same policy id in another district is another policy: its versions do not count here.
    await db.execute(
      `INSERT INTO policies (district_id, policy_id, version, effective_from, document, published_at) VALUES ($1, $2, 7, '2026-01-01', $3::jsonb, '2026-01-01T00:00:00Z')`,
      [other, v2.id, jsonParam({ ...v2, version: 7 })],
    );
  }, 90_000);

  it('checks the draft against the district\'s published versions of the same id', async () => {
    const check = (draft: unknown, now = '2026-11-24T04:00:00.000Z'): ReturnType<typeof checkPolicyDraft> => checkPolicyDraft(db, viewer, { districtId: viewer.districtId, draft, now });
    expect(await check(v3())).toEqual({ ok: true, value: v3() });
    // A brand-new policy id starts at version 1.
    expect(await check({ ...v1, id: 'liwan-breakfast', effectiveFrom: '2026-12-01' })).toMatchObject({ ok: true });
    expect(await check({ ...v1, id: 'liwan-breakfast', version: 2, effectiveFrom: '2026-12-01' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', problems: [{ path: 'version', key: 'hub.sim.version.next' }] },
    });
    // 25 November has begun in Guangzhou at 16:00 UTC on the 24th.
    expect(await check(v3({ effectiveFrom: '2026-11-25' }), '2026-11-24T16:00:00.000Z')).toMatchObject({
      ok: false,
      error: { kind: 'invalid', problems: [{ path: 'effectiveFrom', key: 'hub.sim.effective.notFuture' }] },
    });
    expect(await check({ ...v3(), tiers: [] })).toMatchObject({ ok: false, error: { kind: 'invalid', problems: [{ path: 'tiers' }] } });
    expect(await checkPolicyDraft(db, outsider, { districtId: viewer.districtId, draft: v3(), now: '2026-11-24T04:00:00.000Z' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });
});
