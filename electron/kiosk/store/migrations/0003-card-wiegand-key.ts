import type { Migration } from './migration.js';

/**
 * A Wiegand-26 reader gives only the low 24 bits of a card (6 hex digits; readers/card-uid-formats.ts),
 * so a swipe on one is looked up by the last 6 digits of the 8-digit UIDs. An expression index (not a
 * generated column: cards keeps its shape, and SQLite allows expression indexes on STRICT tables)
 * makes that a search, not a scan of every card. Partial to 4-byte UIDs: 7- and 10-byte UIDs have no
 * Wiegand key (which bytes a reader would send for them is the reader's choice). A query uses it only
 * when it repeats both `length(uid) = 8` and `substr(uid, -6) = ?` as written here.
 */
const SQL = `
CREATE INDEX cards_by_wiegand_key ON cards (substr(uid, -6)) WHERE length(uid) = 8;
`;

export const m0003CardWiegandKey: Migration = {
  version: 3,
  name: 'card-wiegand-key',
  up(db) {
    db.exec(SQL);
  },
};
