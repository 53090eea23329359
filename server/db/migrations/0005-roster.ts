import type { HubMigration } from './migration.js';

/**
 * The district's master roster (docs/hub-roster.md): every elder the district subsidises, under a
 * district elder id that every canteen's kiosk uses too, so meals.elder_id groups one person across
 * canteens. The hub holds the resident ID number itself: the district is the controller of this
 * data, sends each kiosk the number once so the kiosk can hash it with its own key, and must be able
 * to audit who an elder is.
 *
 * Roster down is incremental by version: each change of an elder (an import row, a suspension)
 * takes the district's next number from roster_versions, under that row's lock, so versions are
 * handed out in commit order and a kiosk that has synced up to N never misses a change numbered
 * below N that committed later.
 */
const SQL = `
-- The district's roster version counter. UPDATE … SET version = version + n RETURNING version
-- locks the row until commit: roster writers of one district run one after another.
CREATE TABLE roster_versions (
  district_id bigint PRIMARY KEY REFERENCES districts (id),
  version     bigint NOT NULL CHECK (version >= 0)
);

-- One elder of a district. elder_id: random ('D' + 12 Crockford base32), never derived from the ID
-- number, so it says nothing about the person. name_initials: pinyin initials for search (wjg).
-- active false = suspended (暂停: in hospital, moved away, under review), with the reason and since
-- when; the row stays, so past meals keep a name.
CREATE TABLE roster_elders (
  elder_id         text PRIMARY KEY CHECK (elder_id ~ '^D[0-9A-HJKMNP-TV-Z]{12}$'),
  district_id      bigint NOT NULL REFERENCES districts (id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_initials    text NOT NULL,
  id_number        text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
  birth_date       date NOT NULL,
  sex              text NOT NULL CHECK (sex IN ('M', 'F')),
  hukou_region     text CHECK (hukou_region ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'),
  residence_region text CHECK (residence_region ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'),
  care_home        boolean NOT NULL DEFAULT false,
  lives_alone      boolean NOT NULL DEFAULT false,
  active           boolean NOT NULL DEFAULT true,
  suspended_reason text,
  suspended_since  timestamptz,
  version          bigint NOT NULL CHECK (version >= 1),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  -- One person is one elder of a district: a second row would get a second id, and the hub could no
  -- longer see them subsidised at two canteens.
  CONSTRAINT roster_elders_district_number_key UNIQUE (district_id, id_number),
  -- "What changed since version N" for roster down, in version order.
  CONSTRAINT roster_elders_district_version_key UNIQUE (district_id, version),
  CONSTRAINT roster_elders_suspension CHECK (active = (suspended_since IS NULL) AND active = (suspended_reason IS NULL))
);
-- Search by name (prefix and substring are both served well enough by this for a district's few
-- hundred thousand rows), by pinyin initials (prefix), by the last 4 of the number.
CREATE INDEX roster_elders_district_name_idx ON roster_elders (district_id, name, elder_id);
CREATE INDEX roster_elders_district_initials_idx ON roster_elders (district_id, name_initials text_pattern_ops);
CREATE INDEX roster_elders_district_last4_idx ON roster_elders (district_id, right(id_number, 4));

-- An elder's statuses (特困, 低保 …) with their validity, service dates inclusive; NULL = open.
CREATE TABLE roster_elder_statuses (
  elder_id   text NOT NULL REFERENCES roster_elders (elder_id),
  code       text NOT NULL CHECK (length(code) BETWEEN 1 AND 100),
  valid_from date,
  valid_to   date,
  CONSTRAINT roster_elder_statuses_order CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX roster_elder_statuses_once ON roster_elder_statuses (elder_id, code, coalesce(valid_from, '0001-01-01'::date));

-- Cards the district issued (IC card, 社保卡, 老年卡), canonical UID. One card, one elder in a
-- district: the primary key makes a card bound twice impossible.
CREATE TABLE roster_cards (
  district_id bigint NOT NULL REFERENCES districts (id),
  uid         text NOT NULL CHECK (uid ~ '^[0-9A-F]{4,20}$'),
  elder_id    text NOT NULL REFERENCES roster_elders (elder_id),
  state       text NOT NULL CHECK (state IN ('active', 'lost', 'replaced')),
  bound_at    timestamptz NOT NULL,
  CONSTRAINT roster_cards_pkey PRIMARY KEY (district_id, uid)
);
CREATE INDEX roster_cards_elder_idx ON roster_cards (elder_id);

-- Who suspended or reinstated an elder, when and why: the audit behind a refused meal.
CREATE TABLE roster_status_changes (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  elder_id   text NOT NULL REFERENCES roster_elders (elder_id),
  active     boolean NOT NULL,
  reason     text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by bigint REFERENCES accounts (id)
);
CREATE INDEX roster_status_changes_elder_idx ON roster_status_changes (elder_id, changed_at);

-- A kiosk's own id for an elder it registered before the district roster named them, and the district
-- id the kiosk re-keyed them to (docs/hub-roster.md): meals the kiosk recorded under the local id stay
-- so in its ledger, and this is how the hub counts them as the same person. One local id of a device
-- names one elder, for good.
CREATE TABLE roster_elder_aliases (
  device_id      text NOT NULL REFERENCES devices (device_id),
  local_elder_id text NOT NULL CHECK (length(local_elder_id) BETWEEN 1 AND 100),
  elder_id       text NOT NULL REFERENCES roster_elders (elder_id),
  reported_at    timestamptz NOT NULL,
  CONSTRAINT roster_elder_aliases_pkey PRIMARY KEY (device_id, local_elder_id)
);
-- "Every local id this elder had anywhere", for the duplicate check.
CREATE INDEX roster_elder_aliases_elder_idx ON roster_elder_aliases (elder_id);
`;

export const m0005Roster: HubMigration = {
  version: 5,
  name: 'roster',
  sql: SQL,
};
