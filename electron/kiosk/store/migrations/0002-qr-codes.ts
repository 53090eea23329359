import type { Migration } from './migration.js';

/**
 * Signed QR codes (docs/qr.md). qr_card_versions: the current printed-card code version of each
 * elder — a token with any other version is refused, so re-printing revokes the old card.
 * qr_used: the nonce of every phone code accepted, written in the check-in's own transaction; the
 * primary key is what stops two racing scans of one code from both being served.
 */
const SQL = `
CREATE TABLE qr_card_versions (
  elder_id  TEXT PRIMARY KEY REFERENCES elders (id),
  version   INTEGER NOT NULL CHECK (version >= 1),
  issued_at TEXT NOT NULL
) STRICT;

CREATE TABLE qr_used (
  nonce    TEXT PRIMARY KEY,
  elder_id TEXT NOT NULL,
  used_at  TEXT NOT NULL
) STRICT;
`;

export const m0002QrCodes: Migration = {
  version: 2,
  name: 'qr-codes',
  up(db) {
    db.exec(SQL);
  },
};
