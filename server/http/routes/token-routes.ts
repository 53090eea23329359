/** API tokens for machine access: GET / POST /api/v1/tokens, DELETE /api/v1/tokens/:id (session only). */
import { apiTokenListSchema, HUB_PATHS, newApiTokenRequestSchema, newApiTokenSchema, okSchema } from '../../../shared/hub-api/routes.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../accounts/index.js';
import { valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { idParamsSchema, signedIn } from './route-helpers.js';

export const tokenRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.tokens,
    tag: 'tokens',
    summary: "API tokens: an admin sees the district's, a viewer their own (never the token itself).",
    auth: 'session',
    response: apiTokenListSchema,
    async handler({ db, actor }) {
      return { body: { tokens: await listApiTokens(db, signedIn(actor)) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.tokens,
    tag: 'tokens',
    summary: 'A new API token; the answer holds the token this once only.',
    auth: 'session',
    body: newApiTokenRequestSchema,
    response: newApiTokenSchema,
    status: 201,
    async handler({ db, actor, body, now }) {
      const me = signedIn(actor);
      const made = valueOr(await createApiToken(db, { actor: me, accountId: body.accountId ?? me.id, name: body.name, scopes: body.scopes, now }));
      return { body: { id: made.id, name: made.name, scopes: [...made.scopes], token: made.token } };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: HUB_PATHS.token,
    tag: 'tokens',
    summary: 'Revokes an API token (its owner, or an admin of its district).',
    auth: 'session',
    params: idParamsSchema,
    response: okSchema,
    async handler({ db, actor, params, now }) {
      valueOr(await revokeApiToken(db, { actor: signedIn(actor), tokenId: params.id, now }));
      return { body: { ok: true as const } };
    },
  }),
];
