import type { HubMigration } from './migration.js';

/**
 * What the hub makes of the records it accepts: the policies it prices with, each device's chain
 * head, the upload log, one row per meal priced by the hub itself, the daily roll-ups that counting
 * and settlement read, day closes and the amendments that follow them, and anomalies with the records
 * behind them. docs/hub.md explains each table.
 *
 * ledger_records stays the evidence (append-only). Everything here is derived from it and from the
 * published policies, at ingest, in the same transaction as the records: a batch is counted wholly
 * or not at all. Derived rows may change (a void arriving marks its meal voided and takes it out of
 * the roll-ups) — the evidence never does.
 */
const SQL = `
-- The district's signing key: what it sends down to kiosks (policy versions, roster) is signed with
-- it, and each kiosk learns the public half when it enrols. PKCS#8 / SPKI DER, base64.
ALTER TABLE districts
  ADD COLUMN signing_private_key text,
  ADD COLUMN signing_public_key  text;

-- Pricing policies as the district publishes them: one row per (policy id, version), never changed
-- once published (a kiosk may have priced meals with it). document: the policy JSON as validated by
-- shared/policy/schema.ts. The hub re-prices every meal with the version in force on its service date.
CREATE TABLE policies (
  district_id    bigint NOT NULL REFERENCES districts (id),
  policy_id      text NOT NULL CHECK (length(policy_id) BETWEEN 1 AND 100),
  version        integer NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  effective_to   date,
  document       jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  published_at   timestamptz NOT NULL,
  published_by   bigint REFERENCES accounts (id),
  CONSTRAINT policies_pkey PRIMARY KEY (district_id, policy_id, version),
  CONSTRAINT policies_effective_order CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- Each device's chain as the hub holds it: the last accepted record. Updated in the transaction that
-- stores the records, so head and records never disagree. last_sent_at / last_clock_skew_ms: the
-- kiosk's clock on its last batch and how far it was from the hub's (positive: kiosk ahead).
ALTER TABLE devices
  ADD COLUMN head_seq            bigint NOT NULL DEFAULT 0 CHECK (head_seq >= 0),
  ADD COLUMN head_hash           text NOT NULL DEFAULT '${'0'.repeat(64)}' CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN last_upload_at      timestamptz,
  ADD COLUMN last_sent_at        timestamptz,
  ADD COLUMN last_clock_skew_ms  bigint;

-- Every upload attempt that named a known device, accepted or refused: the district's view of
-- "when did this kiosk last reach us, and what happened". Refused batches leave only this row.
CREATE TABLE uploads (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id     text NOT NULL REFERENCES devices (device_id),
  received_at   timestamptz NOT NULL,
  sent_at       timestamptz,
  from_seq      bigint,
  to_seq        bigint,
  accepted      integer NOT NULL DEFAULT 0 CHECK (accepted >= 0),
  duplicates    integer NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
  outcome       text NOT NULL CHECK (outcome IN ('accepted', 'badRequest', 'tooLarge', 'unknownDevice', 'revoked', 'badSignature', 'notConsecutive', 'badHash', 'gap', 'tampered', 'forked', 'badRecord')),
  reason        text
);
CREATE INDEX uploads_device_idx ON uploads (device_id, received_at);

-- One row per meal the hub counts: every check-in and sale it accepted, priced again by the hub with
-- the policy in force (the shared pricing code), beside what the kiosk claimed. canteen_id and
-- district_id are copied from the device so counting never joins through devices. The facts pricing
-- used are columns so a new policy can be simulated on last month's meals without reading jsonb.
--   claimed_subsidy: what the kiosk recorded; subsidy: what the hub owes (its own price, never more
--   than claimed); claimable: subsidy > 0 and not voided.
--   voided_seq: set when the void arrives (a derived row may change; the evidence never does).
CREATE TABLE meals (
  device_id        text NOT NULL,
  seq              bigint NOT NULL,
  district_id      bigint NOT NULL REFERENCES districts (id),
  canteen_id       bigint NOT NULL REFERENCES canteens (id),
  kind             text NOT NULL CHECK (kind IN ('checkin', 'sale')),
  at               timestamptz NOT NULL,
  service_date     date NOT NULL,
  period_id        text NOT NULL,
  elder_id         text,
  quantity         integer NOT NULL CHECK (quantity >= 1),
  age              integer CHECK (age >= 0),
  age_band         text CHECK (age_band IN ('under60', '60-69', '70-79', '80-89', '90-99', '100+')),
  statuses         text[] NOT NULL DEFAULT '{}',
  hukou_region     text,
  residence_region text,
  care_home        boolean,
  tier_id          text,
  policy_id        text,
  policy_version   integer,
  standard         bigint NOT NULL CHECK (standard >= 0),
  personal         bigint NOT NULL CHECK (personal >= 0),
  claimed_subsidy  bigint NOT NULL CHECK (claimed_subsidy >= 0),
  subsidy          bigint NOT NULL CHECK (subsidy >= 0),
  operator_subsidy bigint NOT NULL CHECK (operator_subsidy >= 0),
  claimable        boolean NOT NULL,
  backfilled       boolean NOT NULL,
  voided_seq       bigint,
  CONSTRAINT meals_pkey PRIMARY KEY (device_id, seq),
  CONSTRAINT meals_record_fkey FOREIGN KEY (device_id, seq) REFERENCES ledger_records (device_id, seq),
  CONSTRAINT meals_checkin_has_elder CHECK ((kind = 'checkin') = (elder_id IS NOT NULL))
);
-- Daily counts, the edit check and a canteen's history: a canteen's meals of a date range.
CREATE INDEX meals_canteen_date_idx ON meals (canteen_id, service_date);
-- The district's month (settlement, duplicate detection, simulation): a district's meals of a date range.
CREATE INDEX meals_district_date_idx ON meals (district_id, service_date);
-- The same elder in two canteens in one period: point lookups at ingest, grouped scans over a month.
CREATE INDEX meals_elder_idx ON meals (elder_id, service_date, period_id) INCLUDE (canteen_id) WHERE elder_id IS NOT NULL AND voided_seq IS NULL;

-- A meal's subsidy split by funding source, as the hub priced it (only parts > 0).
CREATE TABLE meal_funding (
  device_id text NOT NULL,
  seq       bigint NOT NULL,
  source    text NOT NULL,
  amount    bigint NOT NULL CHECK (amount > 0),
  CONSTRAINT meal_funding_pkey PRIMARY KEY (device_id, seq, source),
  CONSTRAINT meal_funding_meal_fkey FOREIGN KEY (device_id, seq) REFERENCES meals (device_id, seq)
);

-- The daily count, kept up to date at ingest (INSERT … ON CONFLICT DO UPDATE adding the batch's
-- sums; a void subtracts). Counting and settlement read these few rows, never the meals: a city month
-- of 6 million meals is ~2 000 canteens × 30 days × a few dozen cells. Voided meals are not in it.
-- claimable: the status split (claimable / not claimable) the district pays on. Sales to anyone
-- (no elder) are age_band 'none', claimable false.
CREATE TABLE daily_counts (
  canteen_id       bigint NOT NULL REFERENCES canteens (id),
  service_date     date NOT NULL,
  period_id        text NOT NULL,
  age_band         text NOT NULL,
  claimable        boolean NOT NULL,
  district_id      bigint NOT NULL REFERENCES districts (id),
  meals            bigint NOT NULL CHECK (meals >= 0),
  standard         bigint NOT NULL,
  personal         bigint NOT NULL,
  claimed_subsidy  bigint NOT NULL,
  subsidy          bigint NOT NULL,
  operator_subsidy bigint NOT NULL,
  CONSTRAINT daily_counts_pkey PRIMARY KEY (canteen_id, service_date, period_id, age_band, claimable)
);
CREATE INDEX daily_counts_district_date_idx ON daily_counts (district_id, service_date);

-- The daily subsidy per funding source (budget), kept like daily_counts: settlement per budget.
CREATE TABLE daily_funding (
  canteen_id   bigint NOT NULL REFERENCES canteens (id),
  service_date date NOT NULL,
  source       text NOT NULL,
  district_id  bigint NOT NULL REFERENCES districts (id),
  amount       bigint NOT NULL,
  CONSTRAINT daily_funding_pkey PRIMARY KEY (canteen_id, service_date, source)
);
CREATE INDEX daily_funding_district_date_idx ON daily_funding (district_id, service_date);

-- A kiosk's day close as it arrived: its own totals (what it claims) and the hub's recount of that
-- device's day at the moment the close arrived (what the records say). matches: the two agree.
CREATE TABLE day_closes (
  device_id    text NOT NULL,
  seq          bigint NOT NULL,
  canteen_id   bigint NOT NULL REFERENCES canteens (id),
  service_date date NOT NULL,
  claimed      jsonb NOT NULL,
  recounted    jsonb NOT NULL,
  matches      boolean NOT NULL,
  received_at  timestamptz NOT NULL,
  CONSTRAINT day_closes_pkey PRIMARY KEY (device_id, seq),
  CONSTRAINT day_closes_record_fkey FOREIGN KEY (device_id, seq) REFERENCES ledger_records (device_id, seq)
);
CREATE INDEX day_closes_canteen_date_idx ON day_closes (canteen_id, service_date);

-- A meal (or a void) that arrived after its canteen's day had been closed: the daily count changed
-- after it was first counted. Never silent: each change is a row, shown with the day.
CREATE TABLE count_amendments (
  device_id    text NOT NULL,
  seq          bigint NOT NULL,
  canteen_id   bigint NOT NULL REFERENCES canteens (id),
  service_date date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('meal', 'void')),
  received_at  timestamptz NOT NULL,
  CONSTRAINT count_amendments_pkey PRIMARY KEY (device_id, seq),
  CONSTRAINT count_amendments_record_fkey FOREIGN KEY (device_id, seq) REFERENCES ledger_records (device_id, seq)
);
CREATE INDEX count_amendments_canteen_date_idx ON count_amendments (canteen_id, service_date);

-- Something that looks wrong, for district staff to look into. dedupe_key makes detection
-- idempotent (running a check twice, or a replayed batch, flags once). details: the kind's own
-- figures (for the message). status: open until someone resolves it, with a note.
CREATE TABLE anomalies (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id  bigint NOT NULL REFERENCES districts (id),
  canteen_id   bigint REFERENCES canteens (id),
  device_id    text REFERENCES devices (device_id),
  kind         text NOT NULL CHECK (kind IN ('duplicateElder', 'editCheck', 'chainBreak', 'gap', 'reusedSeq', 'clockSkew', 'lateUpload', 'outOfLine', 'priceMismatch', 'unknownPolicy', 'closeMismatch', 'forgedSignature')),
  service_date date,
  dedupe_key   text NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  detected_at  timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_at  timestamptz,
  resolved_by  bigint REFERENCES accounts (id),
  note         text,
  CONSTRAINT anomalies_dedupe_key UNIQUE (district_id, dedupe_key)
);
CREATE INDEX anomalies_district_status_idx ON anomalies (district_id, status, detected_at);

-- The records behind an anomaly (stored ones only: a refused batch's records were never stored, so
-- its figures are in details).
CREATE TABLE anomaly_records (
  anomaly_id bigint NOT NULL REFERENCES anomalies (id),
  device_id  text NOT NULL,
  seq        bigint NOT NULL,
  CONSTRAINT anomaly_records_pkey PRIMARY KEY (anomaly_id, device_id, seq)
);
`;

export const m0003IngestCounting: HubMigration = {
  version: 3,
  name: 'ingest-counting',
  sql: SQL,
};
