import type { Migration } from './migration.js';

/**
 * The kiosk's link to the district hub (docs/sync.md): one row, present once the kiosk is enrolled.
 *
 * Enrolment facts (which hub, which canteen the district put this kiosk in, the district's public
 * key for what the hub sends down, our own public key) sit beside the upload progress: the head the
 * hub acknowledged (acked_seq / acked_hash — never beyond what the kiosk sent) and the last attempt,
 * success and problem, so a restarted kiosk resumes where it stopped and the status strip can say
 * how it stands. The private key is NOT here: it lives in its own file next to the database
 * (`<db>.device-key`), so a copy of the database handed to someone for a report cannot sign uploads.
 *
 * One row only (id = 1): a kiosk talks to one hub. Re-enrolment replaces the row.
 */
const SQL = `
CREATE TABLE hub_link (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url         TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  public_key      TEXT NOT NULL,
  canteen_id      INTEGER NOT NULL,
  canteen_name    TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  district_name   TEXT NOT NULL,
  district_key    TEXT NOT NULL,
  enrolled_at     TEXT NOT NULL,
  acked_seq       INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  acked_hash      TEXT NOT NULL DEFAULT '${'0'.repeat(64)}',
  last_attempt_at TEXT,
  last_success_at TEXT,
  -- What stopped the last attempt, as an i18n message (key + params) in JSON; NULL after a success.
  last_problem    TEXT,
  -- Set when the hub refused in a way only a person can resolve (tampered, revoked …): the uploader
  -- then retries rarely instead of at the network backoff.
  refused_kind    TEXT,
  refused_at      TEXT,
  -- The kiosk's clock minus the hub's at the last success, in ms (the hub flags more than 5 minutes).
  clock_skew_ms   INTEGER
) STRICT;
`;

export const m0006HubLink: Migration = {
  version: 6,
  name: 'hub-link',
  up(db) {
    db.exec(SQL);
  },
};
