/** The district's staff accounts (admin only): GET / POST /api/v1/accounts. */
import { accountListSchema, accountViewSchema, HUB_PATHS, newAccountRequestSchema } from '../../../shared/hub-api/routes.js';
import type { AccountView } from '../../../shared/hub-api/routes.js';
import { createAccount, listAccounts } from '../../accounts/index.js';
import type { Account } from '../../accounts/index.js';
import { valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { signedIn } from './route-helpers.js';

function accountView(a: Account): AccountView {
  return { id: a.id, login: a.login, role: a.role, lockedUntil: a.lockedUntil, createdAt: a.createdAt };
}

export const accountRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.accounts,
    tag: 'accounts',
    summary: "The accounts of the admin's district.",
    auth: 'admin',
    response: accountListSchema,
    async handler({ db, actor }) {
      return { body: { accounts: (await listAccounts(db, signedIn(actor))).map(accountView) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.accounts,
    tag: 'accounts',
    summary: "A new account (admin or viewer) in the admin's district.",
    auth: 'admin',
    body: newAccountRequestSchema,
    response: accountViewSchema,
    status: 201,
    async handler({ db, actor, body, now }) {
      const admin = signedIn(actor);
      const account = valueOr(await createAccount(db, { actor: admin, districtId: admin.districtId, login: body.login, password: body.password, role: body.role, now }));
      return { body: accountView(account) };
    },
  }),
];
