import type { HubMigration } from './migration.js';

/**
 * District QR public keys (docs/qr.md, docs/hub-roster.md "QR keys"): the keys a district's printed
 * cards and phone codes may be signed with, sent to every kiosk of the district in the roster package
 * so kiosks trust them (verify only: the hub keeps public keys alone; the private half stays with
 * whoever issues the codes).
 *
 * Adding and retiring a key are roster changes: each takes the district's next roster version (under
 * the roster_versions row lock, as an elder change does) and stores it on the key, so a kiosk's
 * "what changed after N?" brings the key too, in commit order. Retiring is final, as at the kiosk: a
 * retired key is never un-retired and the same key is never added again (the primary key keeps it).
 *
 * Printed-card QR versions are not here: cards are printed and versioned at each kiosk
 * (qr_card_versions there), and the hub issues no codes yet.
 */
const SQL = `
CREATE TABLE district_qr_keys (
  district_id bigint NOT NULL REFERENCES districts (id),
  -- First 8 hex digits of SHA-256 of the raw 32-byte key, always computed by the hub from the key.
  key_id      text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  -- Ed25519, SPKI DER, base64 (44 bytes).
  public_key  text NOT NULL CHECK (public_key ~ '^[A-Za-z0-9+/]{59}=$'),
  added_at    timestamptz NOT NULL,
  -- Who did it at the hub's console (docs/cli.md): 'console:<the OS user>'.
  added_by    text NOT NULL CHECK (length(added_by) BETWEEN 1 AND 200),
  retired_at  timestamptz,
  retired_by  text CHECK (length(retired_by) BETWEEN 1 AND 200),
  -- The roster version of the key's last change (added, then retired).
  version     bigint NOT NULL CHECK (version >= 1),
  CONSTRAINT district_qr_keys_pkey PRIMARY KEY (district_id, key_id),
  -- "Which keys changed after version N" for roster down, in version order.
  CONSTRAINT district_qr_keys_district_version_key UNIQUE (district_id, version),
  CONSTRAINT district_qr_keys_retired CHECK ((retired_at IS NULL) = (retired_by IS NULL))
);
`;

export const m0006DistrictQrKeys: HubMigration = {
  version: 6,
  name: 'district-qr-keys',
  sql: SQL,
};
