/** Signing in and out of the web app: POST / GET / DELETE /api/v1/session. */
import { message } from '../../../shared/i18n/index.js';
import { HUB_PATHS, loginRequestSchema, okSchema, sessionViewSchema } from '../../../shared/hub-api/routes.js';
import type { SessionView } from '../../../shared/hub-api/routes.js';
import { authenticate, createSession, revokeSession, SESSION_MAX_MS, sessionExpiry } from '../../accounts/index.js';
import type { Account } from '../../accounts/index.js';
import type { HubQueries } from '../../db/index.js';
import { getDistrict } from '../../districts/index.js';
import { HttpError, valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { clearedSessionCookie, csrfTokenFor, sessionCookie } from '../security.js';

async function sessionView(db: HubQueries, account: Account, token: string, expiresAt: string): Promise<SessionView> {
  const district = await getDistrict(db, account.districtId);
  if (district === null) throw new Error(`account ${account.id} has no district ${account.districtId}`);
  return {
    account: { id: account.id, login: account.login, role: account.role, district: { id: district.id, name: district.name, regionCode: district.regionCode } },
    csrfToken: csrfTokenFor(token),
    expiresAt,
  };
}

export const sessionRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.session,
    tag: 'session',
    summary: 'Sign in: sets the zhucan_session cookie and returns the account and its CSRF token.',
    auth: 'public',
    body: loginRequestSchema,
    response: sessionViewSchema,
    async handler({ db, body, now, ip, services, secureCookies }) {
      const wait = services.signInLimiter.attempt(`signin:${ip}`, Date.parse(now));
      if (wait > 0) throw new HttpError(429, 'tooManyRequests', message('hub.http.tooManySignIns', { seconds: wait }), { 'Retry-After': String(wait) });
      const account = valueOr(await authenticate(db, body.login, body.password, now));
      const session = await createSession(db, account.id, now);
      return {
        body: await sessionView(db, account, session.token, session.expiresAt),
        cookies: [sessionCookie(session.token, Math.floor(SESSION_MAX_MS / 1000), secureCookies)],
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.session,
    tag: 'session',
    summary: 'The signed-in account and its CSRF token (the web app calls this on load).',
    auth: 'session',
    response: sessionViewSchema,
    async handler({ db, actor, sessionToken }) {
      if (actor === null || sessionToken === null) throw new Error('session route without a session');
      const expiry = await sessionExpiry(db, sessionToken);
      if (expiry === null) throw new Error('a live session without its row');
      return { body: await sessionView(db, actor, sessionToken, expiry.expiresAt) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: HUB_PATHS.session,
    tag: 'session',
    summary: 'Sign out: ends the session and clears the cookie.',
    auth: 'session',
    response: okSchema,
    async handler({ db, sessionToken, now, secureCookies }) {
      if (sessionToken !== null) await revokeSession(db, sessionToken, now);
      return { body: { ok: true as const }, cookies: [clearedSessionCookie(secureCookies)] };
    },
  }),
];
