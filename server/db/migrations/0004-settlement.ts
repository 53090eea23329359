import type { HubMigration } from './migration.js';

/**
 * Monthly settlement approvals. The figures themselves are always computed from the daily roll-ups
 * (daily_counts, daily_funding); an approval freezes what the district agreed to pay, so a late meal
 * arriving afterwards shows as "changed since approval" instead of silently moving an approved sum.
 * Approving again after such a change adds a new revision: the earlier one stays, visibly.
 */
const SQL = `
-- One row per approved revision of a district's month. figures: the whole settlement as approved
-- (per canteen × funding source, totals; parsed with shared/hub-api/counting-views.ts) — a snapshot
-- kept for the record, never queried inside. fingerprint: SHA-256 of the figures' canonical JSON, so
-- "did anything change since approval?" is one comparison. amendments_at_approval: how many count
-- amendments of the month had arrived when it was approved (later ones are what changed it).
CREATE TABLE settlements (
  district_id            bigint NOT NULL REFERENCES districts (id),
  month                  text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  revision               integer NOT NULL CHECK (revision >= 1),
  approved_at            timestamptz NOT NULL,
  approved_by            bigint REFERENCES accounts (id),
  figures                jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  fingerprint            text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  amendments_at_approval integer NOT NULL CHECK (amendments_at_approval >= 0),
  -- Two admins approving at once: one gets the revision, the other a unique violation (refused).
  CONSTRAINT settlements_pkey PRIMARY KEY (district_id, month, revision)
);
`;

export const m0004Settlement: HubMigration = {
  version: 4,
  name: 'settlement',
  sql: SQL,
};
