/**
 * A city month in the hub's tables, filled by SQL (generate_series), for the settlement benchmark:
 * `canteens` canteens with a kiosk each, 100 meals a canteen a day for 30 days of November 2026 (60
 * lunches, 40 dinners: 2,000 canteens make 6,000,000 meals), with the rows the ingest would have made
 * for them — ledger_records (the meals' foreign key points there), meals, meal_funding, daily_counts,
 * daily_funding. The schema is the product's, unchanged: nothing is dropped or relaxed for the fill.
 *
 * What is simplified, and why it does not matter to what is measured: a ledger row's body is `{}`
 * and its hash is made up (settlement and detection never read either; the ingest benchmark sends
 * real ones); the meals are priced as the Guangzhou v2 policy prices an 户籍 elder of the canteen's
 * town — 70–79 (tier age60: pays 4 yuan, subsidy 9 = city 3 + district 3 + town 3) and 80–89
 * (tier age80: pays 3 yuan, subsidy 10 = 3 + 3 + 4); the roll-ups are computed from those meals by
 * GROUP BY, so they agree with them as the ingest keeps them agreeing.
 *
 * Duplicates: `planted` elders each also eat one lunch at a second canteen (the neighbouring one) —
 * the same elder in two canteens in one period, which the month-wide detection must find, all of
 * them and nothing else.
 */
import type { HubDb } from '../../../server/db/index.js';
import { progress, nowMs } from './stats.js';

export const MONTH = '2026-11';
export const MONTH_FROM = '2026-11-01';
export const MONTH_TO = '2026-11-30';
const DAYS = 30;
const MEALS_A_DAY = 100;
const LUNCHES = 60;

export interface CityMonth {
  readonly canteens: number;
  readonly meals: number;
  /** The planted duplicates as `elderId|date|period`. */
  readonly planted: ReadonlySet<string>;
  readonly fillMs: number;
}

const dateOf = (d: number): string => `${MONTH}-${String(d + 1).padStart(2, '0')}`;

/** The planted duplicates: elder `k` of canteen (b+1) also eats lunch slot 59 at canteen b on day k mod 30. */
function plantedRows(canteens: number, planted: number): { c: number; d: number; elderId: string }[] {
  const step = Math.max(1, Math.floor(canteens / planted));
  const out: { c: number; d: number; elderId: string }[] = [];
  for (let k = 0; k < planted; k++) {
    const b = (k * step) % canteens;
    const home = (b + 1) % canteens;
    out.push({ c: b, d: k % DAYS, elderId: `c${home}-e${k % (LUNCHES - 1)}` });
  }
  return out;
}

async function step(db: HubDb, what: string, sql: string, params: readonly (string | number)[] = []): Promise<void> {
  const t = nowMs();
  await db.execute(sql, params);
  progress(`city month: ${what} in ${((nowMs() - t) / 1000).toFixed(1)} s`);
}

/**
 * Fills `districtId`'s month. The planned meals are one SELECT used by both the ledger and the meals
 * insert, so the two agree row for row.
 */
export async function fillCityMonth(db: HubDb, districtId: number, canteens: number, planted: number): Promise<CityMonth> {
  const t0 = nowMs();
  const plants = plantedRows(canteens, planted);
  await step(
    db,
    `${canteens} canteens and kiosks`,
    `WITH made AS (
       INSERT INTO canteens (district_id, name, region_code, address, operator_name, created_at)
       SELECT $1, '长者饭堂 ' || c, '440104' || lpad(((c % 20) + 1)::text, 3, '0'), '测试地址', '测试运营方', '2026-01-01T00:00:00Z'
         FROM generate_series(0, $2::int - 1) c
       RETURNING id, name
     )
     INSERT INTO devices (device_id, canteen_id, public_key, enrolled_at)
     SELECT 'city-kiosk-' || substr(name, 6), id, 'bench-key-' || substr(name, 6), '2026-01-01T00:00:00Z' FROM made`,
    [districtId, canteens],
  );
  await db.execute(`CREATE TABLE bench_kiosks AS SELECT substr(device_id, 12)::int AS c, device_id, canteen_id FROM devices WHERE device_id LIKE 'city-kiosk-%'`);
  await db.execute(`CREATE TABLE bench_planted (c int, d int, elder_id text)`);
  if (plants.length > 0) {
    const values = plants.map((_, i) => `($${3 * i + 1}::int, $${3 * i + 2}::int, $${3 * i + 3})`).join(', ');
    await db.execute(`INSERT INTO bench_planted (c, d, elder_id) VALUES ${values}`, plants.flatMap((p) => [p.c, p.d, p.elderId]));
  }
  // One planned meal per (kiosk, day, slot): slots 0–59 lunch, 60–99 dinner; elder = slot (lunch) or
  // slot − 60 (dinner), except a planted visitor in lunch slot 59.
  const planned = `
    SELECT k.device_id, k.canteen_id, k.c,
           (dd * ${MEALS_A_DAY} + jj + 1)::bigint AS seq,
           ('${MONTH_FROM}'::date + dd) AS service_date,
           CASE WHEN jj < ${LUNCHES} THEN 'lunch' ELSE 'dinner' END AS period_id,
           COALESCE(p.elder_id, 'c' || k.c || '-e' || CASE WHEN jj < ${LUNCHES} THEN jj ELSE jj - ${LUNCHES} END) AS elder_id,
           ('${MONTH_FROM}T00:00:00Z'::timestamptz + make_interval(days => dd)
              + CASE WHEN jj < ${LUNCHES} THEN interval '3 hours' + make_interval(mins => jj) ELSE interval '9 hours' + make_interval(mins => jj - ${LUNCHES}) END) AS at,
           ((CASE WHEN jj < ${LUNCHES} THEN jj ELSE jj - ${LUNCHES} END) % 2 = 1) AS over80
      FROM bench_kiosks k
     CROSS JOIN generate_series(0, ${DAYS - 1}) AS gd(dd)
     CROSS JOIN generate_series(0, ${MEALS_A_DAY - 1}) AS gj(jj)
      LEFT JOIN bench_planted p ON p.c = k.c AND p.d = dd AND jj = ${LUNCHES - 1}`;
  await step(
    db,
    'ledger_records',
    `INSERT INTO ledger_records (device_id, seq, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash, received_at)
     SELECT device_id, seq, 'checkin', at, service_date, period_id, elder_id, 'cashier-1', NULL, '{}'::jsonb,
            md5(device_id || (seq - 1)) || md5((seq - 1) || device_id), md5(device_id || seq) || md5(seq || device_id), at + interval '2 minutes'
       FROM (${planned}) x`,
  );
  await step(
    db,
    'meals',
    `INSERT INTO meals (device_id, seq, district_id, canteen_id, kind, at, service_date, period_id, elder_id, quantity, age, age_band, statuses,
                        hukou_region, residence_region, care_home, tier_id, policy_id, policy_version, standard, personal, claimed_subsidy,
                        subsidy, operator_subsidy, claimable, backfilled, voided_seq)
     SELECT device_id, seq, $1, canteen_id, 'checkin', at, service_date, period_id, elder_id, 1,
            CASE WHEN over80 THEN 85 ELSE 75 END, CASE WHEN over80 THEN '80-89' ELSE '70-79' END, '{}',
            '440104' || lpad(((c % 20) + 1)::text, 3, '0'), '440104' || lpad(((c % 20) + 1)::text, 3, '0'), false,
            CASE WHEN over80 THEN 'age80' ELSE 'age60' END, 'guangzhou-zhucan', 2, 1300,
            CASE WHEN over80 THEN 300 ELSE 400 END, CASE WHEN over80 THEN 1000 ELSE 900 END, CASE WHEN over80 THEN 1000 ELSE 900 END,
            0, true, false, NULL
       FROM (${planned}) x`,
    [districtId],
  );
  await step(
    db,
    'meal_funding',
    `INSERT INTO meal_funding (device_id, seq, source, amount)
     SELECT m.device_id, m.seq, s.source, CASE WHEN s.source = 'town' THEN m.subsidy - 600 ELSE 300 END
       FROM meals m CROSS JOIN (VALUES ('city'), ('district'), ('town')) s(source)
      WHERE m.district_id = $1`,
    [districtId],
  );
  await step(
    db,
    'daily_counts',
    `INSERT INTO daily_counts (canteen_id, service_date, period_id, age_band, claimable, district_id, meals, standard, personal, claimed_subsidy, subsidy, operator_subsidy)
     SELECT canteen_id, service_date, period_id, age_band, claimable, district_id, sum(quantity), sum(standard), sum(personal), sum(claimed_subsidy), sum(subsidy), sum(operator_subsidy)
       FROM meals WHERE district_id = $1 AND voided_seq IS NULL
      GROUP BY canteen_id, service_date, period_id, age_band, claimable, district_id`,
    [districtId],
  );
  await step(
    db,
    'daily_funding',
    `INSERT INTO daily_funding (canteen_id, service_date, source, district_id, amount)
     SELECT m.canteen_id, m.service_date, f.source, m.district_id, sum(f.amount)
       FROM meal_funding f JOIN meals m ON m.device_id = f.device_id AND m.seq = f.seq
      WHERE m.district_id = $1 AND m.voided_seq IS NULL
      GROUP BY m.canteen_id, m.service_date, f.source, m.district_id`,
    [districtId],
  );
  await db.execute(`UPDATE devices d SET head_seq = ${DAYS * MEALS_A_DAY}, head_hash = md5(d.device_id || ${DAYS * MEALS_A_DAY}) || md5(${DAYS * MEALS_A_DAY} || d.device_id) FROM bench_kiosks k WHERE k.device_id = d.device_id`);
  await db.execute(`DROP TABLE bench_kiosks`);
  await db.execute(`DROP TABLE bench_planted`);
  // A real hub's autovacuum analyses tables that grew this much; do it now rather than wait for it.
  await step(db, 'ANALYZE', `ANALYZE`);
  const planted2 = new Set(plants.map((p) => `${p.elderId}|${dateOf(p.d)}|lunch`));
  return { canteens, meals: canteens * DAYS * MEALS_A_DAY, planted: planted2, fillMs: nowMs() - t0 };
}
