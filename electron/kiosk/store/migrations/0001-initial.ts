import type { Migration } from './migration.js';
import { KIOSK_APPLICATION_ID } from './migration.js';

/**
 * The first schema. Money is integer fen, dates 'YYYY-MM-DD', instants ISO 8601 UTC text.
 *
 * Tables are STRICT so a column declared INTEGER holds integers and nothing else (no '12.5' fen
 * stored as text), and PRIMARY KEY columns cannot be NULL. elder_statuses is the exception: its
 * valid_from is NULL for "since always", which a STRICT primary key would refuse; a unique
 * expression index keeps the NULL case from being duplicated instead.
 */
const SQL = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE policies (
  id             TEXT NOT NULL,
  version        INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to   TEXT,
  document       TEXT NOT NULL,   -- the policy JSON; read back through its zod schema
  installed_at   TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE operators (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash   TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE elders (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  birth_date       TEXT NOT NULL,
  sex              TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  id_masked        TEXT NOT NULL,
  -- HMAC-SHA256 of the resident ID number with the kiosk's secret; the plain number is never stored (PIPL).
  id_hash          TEXT NOT NULL UNIQUE,
  hukou_region     TEXT,
  residence_region TEXT,
  care_home        INTEGER NOT NULL DEFAULT 0 CHECK (care_home IN (0, 1)),
  phone            TEXT,
  diet_alert       TEXT,
  photo            BLOB,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  regular          INTEGER NOT NULL DEFAULT 0 CHECK (regular IN (0, 1)),
  lives_alone      INTEGER NOT NULL DEFAULT 0 CHECK (lives_alone IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX elders_by_name ON elders (name);

CREATE TABLE elder_statuses (
  elder_id   TEXT NOT NULL REFERENCES elders (id),
  code       TEXT NOT NULL,
  valid_from TEXT,
  valid_to   TEXT,
  PRIMARY KEY (elder_id, code, valid_from)
);
CREATE UNIQUE INDEX elder_statuses_once ON elder_statuses (elder_id, code, ifnull(valid_from, ''));

CREATE TABLE cards (
  uid              TEXT PRIMARY KEY,   -- canonical form
  elder_id         TEXT NOT NULL REFERENCES elders (id),
  state            TEXT NOT NULL CHECK (state IN ('active', 'lost', 'replaced')),
  bound_at         TEXT NOT NULL,
  state_changed_at TEXT
) STRICT;
CREATE INDEX cards_by_elder ON cards (elder_id);

-- The append-only, hash-chained ledger (DESIGN.md §3). No foreign key to elders: a record is
-- history and must stay readable whatever happens to the roster.
CREATE TABLE ledger (
  seq          INTEGER PRIMARY KEY,   -- 1, 2, 3 … with no gap
  device_id    TEXT NOT NULL,
  kind         TEXT NOT NULL,
  at           TEXT NOT NULL,
  service_date TEXT NOT NULL,
  period_id    TEXT,
  elder_id     TEXT,
  operator_id  TEXT NOT NULL,
  target_seq   INTEGER,
  body         TEXT NOT NULL,         -- canonical JSON
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;
-- "What has this elder eaten this week."
CREATE INDEX ledger_by_elder_date ON ledger (elder_id, service_date);
-- Day close, and "is this day closed".
CREATE INDEX ledger_by_date_kind ON ledger (service_date, kind);
-- Voids of a record. Partial: almost every row has no target; "target_seq = ?" still uses it.
CREATE INDEX ledger_by_target ON ledger (target_seq) WHERE target_seq IS NOT NULL;

-- Append-only. Editing the file by hand can still get round these; verification catches that.
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'ledger is append-only: a record is never changed (append a void instead)');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'ledger is append-only: a record is never deleted (append a void instead)');
END;
-- Only the next record in the chain may be inserted, whoever inserts it.
CREATE TRIGGER ledger_append_in_order BEFORE INSERT ON ledger
WHEN NEW.seq IS NOT (SELECT ifnull(max(seq), 0) + 1 FROM ledger)
  OR NEW.prev_hash IS NOT ifnull((SELECT hash FROM ledger WHERE seq = NEW.seq - 1), '${'0'.repeat(64)}')
BEGIN
  SELECT RAISE(ABORT, 'ledger: only the next record may be appended (seq = last + 1, prev_hash = last hash)');
END;
`;

export const m0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
    db.pragma(`application_id = ${KIOSK_APPLICATION_ID}`);
  },
};
