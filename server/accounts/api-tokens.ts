/**
 * API tokens for machine access (a city's data warehouse fetching counts and exports, a civil-affairs
 * system pushing roster changes). Each names its scopes; the token is shown once when made and only
 * its SHA-256 is kept; an admin or the owner revokes it.
 */
import { z } from 'zod';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { jsonParam } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { ACCOUNT_COLUMNS, accountRow, getAccount, requireAdminOf, toAccount } from './accounts.js';
import type { Account, Actor } from './accounts.js';
import { isPlainText, refuse } from './refusal.js';
import type { HubRefusal } from './refusal.js';
import { isTokenShaped, newToken, sha256Hex } from './secrets.js';
import type { ApiTokenView } from '../../shared/hub-api/routes.js';
import { apiTokenScopeSchema } from '../../shared/hub-api/routes.js';

export const API_SCOPES = ['counts:read', 'exports:read', 'roster:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Scopes that change data: only an admin's token may hold them. */
const WRITE_SCOPES: ReadonlySet<ApiScope> = new Set(['roster:write']);

export interface NewApiToken {
  readonly id: number;
  /** Shown to the person once; never stored. */
  readonly token: string;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
}

export interface CreateApiTokenInput {
  readonly actor: Actor;
  readonly accountId: number;
  readonly scopes: readonly ApiScope[];
  readonly name: string;
  readonly now: string;
}

export type ApiTokenRefusal = HubRefusal<'forbidden' | 'unknown' | 'badName' | 'badScopes'>;

/**
 * A token acting as `accountId`, made by that account itself or by an admin of its district. A
 * token never has more power than its account: a viewer's token cannot hold a write scope.
 */
export async function createApiToken(db: HubQueries, input: CreateApiTokenInput): Promise<Result<NewApiToken, ApiTokenRefusal>> {
  const target = await getAccount(db, input.actor, input.accountId);
  if (!target.ok) return target;
  const account = target.value;
  const self = input.actor !== 'console' && input.actor.id === account.id;
  if (!self) {
    const allowed = requireAdminOf(input.actor, account.districtId);
    if (!allowed.ok) return allowed;
  }
  if (!isPlainText(input.name, 100) || input.name.trim() === '') return refuse('badName', 'hub.token.badName');
  const scopes = [...new Set(input.scopes)].sort();
  if (scopes.length === 0 || !scopes.every((s) => (API_SCOPES as readonly string[]).includes(s))) return refuse('badScopes', 'hub.token.badScopes');
  if (account.role !== 'admin' && scopes.some((s) => WRITE_SCOPES.has(s))) return refuse('forbidden', 'hub.needAdmin');
  const token = newToken();
  const [row] = await db.query(
    `INSERT INTO api_tokens (account_id, name, token_hash, scopes, created_at)
     VALUES ($1, $2, $3, ARRAY(SELECT jsonb_array_elements_text($4::jsonb)), $5) RETURNING id`,
    [account.id, input.name, sha256Hex(token), jsonParam(scopes), input.now],
    z.object({ id: dbInt }),
  );
  if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
  return ok({ id: row.id, token, name: input.name, scopes });
}

export type ApiTokenUseRefusal = HubRefusal<'invalid' | 'scope'>;

/**
 * The account an API token acts as, if the token is live and holds `scope`. A write scope is also
 * refused when the account has since become a viewer: a token never outranks its account.
 */
export async function apiTokenAccount(db: HubQueries, token: string, scope: ApiScope, now: string): Promise<Result<Account, ApiTokenUseRefusal>> {
  if (!isTokenShaped(token)) return refuse('invalid', 'hub.token.invalid');
  const [row] = await db.query(
    `WITH t AS (
       UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING account_id, to_jsonb(scopes) AS scopes)
     SELECT ${ACCOUNT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}, t.scopes FROM accounts a JOIN t ON a.id = t.account_id`,
    [sha256Hex(token), now],
    accountRow.extend({ scopes: z.array(z.string()) }),
  );
  if (row === undefined) return refuse('invalid', 'hub.token.invalid');
  const account = toAccount(row);
  if (!row.scopes.includes(scope) || (WRITE_SCOPES.has(scope) && account.role !== 'admin')) return refuse('scope', 'hub.token.scope', { scope });
  return ok(account);
}

/** Revokes a token, by the owner or an admin of the owner's district. */
export async function revokeApiToken(
  db: HubQueries,
  input: { readonly actor: Actor; readonly tokenId: number; readonly now: string },
): Promise<Result<void, HubRefusal<'forbidden' | 'unknown'>>> {
  const [row] = await db.query(
    `SELECT t.account_id, a.district_id FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.id = $1`,
    [input.tokenId],
    z.object({ account_id: dbInt, district_id: dbInt }),
  );
  if (row === undefined) return refuse('unknown', 'hub.token.invalid');
  const self = input.actor !== 'console' && input.actor.id === row.account_id;
  if (!self) {
    const allowed = requireAdminOf(input.actor, row.district_id);
    if (!allowed.ok) return allowed;
  }
  await db.execute(`UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [input.tokenId, input.now]);
  return ok(undefined);
}

const tokenRow = z.object({
  id: dbInt,
  name: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  account_id: dbInt,
  login: z.string(),
  created_at: dbInstant,
  last_used_at: dbInstant.nullable(),
  revoked_at: dbInstant.nullable(),
});

/** An admin sees every token of the district; a viewer their own. Newest first. */
export async function listApiTokens(db: HubQueries, actor: Account): Promise<ApiTokenView[]> {
  const rows = await db.query(
    `SELECT t.id, t.name, to_jsonb(t.scopes) AS scopes, t.account_id, a.login, t.created_at, t.last_used_at, t.revoked_at
       FROM api_tokens t JOIN accounts a ON a.id = t.account_id
      WHERE a.district_id = $1 AND ($2 OR a.id = $3)
      ORDER BY t.created_at DESC, t.id DESC`,
    [actor.districtId, actor.role === 'admin', actor.id],
    tokenRow,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    accountId: r.account_id,
    login: r.login,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}
