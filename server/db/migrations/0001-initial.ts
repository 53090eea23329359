import type { HubMigration } from './migration.js';

/**
 * The first schema: who may log in (districts, accounts), what is enrolled (canteens, enrolment
 * codes, devices), and the evidence itself (ledger_records, every kiosk record as uploaded and
 * verified). docs/hub.md explains each table; the comments here say why each constraint and index
 * exists.
 *
 * Identifiers: the hub's own rows (districts, accounts, canteens) get bigint identities — compact
 * keys for the joins the counting queries make; devices keep the id the kiosk made for itself,
 * because that id is inside every record the kiosk has hashed. Instants are timestamptz, service
 * dates are date, amounts (in later tables) are bigint fen — see ../values.ts for how they cross.
 */
const SQL = `
-- A district civil-affairs bureau (区民政局): the payer of its canteens and the unit of visibility —
-- an account sees one district only. region_code: the county-level 行政区划 code (6 digits).
CREATE TABLE districts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT districts_region_code_key UNIQUE (region_code)
);

-- District staff. password_hash holds the whole encoded hash (algorithm, parameters, salt), so the
-- parameters can be raised later without a migration. failed_logins / locked_until: lockout after
-- repeated failures, kept here so it survives a restart and holds across hub processes.
CREATE TABLE accounts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id   bigint NOT NULL REFERENCES districts (id),
  login         text NOT NULL CHECK (length(login) BETWEEN 1 AND 100),
  password_hash text NOT NULL CHECK (length(password_hash) > 0),
  role          text NOT NULL CHECK (role IN ('admin', 'viewer')),
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- One login names one person whatever the letter case they type it in: look accounts up by
-- lower(login) = lower($1), which this index serves.
CREATE UNIQUE INDEX accounts_login_key ON accounts (lower(login));
-- "The accounts of my district" (the admin's list) without a scan of every district's accounts.
CREATE INDEX accounts_district_idx ON accounts (district_id);

-- A canteen (助餐点), created by a district admin before its kiosk enrols. region_code: the
-- 行政区划 code of where it is (6, 9 or 12 digits: county, town, village) — the town decides which
-- budgets pay (an elder eating outside their own town loses the town's part).
CREATE TABLE canteens (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id   bigint NOT NULL REFERENCES districts (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  region_code   text NOT NULL CHECK (region_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  address       text NOT NULL CHECK (length(address) <= 500),
  operator_name text NOT NULL CHECK (length(operator_name) <= 200),
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Two canteens of one name in one district could not be told apart on a settlement sheet.
  -- Leading with district_id, it is also the index of "the canteens of my district".
  CONSTRAINT canteens_district_name_key UNIQUE (district_id, name)
);

-- One-time enrolment codes. Only a hash is kept (SHA-256 hex of the code: the code is random and
-- short-lived, so a slow hash buys nothing), so a copy of the database cannot enrol a kiosk.
-- Spending a code is UPDATE … SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND
-- expires_at > now(): one row updated means this caller, and only this caller, used it.
CREATE TABLE enrolment_codes (
  code_hash  text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  canteen_id bigint NOT NULL REFERENCES canteens (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
-- "The codes of this canteen" on the canteens page.
CREATE INDEX enrolment_codes_canteen_idx ON enrolment_codes (canteen_id);

-- An enrolled kiosk: the Ed25519 public key that signs its uploads. A revoked device's uploads are
-- refused; its row stays, because its records stay.
CREATE TABLE devices (
  device_id   text PRIMARY KEY CHECK (length(device_id) BETWEEN 1 AND 100),
  canteen_id  bigint NOT NULL REFERENCES canteens (id),
  public_key  text NOT NULL CHECK (length(public_key) > 0),
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  -- One key pair is one kiosk: a key registered twice would let one kiosk speak for two.
  CONSTRAINT devices_public_key_key UNIQUE (public_key)
);
-- Every count goes canteen → its devices → their records: this is the first step.
CREATE INDEX devices_canteen_idx ON devices (canteen_id);

-- Every ledger record a kiosk uploaded and the hub accepted, exactly as hashed: the envelope as
-- columns (what the counting queries filter and group on) and the kind-specific body as jsonb.
-- operator_id and target_seq are covered by the hash too, so they are kept to re-verify a chain.
-- body is the evidence, not a query surface: counts are made from columns, and what the counting
-- needs out of the body (recomputed by the hub's pricing) will live in columns of its own.
CREATE TABLE ledger_records (
  device_id    text NOT NULL REFERENCES devices (device_id),
  seq          bigint NOT NULL CHECK (seq >= 1),
  kind         text NOT NULL CHECK (kind IN ('checkin', 'sale', 'void', 'close')),
  at           timestamptz NOT NULL,
  service_date date NOT NULL,
  period_id    text,
  elder_id     text,
  operator_id  text NOT NULL,
  target_seq   bigint,
  body         jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  prev_hash    text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash         text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  received_at  timestamptz NOT NULL DEFAULT now(),
  -- Idempotent ingest: (device, seq) once. A second insert of the same pair fails with a unique
  -- violation on this constraint, which the ingest turns into "replay" (same hash) or "tampering"
  -- (other content). Also the chain's order, and the resume point (max(seq) of a device).
  CONSTRAINT ledger_records_pkey PRIMARY KEY (device_id, seq),
  -- A void points at an earlier record of its own device; nothing else points anywhere.
  CONSTRAINT ledger_records_void_target CHECK ((kind = 'void') = (target_seq IS NOT NULL) AND (target_seq IS NULL OR target_seq BETWEEN 1 AND seq - 1))
);

-- Daily counts per canteen × date (and the day's close, and late arrivals for a day already
-- counted): for each device of the canteen, the records of a date range, without reading the
-- device's whole history as the primary key's seq order would.
CREATE INDEX ledger_records_device_date_idx ON ledger_records (device_id, service_date);

-- The same elder subsidised in two canteens in one period: at ingest, a point lookup "any other
-- device with a check-in of this elder, this date, this period?"; over a month, a grouped scan in
-- index order. device_id is included so both are answered from the index alone. Partial: sales,
-- closes and voids name no meal of an elder and would only make it larger.
CREATE INDEX ledger_records_elder_period_idx ON ledger_records (elder_id, service_date, period_id)
  INCLUDE (device_id) WHERE kind = 'checkin' AND elder_id IS NOT NULL;

-- A voided meal does not count: "is there a void of (device, seq)?" for every meal counted.
-- Partial, so it holds only the few voids.
CREATE INDEX ledger_records_void_idx ON ledger_records (device_id, target_seq) WHERE kind = 'void';

-- The ledger is append-only at the hub as at the kiosk (DESIGN §3): an UPDATE, DELETE or TRUNCATE
-- is refused by the database itself, whatever code or person sends it. A retention purge years
-- later is a deliberate act by the owner: ALTER TABLE ledger_records DISABLE TRIGGER … first.
CREATE FUNCTION ledger_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'ledger_records is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$fn$;
CREATE TRIGGER ledger_records_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_records
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_records_append_only();
`;

export const m0001Initial: HubMigration = {
  version: 1,
  name: 'initial',
  sql: SQL,
};
