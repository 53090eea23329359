/** District staff accounts, sign-in with lockout, sessions and API tokens: what the HTTP layer calls. */
export {
  authenticate,
  checkPassword,
  accountIdByLogin,
  createAccount,
  getAccount,
  listAccounts,
  requireAdminOf,
  requireMemberOf,
  LOCKOUT_FAILURES,
  LOCKOUT_MS,
  PASSWORD_MIN,
  type Account,
  type AccountRole,
  type Actor,
  type AuthRefusal,
  type CreateAccountRefusal,
  type NewAccount,
} from './accounts.js';
export { createSession, revokeAccountSessions, revokeSession, sessionAccount, sessionExpiry, SESSION_IDLE_MS, SESSION_MAX_MS, type NewSession } from './sessions.js';
export { API_SCOPES, apiTokenAccount, createApiToken, listApiTokens, revokeApiToken, type ApiScope, type ApiTokenRefusal, type ApiTokenUseRefusal, type NewApiToken } from './api-tokens.js';
export type { HubRefusal } from './refusal.js';
