/**
 * What the hub's HTTP API says about who is signed in, the district's accounts and its API tokens:
 * request and response bodies, shared by the hub (which validates them) and the district web app
 * (which reads them). Change additively only: the web app and scripts of other versions read them.
 */
import { z } from 'zod';

export const ACCOUNT_ROLES = ['admin', 'viewer'] as const;
export const accountRoleSchema = z.enum(ACCOUNT_ROLES);

export const API_TOKEN_SCOPES = ['counts:read', 'exports:read', 'roster:write'] as const;
export const apiTokenScopeSchema = z.enum(API_TOKEN_SCOPES);

const instantSchema = z.iso.datetime({ precision: 3 });

export const districtViewSchema = z.strictObject({
  id: z.int().min(1),
  name: z.string(),
  /** County-level 行政区划 code, 6 digits. */
  regionCode: z.string(),
});
export type DistrictView = z.infer<typeof districtViewSchema>;

/** POST /api/v1/session: sign in. */
export const loginRequestSchema = z.strictObject({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/**
 * GET / POST /api/v1/session: the signed-in account and the CSRF token the web app sends back in the
 * X-Zhucan-CSRF header on every POST / PUT / PATCH / DELETE.
 */
export const sessionViewSchema = z.strictObject({
  account: z.strictObject({
    id: z.int().min(1),
    login: z.string(),
    role: accountRoleSchema,
    district: districtViewSchema,
  }),
  csrfToken: z.string().min(1),
  /** When the session ends at the latest (it also ends after 8 h without use). */
  expiresAt: instantSchema,
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** An account as the admin's list shows it (never the password hash). */
export const accountViewSchema = z.strictObject({
  id: z.int().min(1),
  login: z.string(),
  role: accountRoleSchema,
  /** Set while the account is locked after too many wrong passwords. */
  lockedUntil: instantSchema.nullable(),
  createdAt: instantSchema,
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const accountListSchema = z.strictObject({ accounts: z.array(accountViewSchema) });
export type AccountList = z.infer<typeof accountListSchema>;

/** POST /api/v1/accounts (admin): a new account in the admin's own district. */
export const newAccountRequestSchema = z.strictObject({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
  role: accountRoleSchema,
});
export type NewAccountRequest = z.infer<typeof newAccountRequestSchema>;

export const apiTokenViewSchema = z.strictObject({
  id: z.int().min(1),
  name: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  /** The account the token acts as. */
  accountId: z.int().min(1),
  login: z.string(),
  createdAt: instantSchema,
  lastUsedAt: instantSchema.nullable(),
  revokedAt: instantSchema.nullable(),
});
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;

/** GET /api/v1/tokens: an admin sees the district's tokens, a viewer their own. */
export const apiTokenListSchema = z.strictObject({ tokens: z.array(apiTokenViewSchema) });
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

/** POST /api/v1/tokens: a token for the signed-in account, or (admin) for another account of the district. */
export const newApiTokenRequestSchema = z.strictObject({
  name: z.string().min(1).max(100),
  scopes: z.array(apiTokenScopeSchema).min(1).max(API_TOKEN_SCOPES.length),
  /** Default: the signed-in account. */
  accountId: z.int().min(1).optional(),
});
export type NewApiTokenRequest = z.infer<typeof newApiTokenRequestSchema>;

/** The answer to POST /api/v1/tokens: `token` is shown this once and never again. */
export const newApiTokenSchema = z.strictObject({
  id: z.int().min(1),
  name: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  token: z.string(),
});
export type NewApiTokenView = z.infer<typeof newApiTokenSchema>;
