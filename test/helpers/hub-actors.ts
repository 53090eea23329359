/**
 * The people most hub suites start from: district A with an admin and a viewer (made by that admin),
 * and another district B with its own admin, for "staff of another district see nothing". One
 * definition, so every suite's notion of "another district" is the same.
 */
import { createAccount } from '../../server/accounts/index.js';
import type { Account } from '../../server/accounts/index.js';
import type { HubDb } from '../../server/db/index.js';
import { createDistrict } from '../../server/districts/index.js';
import { must } from '../integration/hub/hub-engines.js';

export interface HubActors {
  readonly districtA: number;
  readonly districtB: number;
  readonly adminA: Account;
  readonly viewerA: Account;
  readonly adminB: Account;
}

export interface HubActorOptions {
  /** The accounts' password (every suite logs in with it). */
  readonly password: string;
  /** When the districts and accounts were made. */
  readonly now: string;
  /** District A; 越秀区 unless a suite needs its regions (the roster's canteens lie in 天河区). */
  readonly districtA?: { readonly name: string; readonly regionCode: string };
  /** Put before 'admin.a', 'viewer.a', 'admin.b', for a suite whose logins must differ from others'. */
  readonly loginPrefix?: string;
}

export async function seedHubActors(db: HubDb, opts: HubActorOptions): Promise<HubActors> {
  const { password, now } = opts;
  const prefix = opts.loginPrefix ?? '';
  const a = opts.districtA ?? { name: '越秀区', regionCode: '440104' };
  const districtA = must(await createDistrict(db, { actor: 'console', ...a, now })).id;
  const districtB = must(await createDistrict(db, { actor: 'console', name: '海珠区', regionCode: '440105', now })).id;
  const adminA = must(await createAccount(db, { actor: 'console', districtId: districtA, login: `${prefix}admin.a`, password, role: 'admin', now }));
  const viewerA = must(await createAccount(db, { actor: adminA, districtId: districtA, login: `${prefix}viewer.a`, password, role: 'viewer', now }));
  const adminB = must(await createAccount(db, { actor: 'console', districtId: districtB, login: `${prefix}admin.b`, password, role: 'admin', now }));
  return { districtA, districtB, adminA, viewerA, adminB };
}
