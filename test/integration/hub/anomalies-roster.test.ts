/**
 * Detection against the district's master roster, on both engines: a meal recorded under a kiosk's
 * old local id counts as the district elder it was re-keyed to (roster_elder_aliases), the edit check
 * compares claimed meals with the roster's eligible elders of the canteen's area by age band on the
 * service date, and a district without a roster falls back to the stand-in and says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import { detectAnomalies, getAnomaly, listAnomalies } from '../../../server/anomalies/index.js';
import type { HubDb } from '../../../server/db/index.js';
import type { Anomaly } from '../../../shared/hub-api/counting-views.js';
import { addMeal, seedCanteen } from '../../helpers/hub-meal-rows.js';
import type { MealSpec, SeededCanteen } from '../../helpers/hub-meal-rows.js';
import { insertDistrict, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
const T0 = '2026-09-01T00:00:00.000Z';
const NOW = '2026-11-01T02:00:00.000Z';
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
const TOWN = '440104001';
const OTHER_TOWN = '440104002';

interface RosterElder {
  readonly elderId: string;
  readonly birthDate: string;
  readonly town: string;
  readonly active?: boolean;
}

// D1: 80 all October. D2: 76. D3: 79 until turning 80 on 15 October. D4: 86, but lives in another
// town. D5: 85 in the canteens' town, but suspended. (seedCanteen puts every canteen in TOWN.)
const D1 = 'D000000000001';
const D2 = 'D000000000002';
const D3 = 'D000000000003';
const D4 = 'D000000000004';
const D5 = 'D000000000005';
const ROSTER: readonly RosterElder[] = [
  { elderId: D1, birthDate: '1946-03-10', town: TOWN },
  { elderId: D2, birthDate: '1950-05-01', town: TOWN },
  { elderId: D3, birthDate: '1946-10-15', town: TOWN },
  { elderId: D4, birthDate: '1940-01-20', town: OTHER_TOWN },
  { elderId: D5, birthDate: '1941-06-01', town: TOWN, active: false },
];

/** Roster rows as the roster import leaves them (docs/hub-roster.md), written directly. */
async function insertRoster(db: HubDb, districtId: number, elders: readonly RosterElder[]): Promise<void> {
  let n = 0;
  for (const e of elders) {
    n++;
    const active = e.active ?? true;
    await db.execute(
      `INSERT INTO roster_elders (elder_id, district_id, name, name_initials, id_number, birth_date, sex, residence_region,
                                  active, suspended_reason, suspended_since, version, created_at, updated_at)
       VALUES ($1, $2, '老人', 'lr', $3, $4, 'F', $5, $6, $7, $8, $9, $10, $10)`,
      [e.elderId, districtId, `44010419${String(n).padStart(9, '0')}X`, e.birthDate, e.town, active, active ? null : '住院', active ? null : T0, n, T0],
    );
  }
}

describe.each(engines)('anomalies against the roster on $name', (engine) => {
  let db: HubDb;
  let district: number;
  let noRoster: number;
  let admin: Account;
  let adminNoRoster: Account;
  let r1: SeededCanteen;
  let r2: SeededCanteen;
  let n1: SeededCanteen;

  async function meals(canteen: SeededCanteen, specs: readonly MealSpec[]): Promise<void> {
    await db.transaction(async (tx) => {
      for (const s of specs) await addMeal(tx, canteen, s);
    });
  }

  async function all(actor: Account, districtId: number): Promise<Anomaly[]> {
    return must(await listAnomalies(db, actor, { districtId, limit: 500 })).anomalies;
  }

  beforeAll(async () => {
    db = await engine.open();
    district = await insertDistrict(db, '越秀区', '440104');
    noRoster = await insertDistrict(db, '海珠区', '440105');
    admin = must(await createAccount(db, { actor: 'console', districtId: district, login: 'admin.r', password: 'correct horse battery', role: 'admin', now: T0 }));
    adminNoRoster = must(await createAccount(db, { actor: 'console', districtId: noRoster, login: 'admin.n', password: 'correct horse battery', role: 'admin', now: T0 }));
    r1 = await seedCanteen(db, district, '东山长者饭堂');
    r2 = await seedCanteen(db, district, '农林长者饭堂');
    n1 = await seedCanteen(db, noRoster, '海珠长者饭堂');
    await insertRoster(db, district, ROSTER);
    // r2's kiosk registered D2 as 'L-7' before the roster named her, then re-keyed her.
    await db.execute(`INSERT INTO roster_elder_aliases (device_id, local_elder_id, elder_id, reported_at) VALUES ($1, 'L-7', $2, $3)`, [r2.deviceId, D2, T0]);

    await meals(r1, [
      // Edit check above the roster: two 80-89 lunches on 7 October, one eligible (D1; D3 is 79,
      // D4 lives elsewhere, D5 is suspended).
      { date: '2026-10-07', elderId: D1, ageBand: '80-89' },
      { date: '2026-10-07', elderId: D4, ageBand: '80-89', at: '2026-10-07T04:10:00.000Z' },
      // At the roster: two 80-89 lunches on 20 October, two eligible (D3 turned 80 on the 15th).
      { date: '2026-10-20', elderId: D1, ageBand: '80-89' },
      { date: '2026-10-20', elderId: D3, ageBand: '80-89', at: '2026-10-20T04:10:00.000Z' },
      // Duplicate through the alias: D2 here, 'L-7' at r2, the same lunch.
      { date: '2026-10-09', elderId: D2, ageBand: '70-79' },
      // Near miss: 'L-7' at r1 is r1's own local id, not aliased — another person than r2's 'L-7'.
      { date: '2026-10-10', elderId: 'L-7', ageBand: '70-79' },
    ]);
    await meals(r2, [
      // Below the roster: one 70-79 lunch, two eligible (D2, and D3 before her birthday).
      { date: '2026-10-07', elderId: D2, ageBand: '70-79' },
      { date: '2026-10-09', elderId: 'L-7', ageBand: '70-79', at: '2026-10-09T04:30:00.000Z' },
      { date: '2026-10-10', elderId: D2, ageBand: '70-79' },
    ]);
    // No roster: the same elder twice in one lunch, above the one elder the canteen ever served.
    await meals(n1, [
      { date: '2026-10-07', elderId: 'g1', ageBand: '80-89' },
      { date: '2026-10-07', elderId: 'g1', ageBand: '80-89', at: '2026-10-07T05:00:00.000Z' },
    ]);
  }, 120_000);

  it('flags the duplicate recorded under an alias and the cell above the roster, nothing at or below it', async () => {
    expect(must(await detectAnomalies(db, admin, { districtId: district, ...OCTOBER, now: NOW }))).toEqual({ ...OCTOBER, duplicateElder: 1, outOfLine: 0, editCheck: 1 });
    expect(must(await detectAnomalies(db, admin, { districtId: district, ...OCTOBER, now: NOW }))).toEqual({ ...OCTOBER, duplicateElder: 0, outOfLine: 0, editCheck: 0 });
    const found = await all(admin, district);
    expect(found.map((a) => [a.kind, a.canteenName, a.serviceDate, a.recordCount]).sort()).toEqual(
      [
        ['duplicateElder', null, '2026-10-09', 2],
        ['editCheck', '东山长者饭堂', '2026-10-07', 2],
      ].sort(),
    );
  });

  it('the duplicate names the district elder and shows both records, one under the local id', async () => {
    const dup = (await all(admin, district)).find((a) => a.kind === 'duplicateElder');
    if (dup === undefined) throw new Error('no duplicate');
    expect(dup.details).toEqual({ elderId: D2, periodId: 'lunch', canteens: 2, meals: 2 });
    const detail = must(await getAnomaly(db, admin, dup.id));
    expect(detail.records.map((r) => [r.canteenName, r.elderId, r.at])).toEqual([
      ['东山长者饭堂', D2, '2026-10-09T04:00:00.000Z'],
      ['农林长者饭堂', 'L-7', '2026-10-09T04:30:00.000Z'],
    ]);
  });

  it('the edit check says it compared with the roster', async () => {
    const edit = (await all(admin, district)).find((a) => a.kind === 'editCheck');
    expect(edit?.details).toEqual({ periodId: 'lunch', ageBand: '80-89', meals: 2, eligible: 1, basis: 'roster' });
    expect(edit?.message.en).toBe('东山长者饭堂 claimed 2 subsidised lunch meals in age band 80-89 on 2026-10-07, above its 1 eligible elders in that band on the district roster');
    expect(edit?.message['zh-CN']).toContain('名册');
  });

  it('a district without a roster falls back to the elders a canteen has served, and says so', async () => {
    expect(must(await detectAnomalies(db, adminNoRoster, { districtId: noRoster, ...OCTOBER, now: NOW }))).toEqual({ ...OCTOBER, duplicateElder: 0, outOfLine: 0, editCheck: 1 });
    const [edit] = await all(adminNoRoster, noRoster);
    expect(edit?.details).toEqual({ periodId: 'lunch', ageBand: '80-89', meals: 2, eligible: 1, basis: 'servedElders' });
    expect(edit?.message.en).toContain('the district has no roster yet');
    expect(edit?.message['zh-CN']).toContain('本区尚无老人名册');
  });
});
