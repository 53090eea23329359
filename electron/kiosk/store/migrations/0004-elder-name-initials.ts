import type { Migration } from './migration.js';
import { nameInitials } from '../../roster/name-initials.js';

/**
 * Pinyin initials of each elder's name (王建国 → "wjg") for the cashier's manual search (DESIGN.md §1:
 * name, pinyin initials, last digits of the ID number). A column, not a function at query time:
 * SQLite has no pinyin, and an index on the stored value makes a prefix search ("wj" → wjg, wjh …) a
 * range look-up, not a scan of the roster. The rows already there are filled here, in the same
 * transaction as the new column, so no elder is ever unsearchable by initials; from then on every
 * write of a name writes its initials too (roster-store.ts).
 *
 * The search queries it with GLOB 'abc*' on lower-case text: GLOB is case-sensitive and so, with the
 * column's BINARY collation, uses the index (a LIKE would need case_sensitive_like or NOCASE).
 */
const SQL = `
ALTER TABLE elders ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
CREATE INDEX elders_by_initials ON elders (name_initials);
`;

export const m0004ElderNameInitials: Migration = {
  version: 4,
  name: 'elder-name-initials',
  up(db) {
    db.exec(SQL);
    const update = db.prepare<[string, string]>('UPDATE elders SET name_initials = ? WHERE id = ?');
    // all(), not iterate(): better-sqlite3 runs nothing else on the connection while iterating.
    const rows = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM elders').all();
    for (const row of rows) update.run(nameInitials(row.name), row.id);
  },
};
