/**
 * What the system tests read back from the hub's database and compare with the kiosk's own day
 * closes: one comparable shape per canteen day, so "the hub counted what the kiosk closed, exactly"
 * is a single toEqual. The hub keeps a day as daily_counts cells (period × age band × claimable);
 * the kiosk's close keeps its meals by period × age band × tier × subsidised and its sales as one
 * total. Both fold into cells by (period, age band, claimable) plus the day's sales.
 */
import { z } from 'zod';
import { dbInt } from '../../../server/db/index.js';
import type { HubQueries } from '../../../server/db/index.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import type { DayTotals } from '../../../shared/ledger/bodies.js';

export interface CountCell {
  readonly periodId: string;
  readonly ageBand: string;
  readonly claimable: boolean;
  readonly meals: number;
  readonly standard: number;
  readonly personal: number;
  /** What the kiosk claimed, and what the hub owes by its own pricing: equal for an honest kiosk. */
  readonly claimedSubsidy: number;
  readonly subsidy: number;
}

export interface CountedDay {
  /** Check-in cells, sorted by period, age band, claimable. */
  readonly cells: readonly CountCell[];
  /** Full-price sales to anyone: meals (quantities) and what was paid. */
  readonly sales: { readonly count: number; readonly amount: number };
}

function sortCells(cells: CountCell[]): CountCell[] {
  return cells.sort((a, b) => a.periodId.localeCompare(b.periodId) || a.ageBand.localeCompare(b.ageBand) || Number(a.claimable) - Number(b.claimable));
}

/** The kiosk's day close folded into the hub's cells. */
export function countedFromClose(totals: DayTotals): CountedDay {
  const cells = new Map<string, { -readonly [K in keyof CountCell]: CountCell[K] }>();
  for (const m of totals.meals) {
    const key = `${m.periodId}|${m.ageBand}|${m.subsidised}`;
    const cell = cells.get(key) ?? { periodId: m.periodId, ageBand: m.ageBand, claimable: m.subsidised, meals: 0, standard: 0, personal: 0, claimedSubsidy: 0, subsidy: 0 };
    cell.meals += m.count;
    cell.standard += m.standard;
    cell.personal += m.personal;
    cell.claimedSubsidy += m.subsidy;
    cell.subsidy += m.subsidy;
    cells.set(key, cell);
  }
  return { cells: sortCells([...cells.values()]), sales: { count: totals.sales.count, amount: totals.sales.amount } };
}

const cellRow = z.object({
  period_id: z.string(),
  age_band: z.string(),
  claimable: z.boolean(),
  meals: dbInt,
  standard: dbInt,
  personal: dbInt,
  claimed_subsidy: dbInt,
  subsidy: dbInt,
});

/** The hub's daily_counts of one canteen day in the same shape (cells with no meals left are dropped). */
export async function countedAtHub(db: HubQueries, canteenId: number, serviceDate: string): Promise<CountedDay> {
  const rows = await db.query(
    `SELECT period_id, age_band, claimable, meals, standard, personal, claimed_subsidy, subsidy
       FROM daily_counts WHERE canteen_id = $1 AND service_date = $2 AND meals > 0`,
    [canteenId, serviceDate],
    cellRow,
  );
  const sales = { count: 0, amount: 0 };
  const cells: CountCell[] = [];
  for (const r of rows) {
    if (r.age_band === 'none') {
      sales.count += r.meals;
      sales.amount += r.personal;
      continue;
    }
    cells.push({ periodId: r.period_id, ageBand: r.age_band, claimable: r.claimable, meals: r.meals, standard: r.standard, personal: r.personal, claimedSubsidy: r.claimed_subsidy, subsidy: r.subsidy });
  }
  return { cells: sortCells(cells), sales };
}

/** Every daily_counts row of a canteen, as text: equal before and after means nothing was recounted. */
export async function dailyCountsSnapshot(db: HubQueries, canteenId: number): Promise<string> {
  const rows = await db.query(
    `SELECT row_to_json(d)::text AS j FROM daily_counts d WHERE canteen_id = $1 ORDER BY service_date, period_id, age_band, claimable`,
    [canteenId],
    z.object({ j: z.string() }),
  );
  return rows.map((r) => r.j).join('\n');
}

/** The hub's head of a device's chain. */
export async function hubHead(db: HubQueries, deviceId: string): Promise<ChainPosition> {
  const [row] = await db.query(`SELECT head_seq, head_hash FROM devices WHERE device_id = $1`, [deviceId], z.object({ head_seq: dbInt, head_hash: z.string() }));
  if (row === undefined) throw new Error(`the hub has no device ${deviceId}`);
  return { seq: row.head_seq, hash: row.head_hash };
}

/** How many ledger records the hub stored for a device, and how many distinct seqs (equal: none twice). */
export async function storedRecords(db: HubQueries, deviceId: string): Promise<{ rows: number; seqs: number; maxSeq: number }> {
  const [row] = await db.query(
    `SELECT count(*)::bigint AS n, count(DISTINCT seq)::bigint AS d, coalesce(max(seq), 0)::bigint AS m FROM ledger_records WHERE device_id = $1`,
    [deviceId],
    z.object({ n: dbInt, d: dbInt, m: dbInt }),
  );
  return { rows: row?.n ?? 0, seqs: row?.d ?? 0, maxSeq: row?.m ?? 0 };
}

/** Sum of records the hub took as new, and as duplicates, over every upload of a device. */
export async function uploadTally(db: HubQueries, deviceId: string): Promise<{ accepted: number; duplicates: number; uploads: number }> {
  const [row] = await db.query(
    `SELECT coalesce(sum(accepted), 0)::bigint AS a, coalesce(sum(duplicates), 0)::bigint AS d, count(*)::bigint AS n FROM uploads WHERE device_id = $1`,
    [deviceId],
    z.object({ a: dbInt, d: dbInt, n: dbInt }),
  );
  return { accepted: row?.a ?? 0, duplicates: row?.d ?? 0, uploads: row?.n ?? 0 };
}

export interface AnomalyRow {
  readonly kind: string;
  readonly serviceDate: string | null;
  readonly details: unknown;
  readonly seqs: readonly number[];
}

/** A device's anomalies of `kind`, each with the seqs of the records behind it. */
export async function anomaliesOf(db: HubQueries, deviceId: string, kind: string): Promise<AnomalyRow[]> {
  const rows = await db.query(
    `SELECT a.id, a.kind, a.service_date::text AS service_date, a.details::text AS details,
            coalesce((SELECT json_agg(r.seq ORDER BY r.seq)::text FROM anomaly_records r WHERE r.anomaly_id = a.id), '[]') AS seqs
       FROM anomalies a WHERE a.device_id = $1 AND a.kind = $2 ORDER BY a.id`,
    [deviceId, kind],
    z.object({ id: dbInt, kind: z.string(), service_date: z.string().nullable(), details: z.string(), seqs: z.string() }),
  );
  return rows.map((r) => ({
    kind: r.kind,
    serviceDate: r.service_date,
    details: JSON.parse(r.details) as unknown,
    seqs: z.array(z.coerce.number().int()).parse(JSON.parse(r.seqs)),
  }));
}
