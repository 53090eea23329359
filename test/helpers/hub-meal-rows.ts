/**
 * Rows of the hub's counting tables, written the way the ingest (server/ingest) writes them after
 * it has verified and re-priced an upload: ledger_records (chained hashes, head kept on devices),
 * meals, meal_funding, the daily_counts / daily_funding roll-ups (sums of non-voided meals; a void
 * subtracts and marks its meal), day_closes, count_amendments and an uploads row per batch.
 *
 * It MIRRORS THE INGEST for the counting, settlement, anomaly and export suites, which were written
 * before the ingest landed: prefer real signed uploads (test/helpers/hub-upload.ts, when it exists)
 * wherever a suite can, and replace this helper when the ingest's own fixtures cover these shapes.
 * Bodies are '{}' and hashes are chained SHA-256 of the row's key: valid-looking, not verifiable.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { dbInt, jsonParam } from '../../server/db/index.js';
import type { HubQueries } from '../../server/db/index.js';

export interface SeededCanteen {
  readonly id: number;
  readonly districtId: number;
  readonly name: string;
  readonly deviceId: string;
}

/** A canteen with one enrolled kiosk. */
export async function seedCanteen(db: HubQueries, districtId: number, name: string, deviceId = `kiosk-${name}`): Promise<SeededCanteen> {
  const [row] = await db.query(
    `INSERT INTO canteens (district_id, name, region_code, address, operator_name, created_at) VALUES ($1, $2, '440104001', '', '', '2026-01-01T00:00:00.000Z') RETURNING id`,
    [districtId, name],
    z.object({ id: dbInt }),
  );
  if (row === undefined) throw new Error('no canteen');
  const key = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  await db.execute(`INSERT INTO devices (device_id, canteen_id, public_key, enrolled_at) VALUES ($1, $2, $3, '2026-01-01T00:00:00.000Z')`, [deviceId, row.id, key]);
  return { id: row.id, districtId, name, deviceId };
}

export interface MealSpec {
  readonly date: string;
  readonly period?: string;
  /** null: a full-price sale to anyone (age band 'none', never claimable). */
  readonly elderId: string | null;
  readonly ageBand?: string;
  readonly quantity?: number;
  readonly standard?: number;
  readonly personal?: number;
  /** What the kiosk claimed; default 900 fen for an elder, 0 for a sale. */
  readonly claimed?: number;
  /** What the hub owes (its own price, never above the claim); default = claimed. */
  readonly subsidy?: number;
  readonly operatorSubsidy?: number;
  /** The subsidy by funding source; default all of it from 'city'. Must sum to `subsidy`. */
  readonly funding?: Readonly<Record<string, number>>;
  readonly at?: string;
  readonly receivedAt?: string;
  /** Arrived after its day was closed: a count amendment. */
  readonly amended?: boolean;
}

export interface StoredMeal {
  readonly deviceId: string;
  readonly seq: number;
  readonly spec: Required<Omit<MealSpec, 'funding' | 'amended'>> & { readonly funding: Readonly<Record<string, number>>; readonly claimable: boolean };
}

const head = z.object({ head_seq: dbInt, head_hash: z.string() });

/** The next record of a device's chain: seq and hashes, as the ingest would have accepted them. */
async function appendRecord(
  db: HubQueries,
  deviceId: string,
  r: { kind: 'checkin' | 'sale' | 'void' | 'close'; at: string; date: string; period: string | null; elderId: string | null; targetSeq: number | null; receivedAt: string },
): Promise<number> {
  const [h] = await db.query(`SELECT head_seq, head_hash FROM devices WHERE device_id = $1`, [deviceId], head);
  if (h === undefined) throw new Error(`no device ${deviceId}`);
  const seq = h.head_seq + 1;
  const hash = createHash('sha256').update(`${deviceId}|${seq}|${r.kind}|${r.at}|${h.head_hash}`).digest('hex');
  await db.execute(
    `INSERT INTO ledger_records (device_id, seq, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'cashier-1', $8, '{}'::jsonb, $9, $10, $11)`,
    [deviceId, seq, r.kind, r.at, r.date, r.period, r.elderId, r.targetSeq, h.head_hash, hash, r.receivedAt],
  );
  await db.execute(`UPDATE devices SET head_seq = $2, head_hash = $3, last_upload_at = $4 WHERE device_id = $1`, [deviceId, seq, hash, r.receivedAt]);
  await db.execute(
    `INSERT INTO uploads (device_id, received_at, sent_at, from_seq, to_seq, accepted, outcome) VALUES ($1, $2, $2, $3, $3, 1, 'accepted')`,
    [deviceId, r.receivedAt, seq],
  );
  return seq;
}

/** Adds (sign 1) or takes out (sign -1) a meal's figures in the day's roll-ups, like the ingest's upsert. */
async function rollUp(db: HubQueries, canteen: SeededCanteen, m: StoredMeal['spec'], sign: 1 | -1): Promise<void> {
  if (sign === -1) {
    // A void's cell exists (its meal was counted); an INSERT of negative figures would fail the CHECKs
    // before ON CONFLICT is considered, so the void subtracts with an UPDATE.
    await db.execute(
      `UPDATE daily_counts SET meals = meals - $6, standard = standard - $7, personal = personal - $8, claimed_subsidy = claimed_subsidy - $9,
              subsidy = subsidy - $10, operator_subsidy = operator_subsidy - $11
        WHERE canteen_id = $1 AND service_date = $2 AND period_id = $3 AND age_band = $4 AND claimable = $5`,
      [canteen.id, m.date, m.period, m.ageBand, m.claimable, m.quantity, m.standard, m.personal, m.claimed, m.subsidy, m.operatorSubsidy],
    );
    for (const [source, amount] of Object.entries(m.funding)) {
      if (amount > 0) await db.execute(`UPDATE daily_funding SET amount = amount - $3 WHERE canteen_id = $1 AND service_date = $2 AND source = $4`, [canteen.id, m.date, amount, source]);
    }
    return;
  }
  await db.execute(
    `INSERT INTO daily_counts (canteen_id, service_date, period_id, age_band, claimable, district_id, meals, standard, personal, claimed_subsidy, subsidy, operator_subsidy)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (canteen_id, service_date, period_id, age_band, claimable) DO UPDATE SET
       meals = daily_counts.meals + EXCLUDED.meals, standard = daily_counts.standard + EXCLUDED.standard,
       personal = daily_counts.personal + EXCLUDED.personal, claimed_subsidy = daily_counts.claimed_subsidy + EXCLUDED.claimed_subsidy,
       subsidy = daily_counts.subsidy + EXCLUDED.subsidy, operator_subsidy = daily_counts.operator_subsidy + EXCLUDED.operator_subsidy`,
    [canteen.id, m.date, m.period, m.ageBand, m.claimable, canteen.districtId, m.quantity, m.standard, m.personal, m.claimed, m.subsidy, m.operatorSubsidy],
  );
  for (const [source, amount] of Object.entries(m.funding)) {
    if (amount <= 0) continue;
    await db.execute(
      `INSERT INTO daily_funding (canteen_id, service_date, source, district_id, amount) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (canteen_id, service_date, source) DO UPDATE SET amount = daily_funding.amount + EXCLUDED.amount`,
      [canteen.id, m.date, source, canteen.districtId, amount],
    );
  }
}

export async function addMeal(db: HubQueries, canteen: SeededCanteen, spec: MealSpec): Promise<StoredMeal> {
  const isSale = spec.elderId === null;
  const claimed = spec.claimed ?? (isSale ? 0 : 900);
  const subsidy = spec.subsidy ?? claimed;
  if (subsidy > claimed) throw new Error('the hub never owes more than the kiosk claimed');
  const funding = spec.funding ?? (subsidy > 0 ? { city: subsidy } : {});
  if (Object.values(funding).reduce((a, b) => a + b, 0) !== subsidy) throw new Error('funding must sum to the subsidy');
  const at = spec.at ?? `${spec.date}T04:00:00.000Z`;
  const m: StoredMeal['spec'] = {
    date: spec.date,
    period: spec.period ?? 'lunch',
    elderId: spec.elderId,
    ageBand: spec.ageBand ?? (isSale ? 'none' : '80-89'),
    quantity: spec.quantity ?? 1,
    standard: spec.standard ?? 1200,
    personal: spec.personal ?? (spec.standard ?? 1200) - claimed,
    claimed,
    subsidy,
    operatorSubsidy: spec.operatorSubsidy ?? 0,
    at,
    receivedAt: spec.receivedAt ?? `${spec.date}T10:00:00.000Z`,
    funding,
    claimable: !isSale && subsidy > 0,
  };
  const seq = await appendRecord(db, canteen.deviceId, { kind: isSale ? 'sale' : 'checkin', at, date: m.date, period: m.period, elderId: m.elderId, targetSeq: null, receivedAt: m.receivedAt });
  await db.execute(
    `INSERT INTO meals (device_id, seq, district_id, canteen_id, kind, at, service_date, period_id, elder_id, quantity, age, age_band,
                        standard, personal, claimed_subsidy, subsidy, operator_subsidy, claimable, backfilled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $13, $14, $15, $16, $17, false)`,
    [canteen.deviceId, seq, canteen.districtId, canteen.id, isSale ? 'sale' : 'checkin', at, m.date, m.period, m.elderId, m.quantity, isSale ? null : m.ageBand, m.standard, m.personal, m.claimed, m.subsidy, m.operatorSubsidy, m.claimable],
  );
  for (const [source, amount] of Object.entries(funding)) {
    if (amount > 0) await db.execute(`INSERT INTO meal_funding (device_id, seq, source, amount) VALUES ($1, $2, $3, $4)`, [canteen.deviceId, seq, source, amount]);
  }
  await rollUp(db, canteen, m, 1);
  if (spec.amended === true) {
    await db.execute(`INSERT INTO count_amendments (device_id, seq, canteen_id, service_date, kind, received_at) VALUES ($1, $2, $3, $4, 'meal', $5)`, [canteen.deviceId, seq, canteen.id, m.date, m.receivedAt]);
  }
  return { deviceId: canteen.deviceId, seq, spec: m };
}

export async function addMeals(db: HubQueries, canteen: SeededCanteen, specs: readonly MealSpec[]): Promise<StoredMeal[]> {
  const out: StoredMeal[] = [];
  for (const s of specs) out.push(await addMeal(db, canteen, s));
  return out;
}

/** A void of a stored meal: the meal is marked and leaves the roll-ups; late voids are amendments. */
export async function voidMeal(db: HubQueries, canteen: SeededCanteen, meal: StoredMeal, opts: { receivedAt?: string; amended?: boolean } = {}): Promise<number> {
  const receivedAt = opts.receivedAt ?? meal.spec.receivedAt;
  const seq = await appendRecord(db, canteen.deviceId, { kind: 'void', at: meal.spec.at, date: meal.spec.date, period: null, elderId: null, targetSeq: meal.seq, receivedAt });
  await db.execute(`UPDATE meals SET voided_seq = $3, claimable = false WHERE device_id = $1 AND seq = $2`, [meal.deviceId, meal.seq, seq]);
  await rollUp(db, canteen, meal.spec, -1);
  if (opts.amended === true) {
    await db.execute(`INSERT INTO count_amendments (device_id, seq, canteen_id, service_date, kind, received_at) VALUES ($1, $2, $3, $4, 'void', $5)`, [canteen.deviceId, seq, canteen.id, meal.spec.date, receivedAt]);
  }
  return seq;
}

/** A day close as it arrived, with whether the kiosk's totals matched the hub's recount. */
export async function closeDay(db: HubQueries, canteen: SeededCanteen, date: string, opts: { matches?: boolean; receivedAt?: string } = {}): Promise<number> {
  const receivedAt = opts.receivedAt ?? `${date}T12:00:00.000Z`;
  const seq = await appendRecord(db, canteen.deviceId, { kind: 'close', at: `${date}T11:00:00.000Z`, date, period: null, elderId: null, targetSeq: null, receivedAt });
  await db.execute(
    `INSERT INTO day_closes (device_id, seq, canteen_id, service_date, claimed, recounted, matches, received_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
    [canteen.deviceId, seq, canteen.id, date, jsonParam({ serviceDate: date }), jsonParam({ serviceDate: date }), opts.matches ?? true, receivedAt],
  );
  return seq;
}
