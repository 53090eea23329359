import { z } from 'zod';
import { localDateSchema } from '../../../shared/dates.js';
import { formatProblem, parseWith } from '../../../shared/parse.js';
import type { ElderStatusRow } from '../../../shared/roster/sheet-row.js';
import type { ReadHandle } from '../store/open.js';

/**
 * An elder as the kiosk knows one: what the cashier and manager see, and what pricing needs. No
 * resident ID number — only its masked form (the store keeps a keyed hash for look-up, never
 * returned). Every field is read back from SQLite through zod, so a hand-edited or damaged row
 * stops here with a message, not later as a wrong price.
 */
export interface Elder {
  readonly id: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  /** **************123X: the last 4 only (see maskResidentId). */
  readonly idMasked: string;
  readonly hukouRegion: string | null;
  readonly residenceRegion: string | null;
  readonly careHome: boolean;
  readonly phone: string | null;
  readonly dietAlert: string | null;
  readonly hasPhoto: boolean;
  /** False while suspended (暂停): in hospital, moved away, or under review. */
  readonly active: boolean;
  readonly regular: boolean;
  readonly livesAlone: boolean;
  readonly statuses: readonly ElderStatusRow[];
  /** Every card ever bound, oldest first, with its state. */
  readonly cards: readonly ElderCard[];
}

// The status row's shape is the row parser's, in shared/roster (the hub parses the same files).
export type { ElderStatusRow } from '../../../shared/roster/sheet-row.js';

export type CardState = 'active' | 'lost' | 'replaced';

export interface ElderCard {
  readonly uid: string;
  readonly state: CardState;
}

const flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);

const elderRowSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  birth_date: localDateSchema,
  sex: z.enum(['M', 'F']),
  id_masked: z.string(),
  hukou_region: z.string().nullable(),
  residence_region: z.string().nullable(),
  care_home: flag,
  phone: z.string().nullable(),
  diet_alert: z.string().nullable(),
  has_photo: flag,
  active: flag,
  regular: flag,
  lives_alone: flag,
});

const idOnlySchema = z.object({ id: z.string() });

const statusRowSchema = z.object({
  elder_id: z.string(),
  code: z.string().min(1),
  valid_from: localDateSchema.nullable(),
  valid_to: localDateSchema.nullable(),
});

const cardRowSchema = z.object({
  elder_id: z.string(),
  uid: z.string().min(1),
  state: z.enum(['active', 'lost', 'replaced']),
});

/** The elder columns every reader selects; the photo itself stays in the database. */
export const ELDER_COLUMNS = `e.id, e.name, e.birth_date, e.sex, e.id_masked, e.hukou_region, e.residence_region,
  e.care_home, e.phone, e.diet_alert, (e.photo IS NOT NULL) AS has_photo, e.active, e.regular, e.lives_alone`;

function parseRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  // Plain safeParse first: this runs on every swipe, and parseWith's wording is needed only for the
  // rare row that fails.
  const quick = schema.safeParse(row);
  if (quick.success) return quick.data;
  const parsed = parseWith(schema, row, what);
  // A row that fails its schema was written by something other than this code: a bug or a hand edit.
  if (!parsed.ok) throw new Error(formatProblem(parsed.error, 'en'));
  return parsed.value;
}

export function toStatus(row: unknown): ElderStatusRow & { elderId: string } {
  const s = parseRow(statusRowSchema, row, 'elder_statuses row');
  return { elderId: s.elder_id, code: s.code, validFrom: s.valid_from, validTo: s.valid_to };
}

export function toCard(row: unknown): ElderCard & { elderId: string } {
  const c = parseRow(cardRowSchema, row, 'cards row');
  return { elderId: c.elder_id, uid: c.uid, state: c.state };
}

export function toElder(row: unknown, statuses: readonly ElderStatusRow[], cards: readonly ElderCard[]): Elder {
  const e = parseRow(elderRowSchema, row, 'elders row');
  return {
    id: e.id,
    name: e.name,
    birthDate: e.birth_date,
    sex: e.sex,
    idMasked: e.id_masked,
    hukouRegion: e.hukou_region,
    residenceRegion: e.residence_region,
    careHome: e.care_home,
    phone: e.phone,
    dietAlert: e.diet_alert,
    hasPhoto: e.has_photo,
    active: e.active,
    regular: e.regular,
    livesAlone: e.lives_alone,
    statuses: statuses.map(({ code, validFrom, validTo }) => ({ code, validFrom, validTo })),
    cards: cards.map(({ uid, state }) => ({ uid, state })),
  };
}

// Status order is stable for display and comparison: by code, then start date ("since always" first).
const STATUSES_OF = `SELECT elder_id, code, valid_from, valid_to FROM elder_statuses WHERE elder_id = ?
  ORDER BY code, ifnull(valid_from, '')`;
const CARDS_OF = `SELECT elder_id, uid, state FROM cards WHERE elder_id = ? ORDER BY bound_at, uid`;

/** One elder with statuses and cards, or undefined. */
export function loadElder(db: ReadHandle, id: string): Elder | undefined {
  const row = db.stmt(`SELECT ${ELDER_COLUMNS} FROM elders e WHERE e.id = ?`).get(id);
  if (row === undefined) return undefined;
  return toElder(row, db.stmt(STATUSES_OF).all(id).map(toStatus), db.stmt(CARDS_OF).all(id).map(toCard));
}

/** Elders from rows already selected with ELDER_COLUMNS, keeping their order. */
export function loadEldersFromRows(db: ReadHandle, rows: readonly unknown[]): Elder[] {
  return rows.map((row) => {
    const id = parseRow(idOnlySchema, row, 'elders row').id;
    return toElder(row, db.stmt(STATUSES_OF).all(id).map(toStatus), db.stmt(CARDS_OF).all(id).map(toCard));
  });
}

/**
 * Every elder, in name order, for export and the paper roster. Statuses and cards are read in two
 * passes keyed by elder rather than two queries per elder: 100,000 elders is three queries.
 */
export function* allElders(db: ReadHandle): Generator<Elder> {
  const statuses = new Map<string, ElderStatusRow[]>();
  for (const row of db.stmt(`SELECT elder_id, code, valid_from, valid_to FROM elder_statuses ORDER BY elder_id, code, ifnull(valid_from, '')`).iterate()) {
    const s = toStatus(row);
    const list = statuses.get(s.elderId);
    if (list === undefined) statuses.set(s.elderId, [s]);
    else list.push(s);
  }
  const cards = new Map<string, ElderCard[]>();
  for (const row of db.stmt(`SELECT elder_id, uid, state FROM cards ORDER BY elder_id, bound_at, uid`).iterate()) {
    const c = toCard(row);
    const list = cards.get(c.elderId);
    if (list === undefined) cards.set(c.elderId, [c]);
    else list.push(c);
  }
  // all(), not iterate(): a generator's consumer may run other statements between rows.
  for (const row of db.stmt(`SELECT ${ELDER_COLUMNS} FROM elders e ORDER BY e.name, e.id`).all()) {
    const id = parseRow(idOnlySchema, row, 'elders row').id;
    yield toElder(row, statuses.get(id) ?? [], cards.get(id) ?? []);
  }
}
