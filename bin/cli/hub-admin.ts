/**
 * The hub's console administration (docs/cli.md): districts, a district's first accounts, API tokens
 * and revoking a kiosk, on the same database the hub serves. Acts as 'console' — whoever may run
 * the hub may set it up. On PGlite the hub must not be running (the folder is one process's); on
 * PostgreSQL these run beside it.
 */
import { message } from '../../shared/i18n/text.js';
import { accountIdByLogin, API_SCOPES, createAccount, createApiToken, revokeApiToken } from '../../server/accounts/index.js';
import type { ApiScope, HubRefusal } from '../../server/accounts/index.js';
import { createDistrict, listDistricts } from '../../server/districts/index.js';
import { revokeDevice } from '../../server/enrolment/index.js';
import { integer, parse, required } from './args.js';
import { done, refused, say, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { newPassword } from './hub-password.js';
import { HUB_STORE_OPTIONS, withHubStore } from './hub-store.js';

function refusal(e: HubRefusal<string>, extra: Record<string, unknown> = {}): Outcome {
  return refused({ error: e.kind, message: say(e.message), ...extra }, [say(e.message)]);
}

const now = (): string => new Date().toISOString();

export async function districtCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values } = parse(rest, { ...HUB_STORE_OPTIONS, name: { type: 'string' }, region: { type: 'string' } });
    const name = required(values.name, 'name');
    const regionCode = required(values.region, 'region');
    return withHubStore(values.data, async ({ db }) => {
      const made = await createDistrict(db, { actor: 'console', name, regionCode, now: now() });
      if (!made.ok) return refusal(made.error);
      const d = made.value;
      return done({ district: d }, [say(message('hub.cli.districtAdded', { id: d.id, name: d.name, regionCode: d.regionCode }))]);
    });
  }
  if (sub === 'list') {
    const { values } = parse(rest, HUB_STORE_OPTIONS);
    return withHubStore(values.data, async ({ db }) => {
      const districts = await listDistricts(db);
      const lines = districts.length === 0 ? [say(message('hub.cli.noDistricts'))] : districts.map((d) => `${d.id}\t${d.regionCode}\t${d.name}`);
      return done({ districts }, lines);
    });
  }
  throw new UsageError('usage: zhucan hub district add --name NAME --region CODE | zhucan hub district list');
}

export async function accountCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError('usage: zhucan hub account add --district ID --login LOGIN --role admin|viewer [--password-file FILE]');
  const { values } = parse(rest, { ...HUB_STORE_OPTIONS, district: { type: 'string' }, login: { type: 'string' }, role: { type: 'string' }, 'password-file': { type: 'string' } });
  const districtId = integer(required(values.district, 'district'), 'district') ?? 0;
  const login = required(values.login, 'login');
  const role = required(values.role, 'role');
  if (role !== 'admin' && role !== 'viewer') throw new UsageError('--role must be admin or viewer');
  const password = await newPassword(values['password-file']);
  if (password === null) {
    const text = message('hub.cli.noPassword');
    return refused({ error: 'noPassword', message: say(text) }, [say(text)]);
  }
  return withHubStore(values.data, async ({ db }) => {
    const made = await createAccount(db, { actor: 'console', districtId, login, password, role, now: now() });
    if (!made.ok) return refusal(made.error);
    const a = made.value;
    return done({ account: { id: a.id, districtId: a.districtId, login: a.login, role: a.role } }, [
      say(message('hub.cli.accountAdded', { id: a.id, login: a.login, role: a.role, districtId: a.districtId })),
    ]);
  });
}

function scopesOf(text: string): ApiScope[] {
  const scopes = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const s of scopes) if (!(API_SCOPES as readonly string[]).includes(s)) throw new UsageError(`--scopes: "${s}" is not one of ${API_SCOPES.join(', ')}`);
  return scopes as ApiScope[];
}

export async function tokenCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values } = parse(rest, { ...HUB_STORE_OPTIONS, login: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' } });
    const login = required(values.login, 'login');
    const name = required(values.name, 'name');
    const scopes = scopesOf(required(values.scopes, 'scopes'));
    return withHubStore(values.data, async ({ db }) => {
      const accountId = await accountIdByLogin(db, login);
      if (accountId === null) {
        const text = message('hub.cli.unknownLogin', { login });
        return refused({ error: 'unknown', message: say(text) }, [say(text)]);
      }
      const made = await createApiToken(db, { actor: 'console', accountId, name, scopes, now: now() });
      if (!made.ok) return refusal(made.error);
      const t = made.value;
      return done({ id: t.id, name: t.name, scopes: t.scopes, token: t.token }, [say(message('hub.cli.tokenAdded', { id: t.id, name: t.name, scopes: t.scopes.join(',') })), t.token]);
    });
  }
  if (sub === 'revoke') {
    const { values, positionals } = parse(rest, HUB_STORE_OPTIONS, 1);
    const tokenId = integer(positionals[0], 'ID') ?? 0;
    return withHubStore(values.data, async ({ db }) => {
      const result = await revokeApiToken(db, { actor: 'console', tokenId, now: now() });
      if (!result.ok) return refusal(result.error);
      return done({ id: tokenId }, [say(message('hub.cli.tokenRevoked', { id: tokenId }))]);
    });
  }
  throw new UsageError('usage: zhucan hub token add --login LOGIN --name NAME --scopes a,b | zhucan hub token revoke ID');
}

export async function deviceCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub !== 'revoke') throw new UsageError('usage: zhucan hub device revoke DEVICE_ID');
  const { values, positionals } = parse(rest, HUB_STORE_OPTIONS, 1);
  const deviceId = positionals[0] ?? '';
  return withHubStore(values.data, async ({ db }) => {
    const result = await revokeDevice(db, { actor: 'console', deviceId, now: now() });
    if (!result.ok) return refusal(result.error);
    return done(result.value, [say(message('hub.cli.deviceRevoked', result.value))]);
  });
}
