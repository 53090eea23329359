/**
 * District staff: their accounts, and signing in with lockout. Every function takes the database
 * (a HubDb or a transaction) and, where time matters, `now` as an ISO instant: nothing here reads the
 * clock, so lockout and expiry are tested by moving `now`.
 */
import { z } from 'zod';
import { dbInstant, dbInt, isHubDbError } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { toLocal } from '../../shared/dates.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { SERVICE_TIME_ZONE } from '../counting/range.js';
import { isPlainText, refuse } from './refusal.js';
import type { HubRefusal } from './refusal.js';
import { burnDummyCheck, hashPassword, verifyPassword } from './secrets.js';

export type AccountRole = 'admin' | 'viewer';

export interface Account {
  readonly id: number;
  readonly districtId: number;
  readonly login: string;
  readonly role: AccountRole;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

/**
 * Who is acting: a signed-in account, or 'console' — the hub's own command line run by whoever runs
 * the server (it creates a district's first admin, when no account exists to do it).
 */
export type Actor = Account | 'console';

export const PASSWORD_MIN = 10;
/** Far above any passphrase; bounds the work one request can ask of scrypt's input handling. */
export const PASSWORD_MAX = 1000;
export const LOGIN_MAX = 100;
/** Failures in a row that lock an account, and for how long. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export const accountRow = z.object({
  id: dbInt,
  district_id: dbInt,
  login: z.string(),
  role: z.enum(['admin', 'viewer']),
  failed_logins: dbInt,
  locked_until: dbInstant.nullable(),
  created_at: dbInstant,
});
const accountWithHashRow = accountRow.extend({ password_hash: z.string() });

export const ACCOUNT_COLUMNS = 'id, district_id, login, role, failed_logins, locked_until, created_at';

export function toAccount(row: z.infer<typeof accountRow>): Account {
  return {
    id: row.id,
    districtId: row.district_id,
    login: row.login,
    role: row.role,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** An ISO instant given as `now`, checked: a wrong one is a bug in the caller, so it throws. */
export function instant(now: string): number {
  const ms = Date.parse(now);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(now) || Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${now}`);
  return ms;
}

export function later(now: string, ms: number): string {
  return new Date(instant(now) + ms).toISOString();
}

/**
 * May `actor` manage the rows of `districtId`? Only an admin of that district (or the console).
 * Another district's rows are 'forbidden' whatever the role: an account sees its own district only.
 */
export function requireAdminOf(actor: Actor, districtId: number): Result<void, HubRefusal<'forbidden'>> {
  if (actor === 'console') return ok(undefined);
  if (actor.districtId !== districtId) return refuse('forbidden', 'hub.forbidden');
  if (actor.role !== 'admin') return refuse('forbidden', 'hub.needAdmin');
  return ok(undefined);
}

/** May `actor` read the rows of `districtId`? Any account of that district. */
export function requireMemberOf(actor: Actor, districtId: number): Result<void, HubRefusal<'forbidden'>> {
  if (actor === 'console' || actor.districtId === districtId) return ok(undefined);
  return refuse('forbidden', 'hub.forbidden');
}

export type PasswordRefusal = HubRefusal<'badPassword'>;

/** The password rules: long enough, bounded, and not the login itself (in any letter case). */
export function checkPassword(login: string, password: string): Result<void, PasswordRefusal> {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return refuse('badPassword', 'hub.account.passwordShort', { min: PASSWORD_MIN });
  if (length > PASSWORD_MAX) return refuse('badPassword', 'hub.account.passwordLong', { max: PASSWORD_MAX });
  if (password.trim().toLowerCase() === login.trim().toLowerCase()) return refuse('badPassword', 'hub.account.passwordIsLogin');
  return ok(undefined);
}

export interface NewAccount {
  readonly actor: Actor;
  readonly districtId: number;
  readonly login: string;
  readonly password: string;
  readonly role: AccountRole;
  readonly now: string;
}

export type CreateAccountRefusal = HubRefusal<'forbidden' | 'badLogin' | 'badPassword' | 'loginTaken' | 'unknownDistrict'>;

export async function createAccount(db: HubQueries, input: NewAccount): Promise<Result<Account, CreateAccountRefusal>> {
  const allowed = requireAdminOf(input.actor, input.districtId);
  if (!allowed.ok) return allowed;
  // The login is stored exactly as typed (quotes, Chinese, anything printable): it is only ever a
  // parameter, and a person must find it again exactly as they wrote it.
  if (!isPlainText(input.login, LOGIN_MAX) || input.login.trim() === '') return refuse('badLogin', 'hub.account.loginShape');
  const rules = checkPassword(input.login, input.password);
  if (!rules.ok) return rules;
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db.query(
      `INSERT INTO accounts (district_id, login, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${ACCOUNT_COLUMNS}`,
      [input.districtId, input.login, passwordHash, input.role, input.now],
      accountRow,
    );
    if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
    return ok(toAccount(row));
  } catch (e) {
    // The unique index on lower(login) decides, so two admins creating "Wang" and "wang" at once
    // cannot both succeed.
    if (isHubDbError(e, 'unique') && e.constraint === 'accounts_login_key') return refuse('loginTaken', 'hub.account.loginTaken', { login: input.login });
    if (isHubDbError(e, 'foreignKey')) return refuse('unknownDistrict', 'hub.account.unknownDistrict');
    throw e;
  }
}

/** The accounts of the actor's own district, by login. */
export async function listAccounts(db: HubQueries, actor: Account): Promise<Account[]> {
  const rows = await db.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE district_id = $1 ORDER BY lower(login), id`, [actor.districtId], accountRow);
  return rows.map(toAccount);
}

/** One account, if it is in the actor's district. */
export async function getAccount(db: HubQueries, actor: Actor, accountId: number): Promise<Result<Account, HubRefusal<'forbidden' | 'unknown'>>> {
  const [row] = await db.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [accountId], accountRow);
  if (row === undefined) return refuse('unknown', 'hub.account.unknown');
  const account = toAccount(row);
  const allowed = requireMemberOf(actor, account.districtId);
  return allowed.ok ? ok(account) : allowed;
}

export type AuthRefusal = HubRefusal<'badCredentials' | 'locked'>;

const MINUTE_MS = 60_000;

/**
 * When a lock ends, as the district clerk reads a clock: Beijing time 'YYYY-MM-DD HH:mm' (a UTC
 * instant would be 8 hours off). Rounded up to the minute, so that at the time shown the account
 * is open — a lock until 16:20:30 reads 16:21, never a 16:20 at which sign-in still fails.
 */
function lockEndText(until: string): string {
  const local = toLocal(Math.ceil(instant(until) / MINUTE_MS) * MINUTE_MS, SERVICE_TIME_ZONE);
  return `${local.date} ${local.time.slice(0, 5)}`;
}

/**
 * Signs a person in: the account, or why not. An unknown login and a wrong password are the same
 * refusal, and each costs one scrypt, so neither the words nor the timing reveal which logins exist.
 * LOCKOUT_FAILURES wrong passwords in a row lock the account for LOCKOUT_MS; while locked even the
 * right password is refused (a guesser cannot learn it was right), and a success resets the count.
 * The count is kept by single UPDATE statements, so failures arriving at once on several hub
 * processes are all counted.
 */
export async function authenticate(db: HubQueries, login: string, password: string, now: string): Promise<Result<Account, AuthRefusal>> {
  const nowMs = instant(now);
  const [row] = await db.query(`SELECT ${ACCOUNT_COLUMNS}, password_hash FROM accounts WHERE lower(login) = lower($1)`, [login], accountWithHashRow);
  if (row === undefined) {
    await burnDummyCheck(password);
    return refuse('badCredentials', 'hub.login.bad');
  }
  const matches = await verifyPassword(password, row.password_hash);
  if (row.locked_until !== null && instant(row.locked_until) > nowMs) {
    return refuse('locked', 'hub.login.locked', { until: lockEndText(row.locked_until) });
  }
  if (matches) {
    const [fresh] = await db.query(
      `UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
      [row.id],
      accountRow,
    );
    if (fresh === undefined) return refuse('badCredentials', 'hub.login.bad');
    return ok(toAccount(fresh));
  }
  // The failure that reaches the limit sets locked_until and starts the count again, so after the
  // lock expires a guesser has another LOCKOUT_FAILURES tries, then another lock.
  const lockUntil = later(now, LOCKOUT_MS);
  const [after] = await db.query(
    `UPDATE accounts
        SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
            locked_until  = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE NULL END
      WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $4::timestamptz)
      RETURNING locked_until`,
    [row.id, LOCKOUT_FAILURES, lockUntil, now],
    z.object({ locked_until: dbInstant.nullable() }),
  );
  // No row: another request locked it between our read and this update — it is locked.
  if (after === undefined) return refuse('locked', 'hub.login.locked', { until: lockEndText(lockUntil) });
  if (after.locked_until !== null) return refuse('locked', 'hub.login.locked', { until: lockEndText(after.locked_until) });
  return refuse('badCredentials', 'hub.login.bad');
}

/** The account of a login (any letter case), for the console's `token add --login`. */
export async function accountIdByLogin(db: HubQueries, login: string): Promise<number | null> {
  const [row] = await db.query(`SELECT id FROM accounts WHERE lower(login) = lower($1)`, [login], z.object({ id: dbInt }));
  return row === undefined ? null : row.id;
}
