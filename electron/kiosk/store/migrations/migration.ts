import type BetterSqlite3 from 'better-sqlite3';

/**
 * Written to the file header (PRAGMA application_id) by migration 1, so a SQLite file of another
 * program is told apart from a kiosk database: 'ZHCK'.
 */
export const KIOSK_APPLICATION_ID = 0x5a48434b;

/**
 * One forward step of the schema. `version` is the PRAGMA user_version after it; migrate() runs
 * `up` in its own BEGIN IMMEDIATE transaction and sets user_version itself. Foreign keys are off
 * while it runs (so a table can be rebuilt the way SQLite documents) and checked before commit.
 * A migration never changes once released: fix forward with the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}
