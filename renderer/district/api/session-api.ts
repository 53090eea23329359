/** Signing in and out, and who is signed in (after a reload the cookie is still there; the CSRF token is asked for again). */
import { HUB_PATHS, okSchema, sessionViewSchema } from '../../../shared/hub-api/routes.js';
import type { LoginRequest, SessionView } from '../../../shared/hub-api/routes.js';
import type { ApiResult } from './api-result.js';
import type { HubClient } from './hub-client.js';

export async function currentSession(client: HubClient): Promise<ApiResult<SessionView>> {
  const r = await client.get(HUB_PATHS.session, sessionViewSchema);
  client.setCsrfToken(r.ok ? r.value.csrfToken : null);
  return r;
}

export async function signIn(client: HubClient, request: LoginRequest): Promise<ApiResult<SessionView>> {
  const r = await client.send('POST', HUB_PATHS.session, sessionViewSchema, request);
  client.setCsrfToken(r.ok ? r.value.csrfToken : null);
  return r;
}

export async function signOut(client: HubClient): Promise<ApiResult<{ ok: true }>> {
  const r = await client.send('DELETE', HUB_PATHS.session, okSchema);
  client.setCsrfToken(null);
  return r;
}
