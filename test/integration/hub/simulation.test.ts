/**
 * Simulating a draft policy on a month of real meals, on both engines. The month is seeded as
 * migration 0003 keeps it (ledger_records + meals rows with the facts each meal was priced with);
 * every figure below is worked out by hand from Guangzhou's version 2 (13-yuan lunch: 60–79 pay 4,
 * 80+ pay 3, hardship pay 1; city 3 + district 3 + town the rest, the town part lost for an elder of
 * another town). Small chunks make every device's meals cross chunk boundaries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import { jsonParam } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createCanteen } from '../../../server/enrolment/index.js';
import { simulateDraft, simulatePolicy } from '../../../server/simulation/index.js';
import { localToInstant } from '../../../shared/dates.js';
import { simulationReportSchema } from '../../../shared/hub-api/policy-views.js';
import type { SimulationReport } from '../../../shared/hub-api/policy-views.js';
import type { Policy, Tier } from '../../../shared/policy/schema.js';
import { loadPolicy } from '../../helpers/policies.js';
import { insertDistrict, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const NOW = '2026-11-24T04:00:00.000Z';
const current = loadPolicy('guangzhou-2026-v2');
const TOWN_A = '440106001';
const TOWN_B = '440106002';

interface SeedMeal {
  readonly device: 'kiosk-a' | 'kiosk-b';
  readonly date: string;
  readonly elder: string;
  readonly age: number;
  readonly statuses?: readonly string[];
  readonly hukou?: string;
  /** What the hub recorded as owed at ingest. */
  readonly recorded: number;
  readonly policyId?: string;
  readonly voided?: boolean;
  /** The kiosk refused the subsidy because the elder is suspended on the roster (recorded 0). */
  readonly suspended?: boolean;
}

// e-70 ate on Monday 28 and Tuesday 29 September (the week that holds 1 October), then four lunches
// in October, two on the 9th (one period, one subsidised meal). One more is voided; e-85 has a meal
// priced under another policy of the district. e-suspended (72) ate while suspended: sold at full price.
const MEALS: readonly SeedMeal[] = [
  { device: 'kiosk-a', date: '2026-09-28', elder: 'e-70', age: 70, recorded: 900 },
  { device: 'kiosk-a', date: '2026-09-29', elder: 'e-70', age: 70, recorded: 900 },
  { device: 'kiosk-a', date: '2026-10-01', elder: 'e-70', age: 70, recorded: 900 },
  { device: 'kiosk-a', date: '2026-10-08', elder: 'e-70', age: 70, recorded: 900 },
  { device: 'kiosk-a', date: '2026-10-08', elder: 'e-85', age: 85, recorded: 1000 },
  { device: 'kiosk-a', date: '2026-10-08', elder: 'e-dibao', age: 65, statuses: ['dibao'], recorded: 1200 },
  { device: 'kiosk-a', date: '2026-10-08', elder: 'e-othertown', age: 66, hukou: TOWN_B, recorded: 600 },
  { device: 'kiosk-a', date: '2026-10-08', elder: 'e-55', age: 55, recorded: 0 },
  { device: 'kiosk-a', date: '2026-10-09', elder: 'e-70', age: 70, recorded: 900 },
  { device: 'kiosk-a', date: '2026-10-09', elder: 'e-70', age: 70, recorded: 0 },
  { device: 'kiosk-a', date: '2026-10-09', elder: 'e-85', age: 85, recorded: 1000 },
  { device: 'kiosk-a', date: '2026-10-10', elder: 'e-70', age: 70, recorded: 900 },
  { device: 'kiosk-a', date: '2026-10-12', elder: 'e-suspended', age: 72, recorded: 0, suspended: true },
  { device: 'kiosk-a', date: '2026-10-15', elder: 'e-dibao', age: 65, statuses: ['dibao'], recorded: 1200 },
  { device: 'kiosk-a', date: '2026-10-20', elder: 'e-70', age: 70, recorded: 900, voided: true },
  { device: 'kiosk-a', date: '2026-10-21', elder: 'e-85', age: 85, recorded: 1000, policyId: 'another-policy' },
  { device: 'kiosk-b', date: '2026-10-09', elder: 'e-62', age: 62, hukou: TOWN_B, recorded: 900 },
  { device: 'kiosk-b', date: '2026-10-10', elder: 'e-62', age: 62, hukou: TOWN_B, recorded: 900 },
  // A meal of November: not in October's figures.
  { device: 'kiosk-b', date: '2026-11-02', elder: 'e-62', age: 62, hukou: TOWN_B, recorded: 900 },
];

function ageBandOf(age: number): string {
  return age < 60 ? 'under60' : age >= 80 ? '80-89' : age >= 70 ? '70-79' : '60-69';
}

async function seed(db: HubDb, districtId: number, canteens: Record<'kiosk-a' | 'kiosk-b', number>): Promise<void> {
  for (const [device, canteenId] of Object.entries(canteens)) {
    await db.execute(`INSERT INTO devices (device_id, canteen_id, public_key) VALUES ($1, $2, $3)`, [device, canteenId, `key-of-${device}`]);
  }
  const seqs = { 'kiosk-a': 0, 'kiosk-b': 0 };
  for (const m of MEALS) {
    seqs[m.device] += 1;
    const seq = seqs[m.device];
    const at = new Date(localToInstant(m.date, '12:00', 'Asia/Shanghai') + seq * 1000).toISOString();
    const hash = seq.toString(16).padStart(64, '0');
    await db.execute(
      `INSERT INTO ledger_records (device_id, seq, kind, at, service_date, period_id, elder_id, operator_id, body, prev_hash, hash)
       VALUES ($1, $2, 'checkin', $3, $4, 'lunch', $5, 'op-1', $6::jsonb, $7, $8)`,
      // Only the field the simulation reads from a body: why the kiosk refused the subsidy.
      [m.device, seq, at, m.date, m.elder, jsonParam(m.suspended === true ? { refusal: 'suspended' } : {}), (seq - 1).toString(16).padStart(64, '0'), hash],
    );
    const hukou = m.hukou ?? TOWN_A;
    await db.execute(
      `INSERT INTO meals (device_id, seq, district_id, canteen_id, kind, at, service_date, period_id, elder_id, quantity, age, age_band,
         statuses, hukou_region, residence_region, care_home, tier_id, policy_id, policy_version, standard, personal, claimed_subsidy,
         subsidy, operator_subsidy, claimable, backfilled, voided_seq)
       VALUES ($1, $2, $3, $4, 'checkin', $5, $6, 'lunch', $7, 1, $8, $9, $10::text[], $11, $11, false, NULL, $12, 2, 1300, $13, $14, $14, 0, $15, false, $16)`,
      [
        m.device,
        seq,
        districtId,
        canteens[m.device],
        at,
        m.date,
        m.elder,
        m.age,
        ageBandOf(m.age),
        `{${(m.statuses ?? []).join(',')}}`,
        hukou,
        m.policyId ?? current.id,
        1300 - m.recorded,
        m.recorded,
        m.recorded > 0 && m.voided !== true,
        m.voided === true ? 999 : null,
      ],
    );
  }
}

/** A draft: the current version as version 3 from December, with its tiers changed by `tiers`. */
function draftWith(change: (tier: Tier) => Tier, extra: Partial<Policy> = {}): Policy {
  return { ...current, version: 3, effectiveFrom: '2026-12-01', tiers: current.tiers.map(change), ...extra };
}

function byElder(list: SimulationReport['elders']['biggestGains']): Record<string, number> {
  return Object.fromEntries(list.map((e) => [e.elderId, e.difference]));
}

describe.each(engines)('simulating a draft on $name', (engine) => {
  let db: HubDb;
  let viewer: Account;
  let outsider: Account;
  let canteenA: number;
  let canteenB: number;

  beforeAll(async () => {
    db = await engine.open();
    const district = await insertDistrict(db, '荔湾区', '440106');
    const admin = must(await createAccount(db, { actor: 'console', districtId: district, login: 'admin', password: 'correct horse battery', role: 'admin', now: NOW }));
    viewer = must(await createAccount(db, { actor: admin, districtId: district, login: 'viewer', password: 'correct horse battery', role: 'viewer', now: NOW }));
    const other = await insertDistrict(db, '海珠区', '440105');
    outsider = must(await createAccount(db, { actor: 'console', districtId: other, login: 'outsider', password: 'correct horse battery', role: 'admin', now: NOW }));
    const canteen = { actor: admin, districtId: district, address: '', operatorName: '', now: NOW };
    canteenA = must(await createCanteen(db, { ...canteen, name: '沙面长者饭堂', regionCode: TOWN_A })).id;
    canteenB = must(await createCanteen(db, { ...canteen, name: '岭南长者饭堂', regionCode: TOWN_B })).id;
    await db.execute(
      `INSERT INTO policies (district_id, policy_id, version, effective_from, document, published_at) VALUES ($1, $2, 2, '2026-07-01', $3::jsonb, $4)`,
      [district, current.id, jsonParam(current), NOW],
    );
    await seed(db, district, { 'kiosk-a': canteenA, 'kiosk-b': canteenB });
  }, 90_000);

  async function simulate(draft: Policy): Promise<SimulationReport> {
    const report = must(await simulatePolicy(db, viewer, { districtId: viewer.districtId, draft, now: NOW, chunkSize: 2 }));
    // What the HTTP layer will send: the report fits its view schema exactly.
    expect(simulationReportSchema.parse(report)).toEqual(report);
    return report;
  }

  it('a draft identical to the current version changes nothing, and the current figures are the month\'s exactly', async () => {
    const r = await simulate(draftWith((t) => t));
    expect(r).toMatchObject({ policyId: current.id, draftVersion: 3, month: '2026-10', from: '2026-10-01', to: '2026-10-31', meals: 14, otherPolicyMeals: 1 });
    expect(r.totals).toEqual({
      subsidy: { current: 10400, draft: 10400, difference: 0 },
      operatorSubsidy: { current: 0, draft: 0, difference: 0 },
      recordedSubsidy: 10400,
    });
    expect(r.budgets).toEqual([
      { source: 'city', name: '市级财政', nameEn: 'City budget', current: 3300, draft: 3300, difference: 0 },
      { source: 'district', name: '区级财政', nameEn: 'District budget', current: 3300, draft: 3300, difference: 0 },
      { source: 'town', name: '镇街', nameEn: 'Town / street', current: 3800, draft: 3800, difference: 0 },
    ]);
    expect(r.mealChanges).toEqual({ lostSubsidy: 0, gainedSubsidy: 0, amountChanged: 0 });
    expect(r.elders).toEqual({ betterOff: 0, worseOff: 0, unchanged: 7, biggestGains: [], biggestLosses: [] });
    expect(r.canteens).toEqual([
      { canteenId: canteenB, name: '岭南长者饭堂', meals: 2, current: 1800, draft: 1800, difference: 0 },
      { canteenId: canteenA, name: '沙面长者饭堂', meals: 12, current: 8600, draft: 8600, difference: 0 },
    ]);
  });

  it('raising one tier\'s subsidy costs exactly that much more, to the budget that pays the rest', async () => {
    // 60–79 pay 3 instead of 4: +1 yuan a subsidised meal, from the town ("rest"); e-othertown's
    // town part is lost either way, so they pay the difference themselves and stay unchanged; a
    // suspended elder gets nothing under the draft either.
    const r = await simulate(
      draftWith((t) => (t.id === 'age60' ? { ...t, benefits: t.benefits.map((b) => (b.kind === 'fixedPersonal' ? { ...b, amount: 300 } : b)) } : t)),
    );
    expect(r.totals.subsidy).toEqual({ current: 10400, draft: 11000, difference: 600 });
    expect(r.budgets.map((b) => [b.source, b.difference])).toEqual([
      ['city', 0],
      ['district', 0],
      ['town', 600],
    ]);
    expect(r.mealChanges).toEqual({ lostSubsidy: 0, gainedSubsidy: 0, amountChanged: 6 });
    expect(r.elders).toMatchObject({ betterOff: 2, worseOff: 0, unchanged: 5, biggestLosses: [] });
    expect(r.elders.biggestGains).toEqual([
      { elderId: 'e-70', ageBand: '70-79', statuses: [], canteenId: canteenA, canteenName: '沙面长者饭堂', meals: 5, current: 3600, draft: 4000, difference: 400 },
      { elderId: 'e-62', ageBand: '60-69', statuses: [], canteenId: canteenB, canteenName: '岭南长者饭堂', meals: 2, current: 1800, draft: 2000, difference: 200 },
    ]);
    expect(r.canteens.map((c) => [c.name, c.difference])).toEqual([
      ['岭南长者饭堂', 200],
      ['沙面长者饭堂', 400],
    ]);
  });

  it('an elder who loses eligibility is counted worse off, with every meal that lost its subsidy', async () => {
    const r = await simulate(draftWith((t) => (t.id === 'age60' ? { ...t, who: [{ minAge: 65, maxAge: 79 }] } : t)));
    expect(r.elders).toMatchObject({ betterOff: 0, worseOff: 1, unchanged: 6, biggestGains: [] });
    expect(byElder(r.elders.biggestLosses)).toEqual({ 'e-62': -1800 });
    expect(r.mealChanges).toEqual({ lostSubsidy: 2, gainedSubsidy: 0, amountChanged: 0 });
    expect(r.budgets.map((b) => [b.source, b.difference])).toEqual([
      ['city', -600],
      ['district', -600],
      ['town', -600],
    ]);
  });

  it('a weekly limit counts the meals of the days before the month in the same week', async () => {
    // Twice a week: e-70's Monday and Tuesday use up the week of 1 October, and the 10th is a third
    // meal in the week of the 8th. Nobody else eats more than twice in a week.
    const r = await simulate(draftWith((t) => t, { limits: { perPeriod: 1, perWeek: 2 } }));
    expect(byElder(r.elders.biggestLosses)).toEqual({ 'e-70': -1800 });
    expect(r.mealChanges.lostSubsidy).toBe(2);
    expect(r.totals.subsidy.difference).toBe(-1800);
  });

  it('counts an operator subsidy the draft adds: once per elder per day served with a subsidy', async () => {
    // Subsidised elder-days in October: e-70 on the 1st, 8th, 9th and 10th; e-85 on the 8th and 9th;
    // e-dibao on the 8th and 15th; e-othertown on the 8th; e-62 on the 9th and 10th — 11 in all.
    const r = await simulate(draftWith((t) => t, { operatorSubsidy: { perElderPerDay: 300, source: 'district' } }));
    expect(r.totals.operatorSubsidy).toEqual({ current: 0, draft: 3300, difference: 3300 });
    expect(r.totals.subsidy.difference).toBe(0);
  });

  it('is for the district\'s own staff, and a month is YYYY-MM', async () => {
    expect(await simulatePolicy(db, outsider, { districtId: viewer.districtId, draft: current, now: NOW })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await simulatePolicy(db, viewer, { districtId: viewer.districtId, draft: current, month: '2026-13', now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'badMonth', message: { key: 'hub.sim.monthShape' } },
    });
    // From the form: the draft as sent, its problems by field before anything is read.
    expect(await simulateDraft(db, viewer, { districtId: viewer.districtId, draft: { ...current, tiers: [] }, now: NOW })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', problems: [{ path: 'tiers' }] },
    });
    expect(await simulateDraft(db, outsider, { districtId: viewer.districtId, draft: { ...current, tiers: [] }, now: NOW })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await simulateDraft(db, viewer, { districtId: viewer.districtId, draft: JSON.parse(JSON.stringify(current)), now: NOW })).toMatchObject({
      ok: true,
      value: { month: '2026-10', meals: 14, totals: { subsidy: { difference: 0 } } },
    });
    const november = must(await simulatePolicy(db, viewer, { districtId: viewer.districtId, draft: current, month: '2026-11', now: NOW }));
    expect(november).toMatchObject({ month: '2026-11', meals: 1, totals: { subsidy: { current: 900, draft: 900 } } });
  });
});
