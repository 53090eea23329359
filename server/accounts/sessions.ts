/**
 * Browser sessions of district staff. The token (256 random bits, base64url) goes to the browser in
 * a cookie; the database keeps only its SHA-256, so a copy of the database signs nobody in.
 * A session ends SESSION_IDLE_MS after its last use or SESSION_MAX_MS after sign-in, whichever is
 * first, or when revoked (signing out).
 */
import { z } from 'zod';
import { dbInstant } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ACCOUNT_COLUMNS, accountRow, later, toAccount } from './accounts.js';
import type { Account } from './accounts.js';
import { isTokenShaped, newToken, sha256Hex } from './secrets.js';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 24 * 60 * 60 * 1000;

export interface NewSession {
  /** For the cookie only: shown once, never stored. */
  readonly token: string;
  readonly idleExpiresAt: string;
  readonly expiresAt: string;
}

export async function createSession(db: HubQueries, accountId: number, now: string): Promise<NewSession> {
  const token = newToken();
  const expiresAt = later(now, SESSION_MAX_MS);
  const idleExpiresAt = later(now, SESSION_IDLE_MS);
  await db.execute(
    `INSERT INTO sessions (token_hash, account_id, created_at, idle_expires_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [sha256Hex(token), accountId, now, idleExpiresAt, expiresAt],
  );
  return { token, idleExpiresAt, expiresAt };
}

/**
 * The account a session token stands for, or null (unknown, expired, revoked). A valid use slides
 * the idle expiry to now + 8 h, never past the absolute expiry — in the same statement that checks
 * it, so a session cannot be revived between the check and the slide.
 */
export async function sessionAccount(db: HubQueries, token: string, now: string): Promise<Account | null> {
  if (!isTokenShaped(token)) return null;
  const [row] = await db.query(
    `WITH s AS (
       UPDATE sessions SET idle_expires_at = LEAST($3::timestamptz, expires_at)
        WHERE token_hash = $1 AND revoked_at IS NULL AND idle_expires_at > $2::timestamptz AND expires_at > $2::timestamptz
        RETURNING account_id)
     SELECT ${ACCOUNT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')} FROM accounts a JOIN s ON a.id = s.account_id`,
    [sha256Hex(token), now, later(now, SESSION_IDLE_MS)],
    accountRow,
  );
  return row === undefined ? null : toAccount(row);
}

/** Ends a session (signing out). True when a live session was ended. */
export async function revokeSession(db: HubQueries, token: string, now: string): Promise<boolean> {
  if (!isTokenShaped(token)) return false;
  const n = await db.execute(`UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [sha256Hex(token), now]);
  return n > 0;
}

/** Ends every session of an account (a password change, someone leaving); how many were live. */
export async function revokeAccountSessions(db: HubQueries, accountId: number, now: string): Promise<number> {
  return db.execute(`UPDATE sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz`, [accountId, now]);
}

/** For tests and the admin's page: a session's stored expiry, by token. */
export async function sessionExpiry(db: HubQueries, token: string): Promise<{ idleExpiresAt: string; expiresAt: string } | null> {
  const [row] = await db.query(
    `SELECT idle_expires_at, expires_at FROM sessions WHERE token_hash = $1`,
    [sha256Hex(token)],
    z.object({ idle_expires_at: dbInstant, expires_at: dbInstant }),
  );
  return row === undefined ? null : { idleExpiresAt: row.idle_expires_at, expiresAt: row.expires_at };
}
