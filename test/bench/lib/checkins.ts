/**
 * Driving check-ins as a canteen would: a clock that walks through the demo policy's meal periods
 * day by day, and elders presenting their cards in a shuffled order, each at most once a period
 * (the demo policy's limit), so every check-in is a new subsidised meal — none refused, none a
 * duplicate swipe.
 *
 * And the baselines: a bare durable SQLite insert of a row the same size as a ledger row, and the
 * same rows inserted into a file with the kiosk's schema.
 */
import Database from 'better-sqlite3';
import { mulberry32 } from '../../../electron/kiosk/demo/demo-roster.js';
import type { CheckinOutcome } from '../../../electron/kiosk/checkin/outcome.js';
import type { Kiosk } from '../../../electron/kiosk/kiosk.js';
import { openKiosk } from '../../../electron/kiosk/kiosk.js';
import { LEDGER_SQL } from '../../../electron/kiosk/ledger/ledger-store.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';
import { addDays, localToInstant, timeToMinutes } from '../../../shared/dates.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { demoPolicy } from '../../../electron/kiosk/demo/demo-kiosk.js';
import { activeCards, CASHIER } from './kiosk-db.js';
import { nowMs, shuffle } from './stats.js';

/** Instants of check-ins: `perPeriod` in each meal period, spread over it, period after period, day after day. */
export class MealClock {
  #date: string;
  #period = 0;
  #i = 0;
  readonly #perPeriod: number;
  readonly #policy: Policy;
  #midnight = 0;
  #midnightOf = '';
  /** What the kiosk's clock reads: set before each act. */
  current: number;

  constructor(startDate: string, perPeriod: number, policy: Policy = demoPolicy()) {
    this.#date = startDate;
    this.#perPeriod = perPeriod;
    this.#policy = policy;
    this.current = this.#at();
  }

  get date(): string {
    return this.#date;
  }

  /** Moves to the next check-in slot and returns its instant. */
  next(): number {
    this.current = this.#at();
    this.#i += 1;
    if (this.#i >= this.#perPeriod) {
      this.#i = 0;
      this.#period += 1;
      if (this.#period >= this.#policy.periods.length) {
        this.#period = 0;
        this.#date = addDays(this.#date, 1);
      }
    }
    return this.current;
  }

  /** Jumps to a local time on a date (for a day close, a sale, a void). */
  set(date: string, time: string): void {
    this.current = localToInstant(date, time, this.#policy.timeZone);
  }

  #at(): number {
    const p = this.#policy.periods[this.#period];
    if (p === undefined) throw new Error('no such period');
    const from = timeToMinutes(p.start) * 60_000 + 60_000;
    const span = (timeToMinutes(p.end) - timeToMinutes(p.start)) * 60_000 - 120_000;
    const step = Math.max(1000, Math.floor(span / this.#perPeriod));
    if (this.#midnightOf !== this.#date) {
      this.#midnight = localToInstant(this.#date, '00:00', this.#policy.timeZone);
      this.#midnightOf = this.#date;
    }
    return this.#midnight + from + this.#i * step + 137;
  }
}

export interface Outcomes {
  served: number;
  duplicate: number;
  refused: number;
  unidentified: number;
  failed: number;
  /** The first thing that was not a new served meal, to show what went wrong. */
  firstOther: string | null;
}

export function newOutcomes(): Outcomes {
  return { served: 0, duplicate: 0, refused: 0, unidentified: 0, failed: 0, firstOther: null };
}

export function outcomeText(o: Outcomes): string {
  const other = o.duplicate + o.refused + o.unidentified + o.failed;
  return other === 0
    ? `${o.served} served, none refused or duplicate`
    : `${o.served} served; NOT counted: ${o.duplicate} duplicate, ${o.refused} refused, ${o.unidentified} unidentified, ${o.failed} failed (first: ${o.firstOther ?? '?'})`;
}

/** A kiosk with its clock and the cards that will be presented to it. */
export class Counter {
  readonly kiosk: Kiosk;
  readonly clock: MealClock;
  readonly #cards: string[];
  #next = 0;
  readonly outcomes = newOutcomes();

  /** `pick`: which of the shuffled active cards this counter presents (all by default). */
  constructor(file: string, startDate: string, perPeriod: number, seed: number, pick: (cards: string[]) => string[] = (all) => all) {
    const clock = new MealClock(startDate, perPeriod);
    this.clock = clock;
    this.kiosk = openKiosk(file, () => clock.current);
    this.#cards = pick(shuffle(activeCards(this.kiosk.context.store), mulberry32(seed)));
    if (this.#cards.length < perPeriod) throw new RangeError(`${this.#cards.length} cards cannot make ${perPeriod} distinct check-ins a period`);
  }

  /** One card presented at the next slot; the time of kiosk.checkIn alone, or null if it was not a new served meal. */
  checkInOnce(): number | null {
    const uid = this.#cards[this.#next % this.#cards.length] as string;
    this.#next += 1;
    this.clock.next();
    const t0 = nowMs();
    const outcome = this.kiosk.checkIn({ identity: { kind: 'card', uid }, operatorId: CASHIER });
    const ms = nowMs() - t0;
    return this.#count(outcome) ? ms : null;
  }

  #count(o: CheckinOutcome): boolean {
    if (o.kind === 'served' && !o.duplicate) {
      this.outcomes.served += 1;
      return true;
    }
    if (o.kind === 'served') this.outcomes.duplicate += 1;
    else this.outcomes[o.kind] += 1;
    this.outcomes.firstOther ??= o.kind === 'served' ? 'duplicate' : `${o.kind}: ${'reason' in o ? o.reason : ''}`;
    return false;
  }

  close(): void {
    this.kiosk.close();
  }
}

/** The twelve columns of a ledger row, as SQLite holds them. */
export type LedgerRowValues = [number, string, string, string, string, string | null, string | null, string, number | null, string, string, string];

/**
 * The baseline: a table with the ledger's columns and nothing else — no index, no trigger — in its
 * own file beside the kiosk's, with the kiosk's settings (WAL, synchronous=FULL), one INSERT per
 * BEGIN IMMEDIATE … COMMIT, as better-sqlite3's transaction runs it for the kiosk.
 */
export class BareTable {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<LedgerRowValues>;
  #seq = 0;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS bare (
      seq INTEGER PRIMARY KEY, device_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, service_date TEXT NOT NULL,
      period_id TEXT, elder_id TEXT, operator_id TEXT NOT NULL, target_seq INTEGER, body TEXT NOT NULL,
      prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT`);
    this.#insert = this.#db.prepare<LedgerRowValues>(
      'INSERT INTO bare (seq, device_id, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Inserts a copy of `row` (under its own seq) in a transaction of its own; returns the time it took. */
  insertOnce(row: LedgerRowValues): number {
    this.#seq += 1;
    const values: LedgerRowValues = [this.#seq, ...row.slice(1)] as LedgerRowValues;
    const t0 = nowMs();
    this.#db.transaction(() => this.#insert.run(...values)).immediate();
    return nowMs() - t0;
  }

  close(): void {
    this.#db.close();
  }
}

const LEDGER_COLUMNS = 'seq, device_id, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash';

/** The kiosk's last `n` ledger rows, oldest first, as the bare table stores them. */
export function lastRows(kiosk: Kiosk, n: number): LedgerRowValues[] {
  const rows = kiosk.context.store.read
    .stmt<Record<string, string | number | null>>(`SELECT ${LEDGER_COLUMNS} FROM ledger ORDER BY seq DESC LIMIT ?`)
    .all(n);
  return rows.reverse().map((r) => Object.values(r) as LedgerRowValues);
}

/**
 * The storage half of a check-in alone: the kiosk's own rows, as they were appended, inserted with
 * one INSERT per transaction into a second file with the kiosk's schema (its indexes and its
 * append-only triggers) and settings — no identify, no pricing, no hashing, no zod.
 */
export class ShadowLedger {
  readonly #store: KioskStore;
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<LedgerRowValues>;
  #seq = 0;

  /** A new kiosk file at `file`, given every row of `kiosk`'s ledger so far (not timed). */
  constructor(file: string, kiosk: Kiosk) {
    this.#store = openKioskStore(file);
    this.#db = rawDatabase(this.#store);
    this.#insert = this.#db.prepare<LedgerRowValues>(LEDGER_SQL.insert);
    const rows = kiosk.context.store.read
      .stmt<Record<string, string | number | null>>(`SELECT ${LEDGER_COLUMNS} FROM ledger ORDER BY seq`)
      .all()
      .map((r) => Object.values(r) as LedgerRowValues);
    this.#db.transaction(() => {
      for (const r of rows) this.#insert.run(...r);
    })();
    this.#seq = rows.length;
  }

  /** Inserts the kiosk's next row (it must be the next in the chain); returns the time it took. */
  insertOnce(row: LedgerRowValues): number {
    if (row[0] !== this.#seq + 1) throw new Error(`shadow ledger: row ${row[0]} is not the next (${this.#seq + 1})`);
    const t0 = nowMs();
    this.#db.transaction(() => this.#insert.run(...row)).immediate();
    const ms = nowMs() - t0;
    this.#seq += 1;
    return ms;
  }

  close(): void {
    this.#store.close();
  }
}
