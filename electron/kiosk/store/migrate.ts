/**
 * Brings a kiosk database up to this build's schema, one numbered step at a time, and refuses a
 * database written by a newer build (its schema may mean things this build cannot know).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { message } from '../../../shared/i18n/text.js';
import { StoreError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export interface MigrateOutcome {
  /** user_version before. */
  readonly from: number;
  /** user_version after. */
  readonly to: number;
}

/** A PRAGMA that answers one integer (user_version, application_id …). */
export function pragmaInt(db: BetterSqlite3.Database, name: string): number {
  const value = db.pragma(name, { simple: true });
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`PRAGMA ${name} answered ${String(value)}`);
  return value;
}

export function newerDatabaseError(found: number, supported: number): StoreError {
  return new StoreError('newer', message('store.open.newer', { found, supported }));
}

/**
 * Runs the migrations above the file's user_version, each in its own BEGIN IMMEDIATE transaction,
 * so a crash leaves the file at a whole version. `migrations` is for tests that stop part-way.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): MigrateOutcome {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order: ${m.name} has version ${m.version} at position ${i + 1}`);
  });
  const newest = migrations.length;
  const from = pragmaInt(db, 'user_version');
  if (from > newest) throw newerDatabaseError(from, newest);
  if (from === newest) return { from, to: from };

  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around the whole run.
  const foreignKeys = pragmaInt(db, 'foreign_keys');
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations.slice(from)) {
      db.transaction(() => {
        // Another process may have migrated while we waited for the write lock.
        const now = pragmaInt(db, 'user_version');
        if (now >= m.version) return;
        if (now !== m.version - 1) throw new Error(`Cannot run migration ${m.version} (${m.name}) on user_version ${now}`);
        m.up(db);
        const broken = db.pragma('foreign_key_check');
        if (Array.isArray(broken) && broken.length > 0) {
          throw new Error(`Migration ${m.version} (${m.name}) left ${broken.length} foreign key violation(s)`);
        }
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 0 ? 'OFF' : 'ON'}`);
  }
  return { from, to: pragmaInt(db, 'user_version') };
}
