import type { Migration } from './migration.js';

/**
 * The local elder ids this kiosk re-keyed to district ids get a table of their own
 * (docs/hub-roster.md "Aliases"). Until now each link was a settings row 'roster_alias:<old id>' →
 * district id, and every check-in of a district elder read a range of the settings key to find the
 * elder's old ids (weekly and monthly limits count the meals recorded under them). Here the same
 * question is one seek of elder_aliases_by_elder, and "which elder did this printed card's old id
 * become?" one seek of the primary key.
 *
 * A kiosk in the field may already hold such rows: each one whose value is a district elder id (what
 * the roster down wrote; the code ignored anything else) moves here in the same transaction and its
 * settings row is deleted, so no link is ever missing. Their time was not recorded, so created_at is
 * NULL for them ("before 0007"). A row that holds no district id was ignored before and is left as
 * it is.
 *
 * No foreign key to elders: an alias names ledger records that exist whatever becomes of the roster
 * row, and a moved settings row must never make the upgrade fail.
 */
const DISTRICT_ID_GLOB = `D${'[0-9A-HJKMNP-TV-Z]'.repeat(12)}`;

const SQL = `
CREATE TABLE elder_aliases (
  old_id     TEXT PRIMARY KEY CHECK (length(old_id) BETWEEN 1 AND 100),
  elder_id   TEXT NOT NULL CHECK (elder_id GLOB '${DISTRICT_ID_GLOB}'),
  created_at TEXT,
  CHECK (old_id <> elder_id)
) STRICT;

CREATE INDEX elder_aliases_by_elder ON elder_aliases (elder_id);
`;

const PREFIX = 'roster_alias:';

export const m0007ElderAliases: Migration = {
  version: 7,
  name: 'elder-aliases',
  up(db) {
    db.exec(SQL);
    const rows = db
      .prepare<[string, string], { key: string; value: string }>('SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key')
      .all(PREFIX, `${PREFIX}\uffff`);
    const insert = db.prepare<[{ old: string; elder: string }]>(
      `INSERT INTO elder_aliases (old_id, elder_id, created_at) SELECT @old, @elder, NULL
       WHERE @elder GLOB '${DISTRICT_ID_GLOB}' AND length(@old) BETWEEN 1 AND 100 AND @old <> @elder`,
    );
    const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
    for (const row of rows) {
      if (insert.run({ old: row.key.slice(PREFIX.length), elder: row.value }).changes === 1) remove.run(row.key);
    }
  },
};
