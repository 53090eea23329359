import type { HubMigration } from './migration.js';

/**
 * Sign-in sessions and API tokens of district staff. Both store only the SHA-256 of the token (the
 * token is 256 random bits, so a slow hash buys nothing): a copy of the database cannot act as
 * anyone. Expiry instants are written by the code from the `now` it is given, never by now() here,
 * so the rules are testable and the same on both engines.
 */
const SQL = `
-- A signed-in browser. idle_expires_at slides forward on each use (8 h), never past expires_at
-- (24 h after sign-in). revoked_at: signed out, or ended by an admin; the row stays for the audit.
CREATE TABLE sessions (
  token_hash      text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  account_id      bigint NOT NULL REFERENCES accounts (id),
  created_at      timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  CONSTRAINT sessions_idle_within_absolute CHECK (idle_expires_at <= expires_at)
);
-- "End every session of this account" (a password change, a departed employee).
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- A token for machine access (a city data warehouse pulling counts), with the scopes it may use.
-- scopes is a text[] checked against the known set, so a typo cannot grant something unnamed.
CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash   text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  scopes       text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['counts:read', 'exports:read', 'roster:write']),
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
-- "The tokens of this account" on the account page.
CREATE INDEX api_tokens_account_idx ON api_tokens (account_id);
`;

export const m0002SessionsApiTokens: HubMigration = {
  version: 2,
  name: 'sessions-api-tokens',
  sql: SQL,
};
