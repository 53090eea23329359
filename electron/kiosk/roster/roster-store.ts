import { randomFillSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SqliteError } from 'better-sqlite3';
import { z } from 'zod';
import { isLocalDate } from '../../../shared/dates.js';
import { formatProblem, parseWith } from '../../../shared/parse.js';
import { maskResidentId, parseResidentId } from '../../../shared/idcard.js';
import type { IdProblem, ResidentId } from '../../../shared/idcard.js';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import type { ReadHandle, WriteTx } from '../store/open.js';
import { isWiegandKey } from '../readers/card-uid-formats.js';
import { normaliseCardUid } from '../../../shared/roster/card-uid.js';
import { ELDER_COLUMNS, loadElder, loadEldersFromRows } from './elder-rows.js';
import type { CardState, Elder, ElderCard, ElderStatusRow } from './elder-rows.js';
import { hashResidentId, idHashKey, readIdHashKey } from './id-hash.js';
import { INITIALS_QUERY, nameInitials } from './name-initials.js';
import { inWrite, readerOf } from './store-access.js';
import type { Reader, Writer } from './store-access.js';

export type { CardState, Elder, ElderCard, ElderStatusRow } from './elder-rows.js';
export { allElders } from './elder-rows.js';

/**
 * The roster in the kiosk's database. Every function takes the store, or a handle: a write given
 * the store is its own transaction; given the WriteTx of `store.write(tx => …)` it joins that one,
 * so the caller decides what is all-or-nothing — one manager action, or a whole import.
 *
 * The resident ID number comes in only as a parsed ResidentId and leaves only as a hash and a mask.
 */

/** What the manager (or an import) says about an elder. */
export interface ElderInput {
  readonly resident: ResidentId;
  readonly name: string;
  // For each field below: undefined keeps what the roster has (a new elder gets the default,
  // null or false); null clears it. An import whose file lacks a column changes nothing there.
  readonly hukouRegion?: string | null;
  readonly residenceRegion?: string | null;
  readonly careHome?: boolean;
  readonly phone?: string | null;
  readonly dietAlert?: string | null;
  readonly regular?: boolean;
  readonly livesAlone?: boolean;
  /** Only for a new elder; suspension is `setActive`, an explicit act. */
  readonly active?: boolean;
}

export interface UpsertOutcome {
  readonly id: string;
  readonly created: boolean;
}

export type RosterRefusalCode = 'badUid' | 'unknownElder' | 'unknownCard' | 'cardTaken' | 'cardNotActive' | 'badStatus';

/** Why a roster action was refused, in words for the manager. */
export interface RosterRefusal {
  readonly code: RosterRefusalCode;
  readonly message: Message;
}

function refuse(code: RosterRefusalCode, key: string, params?: Record<string, string | number>): RosterRefusal {
  return { code, message: message(key, params) };
}

// ---- elders ----

// Crockford's base32: no I, L, O or U, so an id read aloud or copied by hand is not misread.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// randomBytes costs microseconds per call whatever the size; an import makes 100,000 ids, so
// random bytes are drawn 10,000 ids at a time (as Node's randomUUID pools its own).
const ID_CHARS = 10;
const pool = Buffer.alloc(ID_CHARS * 10_000);
let poolAt = pool.length;

/** 'E' and 10 random base32 characters (50 bits). Not derived from the person: it says nothing about them. */
export function newElderId(): string {
  if (poolAt + ID_CHARS > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let id = 'E';
  for (let i = 0; i < ID_CHARS; i++) id += BASE32.charAt((pool[poolAt + i] ?? 0) & 31);
  poolAt += ID_CHARS;
  return id;
}

/** Optional columns and how an ElderInput field is stored. Fixed here, so SQL built from it is bounded. */
const OPTIONAL_COLUMNS = [
  ['hukouRegion', 'hukou_region'],
  ['residenceRegion', 'residence_region'],
  ['careHome', 'care_home'],
  ['phone', 'phone'],
  ['dietAlert', 'diet_alert'],
  ['regular', 'regular'],
  ['livesAlone', 'lives_alone'],
] as const satisfies readonly (readonly [keyof ElderInput, string])[];

function sqlValue(v: string | boolean | null): string | number | null {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** The id of the elder with this resident ID number, if any. */
export function elderIdByHash(from: Reader, idHash: string): string | undefined {
  return readerOf(from).stmt<{ id: string }>('SELECT id FROM elders WHERE id_hash = ?').get(idHash)?.id;
}

/**
 * Adds the elder, or updates the one with the same resident ID number (matched by its hash).
 * Birth date and sex come from the ID number itself, so they cannot disagree with it.
 */
export function upsertElder(db: Writer, input: ElderInput, now: string): UpsertOutcome {
  if (input.name.trim() === '') throw new RangeError('upsertElder: the name is empty');
  return inWrite(db, (tx) => writeElder(tx, idHashKey(tx), input, now));
}

function writeElder(tx: WriteTx, key: KeyObject, input: ElderInput, now: string): UpsertOutcome {
  const name = input.name.trim();
  const { resident } = input;
  const idHash = hashResidentId(key, resident.number);
  const existing = elderIdByHash(tx, idHash);

  // Only the fields given are written; the statement for each combination is cached by its text.
  const given = OPTIONAL_COLUMNS.filter(([field]) => input[field] !== undefined);
  const values = given.map(([field]) => sqlValue(input[field] ?? null));
  const masked = maskResidentId(resident.number);

  // The initials go with every write of the name (the manual search finds 王建国 by "wjg").
  const initials = nameInitials(name);

  if (existing !== undefined) {
    const sets = ['name = ?', 'name_initials = ?', 'birth_date = ?', 'sex = ?', 'id_masked = ?', 'updated_at = ?', ...given.map(([, col]) => `${col} = ?`)];
    tx.stmt(`UPDATE elders SET ${sets.join(', ')} WHERE id = ?`).run(name, initials, resident.birthDate, resident.sex, masked, now, ...values, existing);
    return { id: existing, created: false };
  }

  const columns = ['id', 'name', 'name_initials', 'birth_date', 'sex', 'id_masked', 'id_hash', 'active', 'created_at', 'updated_at', ...given.map(([, col]) => col)];
  const insert = tx.stmt(`INSERT INTO elders (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (;;) {
    const id = newElderId();
    try {
      insert.run(id, name, initials, resident.birthDate, resident.sex, masked, idHash, input.active === false ? 0 : 1, now, now, ...values);
      return { id, created: true };
    } catch (e) {
      // 50 random bits clash about once in 10^10 inserts on a large roster: draw again. The failed
      // statement alone is undone; the transaction goes on.
      if (!(e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw e;
    }
  }
}

/** What the manager may change of an elder already registered: everything but the ID number. */
export type ElderFields = Omit<ElderInput, 'resident' | 'active'>;

/**
 * Edits an elder found by id, without the resident ID number (the kiosk does not keep it, so the
 * manager is never asked to type it again). Birth date and sex stay as the ID number gave them.
 * Fields left undefined keep what the roster has; null clears.
 */
export function updateElder(db: Writer, elderId: string, fields: ElderFields, now: string): Result<void, RosterRefusal> {
  const name = fields.name.trim();
  if (name === '') throw new RangeError('updateElder: the name is empty');
  return inWrite(db, (tx) => {
    const given = OPTIONAL_COLUMNS.filter(([field]) => fields[field] !== undefined);
    const values = given.map(([field]) => sqlValue(fields[field] ?? null));
    const sets = ['name = ?', 'name_initials = ?', 'updated_at = ?', ...given.map(([, col]) => `${col} = ?`)];
    const { changes } = tx.stmt(`UPDATE elders SET ${sets.join(', ')} WHERE id = ?`).run(name, nameInitials(name), now, ...values, elderId);
    return changes === 0 ? err(refuse('unknownElder', 'roster.elder.unknown')) : ok(undefined);
  });
}

function elderExists(db: ReadHandle, elderId: string): boolean {
  return db.stmt('SELECT 1 FROM elders WHERE id = ?').get(elderId) !== undefined;
}

/** The elder's statuses become exactly these (an empty list removes them all). */
export function replaceStatuses(db: Writer, elderId: string, statuses: readonly ElderStatusRow[]): Result<void, RosterRefusal> {
  return inWrite(db, (tx) => {
    if (!elderExists(tx, elderId)) return err(refuse('unknownElder', 'roster.elder.unknown'));
    const seen = new Set<string>();
    for (const s of statuses) {
      const datesOk = (s.validFrom === null || isLocalDate(s.validFrom)) && (s.validTo === null || isLocalDate(s.validTo));
      if (s.code.trim() === '' || !datesOk) return err(refuse('badStatus', 'roster.status.invalid', { code: s.code }));
      if (s.validFrom !== null && s.validTo !== null && s.validTo < s.validFrom) {
        return err(refuse('badStatus', 'roster.status.endsBeforeStart', { code: s.code }));
      }
      const key = `${s.code}\u0000${s.validFrom ?? ''}`;
      if (seen.has(key)) return err(refuse('badStatus', 'roster.status.twice', { code: s.code }));
      seen.add(key);
    }
    writeStatuses(tx, elderId, statuses, true);
    return ok(undefined);
  });
}

function writeStatuses(tx: WriteTx, elderId: string, statuses: readonly ElderStatusRow[], replace: boolean): void {
  if (replace) tx.stmt('DELETE FROM elder_statuses WHERE elder_id = ?').run(elderId);
  const insert = tx.stmt('INSERT INTO elder_statuses (elder_id, code, valid_from, valid_to) VALUES (?, ?, ?, ?)');
  for (const s of statuses) insert.run(elderId, s.code, s.validFrom, s.validTo);
}

/** Suspends (active = false) or reinstates an elder. A suspended elder is still found, and shown as suspended. */
export function setActive(db: Writer, elderId: string, active: boolean, now: string): Result<void, RosterRefusal> {
  return inWrite(db, (tx) => {
    const { changes } = tx.stmt('UPDATE elders SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now, elderId);
    return changes === 0 ? err(refuse('unknownElder', 'roster.elder.unknown')) : ok(undefined);
  });
}

// ---- cards ----

/** Who holds a card (canonical UID), whatever its state. */
export interface CardBinding {
  readonly uid: string;
  readonly elderId: string;
  readonly elderName: string;
  /** For telling "this elder's own card" from "someone else's" without the plain ID number. */
  readonly idHash: string;
  readonly state: CardState;
  readonly boundAt: string;
  readonly stateChangedAt: string | null;
}

const cardBindingRowSchema = z.object({
  uid: z.string(),
  elder_id: z.string(),
  name: z.string(),
  id_hash: z.string(),
  state: z.enum(['active', 'lost', 'replaced']),
  bound_at: z.string(),
  state_changed_at: z.string().nullable(),
});

export function cardBinding(from: Reader, uid: string): CardBinding | undefined {
  const row = readerOf(from)
    .stmt(
      `SELECT c.uid, c.elder_id, e.name, e.id_hash, c.state, c.bound_at, c.state_changed_at
       FROM cards c JOIN elders e ON e.id = c.elder_id WHERE c.uid = ?`,
    )
    .get(uid);
  if (row === undefined) return undefined;
  const parsed = parseWith(cardBindingRowSchema, row, 'cards row');
  // The schema's CHECK constraints make this unreachable short of a damaged file.
  if (!parsed.ok) throw new Error(formatProblem(parsed.error, 'en'));
  const c = parsed.value;
  return {
    uid: c.uid,
    elderId: c.elder_id,
    elderName: c.name,
    idHash: c.id_hash,
    state: c.state,
    boundAt: c.bound_at,
    stateChangedAt: c.state_changed_at,
  };
}

export interface BindCardOptions {
  /** A card of this elder that the new one replaces (a worn or broken card): it becomes 'replaced'. */
  readonly replaces?: string;
}

/**
 * Binds a card to an elder. Binding the elder's own active card again is a no-op. A card held by
 * another elder is refused, whatever its state: a card moves only after it is reported lost and
 * a new one issued. The elder's own lost card is refused too: it may be in a stranger's pocket.
 */
export function bindCard(db: Writer, elderId: string, rawUid: string, now: string, opts: BindCardOptions = {}): Result<ElderCard, RosterRefusal> {
  return inWrite(db, (tx) => {
    const uid = normaliseCardUid(rawUid);
    if (!uid.ok) return err({ code: 'badUid', message: uid.error });
    if (!elderExists(tx, elderId)) return err(refuse('unknownElder', 'roster.elder.unknown'));

    const held = cardBinding(tx, uid.value);
    if (held !== undefined && held.elderId !== elderId) {
      return err(refuse('cardTaken', 'roster.card.taken', { uid: uid.value, name: held.elderName }));
    }
    if (held !== undefined && held.state !== 'active') {
      return err(refuse('cardNotActive', held.state === 'lost' ? 'roster.card.wasLost' : 'roster.card.wasReplaced', { uid: uid.value }));
    }

    let replaced: string | undefined;
    if (opts.replaces !== undefined) {
      const old = normaliseCardUid(opts.replaces);
      if (!old.ok) return err({ code: 'badUid', message: old.error });
      const oldCard = cardBinding(tx, old.value);
      if (oldCard === undefined || oldCard.elderId !== elderId) {
        return err(refuse('unknownCard', 'roster.card.notThisElders', { uid: old.value }));
      }
      replaced = old.value;
    }

    if (held === undefined) insertCard(tx, elderId, uid.value, now);
    if (replaced !== undefined && replaced !== uid.value) {
      tx.stmt(`UPDATE cards SET state = 'replaced', state_changed_at = ? WHERE uid = ? AND state <> 'replaced'`).run(now, replaced);
    }
    return ok({ uid: uid.value, state: 'active' });
  });
}

function insertCard(tx: WriteTx, elderId: string, uid: string, now: string): void {
  tx.stmt(`INSERT INTO cards (uid, elder_id, state, bound_at, state_changed_at) VALUES (?, ?, 'active', ?, NULL)`).run(uid, elderId, now);
}

/** Marks a card lost: from now on a swipe of it is refused and says so. */
export function reportCardLost(db: Writer, rawUid: string, now: string): Result<{ uid: string; elderId: string }, RosterRefusal> {
  return inWrite(db, (tx) => {
    const uid = normaliseCardUid(rawUid);
    if (!uid.ok) return err({ code: 'badUid', message: uid.error });
    const held = cardBinding(tx, uid.value);
    if (held === undefined) return err(refuse('unknownCard', 'roster.card.unknown', { uid: uid.value }));
    if (held.state !== 'active') {
      return err(refuse('cardNotActive', held.state === 'lost' ? 'roster.card.alreadyLost' : 'roster.card.wasReplaced', { uid: uid.value }));
    }
    tx.stmt(`UPDATE cards SET state = 'lost', state_changed_at = ? WHERE uid = ?`).run(now, uid.value);
    return ok({ uid: uid.value, elderId: held.elderId });
  });
}

// ---- bulk ----

/**
 * The writes of an import, inside its one transaction, for rows the importer has already checked in
 * that same transaction: the hash key is read once, and the look-ups the single-elder functions
 * make before each write (does the elder exist, who holds this card) are not repeated. Not for
 * anything else: without those checks a wrong call is a constraint error, not a refusal.
 */
export class RosterBulkWriter {
  readonly #tx: WriteTx;
  /** The kiosk's ID-hash key (made now if this is the first elder ever), for the importer's checks too. */
  readonly key: KeyObject;

  constructor(tx: WriteTx) {
    this.#tx = tx;
    this.key = idHashKey(tx);
  }

  upsert(input: ElderInput, now: string): UpsertOutcome {
    if (input.name.trim() === '') throw new RangeError('upsertElder: the name is empty');
    return writeElder(this.#tx, this.key, input, now);
  }

  /** Statuses already validated (dates, order, no repeats); a new elder has none to delete. */
  setStatuses(elderId: string, statuses: readonly ElderStatusRow[], newElder: boolean): void {
    writeStatuses(this.#tx, elderId, statuses, !newElder);
  }

  /** A canonical UID that no elder holds (checked in this transaction). */
  addCard(elderId: string, uid: string, now: string): void {
    insertCard(this.#tx, elderId, uid, now);
  }
}

// ---- look-ups ----

export type CardLookup =
  | { readonly kind: 'found'; readonly elder: Elder; readonly statuses: readonly ElderStatusRow[]; readonly card: ElderCard }
  | { readonly kind: 'notFound'; readonly uid: string }
  /** The card was reported lost: whoever holds it now may not be its owner. */
  | { readonly kind: 'lost'; readonly uid: string; readonly elderId: string; readonly since: string | null }
  | { readonly kind: 'replaced'; readonly uid: string; readonly elderId: string; readonly since: string | null }
  /** A Wiegand key (6 hex digits) that two or more active cards end in: refused, never a guess. */
  | { readonly kind: 'ambiguous'; readonly key: string; readonly count: number; readonly message: Message }
  | { readonly kind: 'badUid'; readonly message: Message };

/**
 * Active 4-byte cards whose low 24 bits are this Wiegand key. Written to match the partial
 * expression index cards_by_wiegand_key (migration 0003) term for term. LIMIT 2: one is a match,
 * two are already too many.
 */
// Every card, whatever its state: a lost card that shares its low 24 bits with another card must
// make the swipe ambiguous (or lost), never check in the other card's owner.
export const WIEGAND_LOOKUP_SQL = `SELECT uid FROM cards WHERE length(uid) = 8 AND substr(uid, -6) = ? ORDER BY uid LIMIT 2`;

/** What a swipe finds. A suspended elder is found (elder.active false); the caller decides what follows. */
export function findByCard(from: Reader, rawUid: string): CardLookup {
  const db = readerOf(from);
  const uid = normaliseCardUid(rawUid);
  if (!uid.ok) return { kind: 'badUid', message: uid.error };
  // An exact binding first (a card bound by its Wiegand key is its own entry); then, for a Wiegand
  // key, the whole UIDs it could be the low 24 bits of.
  let held = cardBinding(db, uid.value);
  if (held === undefined && isWiegandKey(uid.value)) {
    const matches = db.stmt<{ uid: string }>(WIEGAND_LOOKUP_SQL).all(uid.value);
    const [only] = matches;
    if (matches.length > 1) return { kind: 'ambiguous', key: uid.value, count: matches.length, message: message('reader.card.ambiguous') };
    if (only !== undefined) held = cardBinding(db, only.uid);
  }
  if (held === undefined) return { kind: 'notFound', uid: uid.value };
  switch (held.state) {
    case 'lost':
      return { kind: 'lost', uid: held.uid, elderId: held.elderId, since: held.stateChangedAt };
    case 'replaced':
      return { kind: 'replaced', uid: held.uid, elderId: held.elderId, since: held.stateChangedAt };
    case 'active': {
      const elder = loadElder(db, held.elderId);
      // cards.elder_id references elders(id): a missing elder means a damaged file.
      if (elder === undefined) throw new Error(`card ${held.uid} points at a missing elder`);
      return { kind: 'found', elder, statuses: elder.statuses, card: { uid: held.uid, state: 'active' } };
    }
  }
}

export type IdLookup =
  | { readonly kind: 'found'; readonly elder: Elder }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'badId'; readonly problem: IdProblem };

/** Finds an elder by resident ID number (typed, or read from the ID card), through its hash. */
export function findById(from: Reader, input: string): IdLookup {
  const db = readerOf(from);
  const parsed = parseResidentId(input);
  if (!parsed.ok) return { kind: 'badId', problem: parsed.error };
  // No key yet means no elder was ever written, so there is nothing to find.
  const key = readIdHashKey(db);
  const id = key === undefined ? undefined : elderIdByHash(db, hashResidentId(key, parsed.value.number));
  const elder = id === undefined ? undefined : loadElder(db, id);
  return elder === undefined ? { kind: 'notFound' } : { kind: 'found', elder };
}

export function getElder(from: Reader, id: string): Elder | undefined {
  return loadElder(readerOf(from), id);
}

export function countElders(from: Reader, opts: { activeOnly?: boolean } = {}): number {
  const db = readerOf(from);
  const sql = opts.activeOnly === true ? 'SELECT count(*) AS n FROM elders WHERE active = 1' : 'SELECT count(*) AS n FROM elders';
  return db.stmt<{ n: number }>(sql).get()?.n ?? 0;
}

export interface SearchOptions {
  /** At most this many (default 20, at most 100): a search is for picking one person. */
  readonly limit?: number;
  readonly includeSuspended?: boolean;
}

const LAST_FOUR = /^\d{3}[\dX]$/;
const LIKE_SPECIAL = /[\\%_]/g;

/**
 * For a forgotten card: the cashier types part of the name, or the last 4 characters of the ID
 * number. Exact name first, then names starting with the text, then the rest; active elders before
 * suspended ones; then by name.
 */
export function searchElders(from: Reader, query: string, opts: SearchOptions = {}): Elder[] {
  const db = readerOf(from);
  const q = query.normalize('NFKC').trim();
  if (q === '') return [];
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 100));
  const suspended = opts.includeSuspended === false ? 'AND e.active = 1' : '';
  const lastFour = q.toUpperCase();
  if (LAST_FOUR.test(lastFour)) {
    const rows = db
      .stmt(`SELECT ${ELDER_COLUMNS} FROM elders e WHERE substr(e.id_masked, -4) = ? ${suspended} ORDER BY e.active DESC, e.name, e.id LIMIT ?`)
      .all(lastFour, limit);
    return loadEldersFromRows(db, rows);
  }
  const pattern = `%${q.replace(LIKE_SPECIAL, (c) => `\\${c}`)}%`;
  const rows = db
    .stmt<{ id: string; name: string }>(
      `SELECT ${ELDER_COLUMNS} FROM elders e WHERE e.name LIKE ? ESCAPE '\\' ${suspended}
       ORDER BY (e.name = ?) DESC, (substr(e.name, 1, length(?)) = ?) DESC, e.active DESC, e.name, e.id LIMIT ?`,
    )
    .all(pattern, q, q, q, limit);
  if (!INITIALS_QUERY.test(q)) return loadEldersFromRows(db, rows);

  // Latin letters may be a name written in them (Tom) or pinyin initials (wjg → 王建国): both. A name
  // typed exactly stays first; then the initials (whole initials before longer ones starting so),
  // then the other name matches. A separate query, so that it can use elders_by_initials.
  const lower = q.toLowerCase();
  const initials = db.stmt<{ id: string; name: string }>(initialsSql(suspended)).all(`${lower}*`, lower, limit);
  const exact = rows.filter((r) => r.name.toLowerCase() === lower);
  const seen = new Set<string>();
  const merged = [...exact, ...initials, ...rows].filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
  return loadEldersFromRows(db, merged.slice(0, limit));
}

/**
 * Elders whose name initials start with the (lower-case) query. GLOB, not LIKE: case-sensitive like
 * the column's BINARY collation, so SQLite turns the prefix into a range on elders_by_initials.
 */
export function initialsSql(suspended: '' | 'AND e.active = 1'): string {
  return `SELECT ${ELDER_COLUMNS} FROM elders e WHERE e.name_initials GLOB ? ${suspended}
       ORDER BY (e.name_initials = ?) DESC, e.active DESC, e.name, e.id LIMIT ?`;
}
