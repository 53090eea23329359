/**
 * Reading district elders back from the database: each row through zod, with its statuses and cards
 * loaded in one query each for a whole page (never one query per elder).
 */
import { z } from 'zod';
import { maskResidentId } from '../../shared/idcard.js';
import { dbInstant, dbInt, dbLocalDate, jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import type { RosterElderView } from '../../shared/hub-api/roster-views.js';
import type { RosterCardState } from '../../shared/roster/package.js';

export const ELDER_COLUMNS = `e.elder_id, e.district_id, e.name, e.id_number, e.birth_date, e.sex, e.hukou_region, e.residence_region,
  e.care_home, e.lives_alone, e.active, e.suspended_reason, e.suspended_since, e.version, e.updated_at`;

export const elderRow = z.object({
  elder_id: z.string(),
  district_id: dbInt,
  name: z.string(),
  id_number: z.string(),
  birth_date: dbLocalDate,
  sex: z.enum(['M', 'F']),
  hukou_region: z.string().nullable(),
  residence_region: z.string().nullable(),
  care_home: z.boolean(),
  lives_alone: z.boolean(),
  active: z.boolean(),
  suspended_reason: z.string().nullable(),
  suspended_since: dbInstant.nullable(),
  version: dbInt,
  updated_at: dbInstant,
});
export type ElderRow = z.infer<typeof elderRow>;

export interface StatusOfElder {
  readonly code: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export interface CardOfElder {
  readonly uid: string;
  readonly state: RosterCardState;
}

const statusRow = z.object({ elder_id: z.string(), code: z.string(), valid_from: dbLocalDate.nullable(), valid_to: dbLocalDate.nullable() });
const cardRow = z.object({ elder_id: z.string(), uid: z.string(), state: z.enum(['active', 'lost', 'replaced']) });

/**
 * A list of values as one jsonb parameter ($1), as an array to compare with `= ANY (…)`: the SqlParam
 * layer takes no arrays, one statement text serves any count, and `col = ANY (array)` is answered
 * from the column's index (an `IN (SELECT …)` was planned as a scan of the whole district per chunk).
 */
export function anyOf(param: string): string {
  return `ANY (ARRAY(SELECT jsonb_array_elements_text(${param}::jsonb)))`;
}

export async function statusesOf(db: HubQueries, elderIds: readonly string[]): Promise<Map<string, StatusOfElder[]>> {
  const byElder = new Map<string, StatusOfElder[]>();
  if (elderIds.length === 0) return byElder;
  // Stable order for comparison and display: by code, "since always" first.
  const rows = await db.query(
    `SELECT elder_id, code, valid_from, valid_to FROM roster_elder_statuses WHERE elder_id = ${anyOf('$1')}
     ORDER BY elder_id, code, valid_from NULLS FIRST, valid_to NULLS LAST`,
    [jsonParam(elderIds)],
    statusRow,
  );
  for (const r of rows) {
    const list = byElder.get(r.elder_id) ?? [];
    list.push({ code: r.code, validFrom: r.valid_from, validTo: r.valid_to });
    byElder.set(r.elder_id, list);
  }
  return byElder;
}

export async function cardsOf(db: HubQueries, elderIds: readonly string[]): Promise<Map<string, CardOfElder[]>> {
  const byElder = new Map<string, CardOfElder[]>();
  if (elderIds.length === 0) return byElder;
  const rows = await db.query(
    `SELECT elder_id, uid, state FROM roster_cards WHERE elder_id = ${anyOf('$1')} ORDER BY elder_id, bound_at, uid`,
    [jsonParam(elderIds)],
    cardRow,
  );
  for (const r of rows) {
    const list = byElder.get(r.elder_id) ?? [];
    list.push({ uid: r.uid, state: r.state });
    byElder.set(r.elder_id, list);
  }
  return byElder;
}

/** What district staff see: the number masked (first 6 and last 4 at most, DESIGN §3). */
export function toElderView(row: ElderRow, statuses: readonly StatusOfElder[], cards: readonly CardOfElder[]): RosterElderView {
  return {
    elderId: row.elder_id,
    name: row.name,
    idMasked: maskResidentId(row.id_number),
    birthDate: row.birth_date,
    sex: row.sex,
    hukouRegion: row.hukou_region,
    residenceRegion: row.residence_region,
    careHome: row.care_home,
    livesAlone: row.lives_alone,
    active: row.active,
    suspendedReason: row.suspended_reason,
    suspendedSince: row.suspended_since,
    statuses: statuses.map((s) => ({ ...s })),
    cards: cards.map((c) => ({ ...c })),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Rows already selected with ELDER_COLUMNS, as views, in the same order. */
export async function viewsOf(db: HubQueries, rows: readonly ElderRow[]): Promise<RosterElderView[]> {
  const ids = rows.map((r) => r.elder_id);
  const [statuses, cards] = await Promise.all([statusesOf(db, ids), cardsOf(db, ids)]);
  return rows.map((r) => toElderView(r, statuses.get(r.elder_id) ?? [], cards.get(r.elder_id) ?? []));
}
