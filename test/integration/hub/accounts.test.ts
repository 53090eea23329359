/**
 * District staff accounts on both engines: password rules, case-insensitive logins, lockout after 5
 * failures and its end after 15 minutes, sessions' idle and absolute expiry, revocation, API token
 * scopes, district isolation, and SQL-ish text stored verbatim. Time is the `now` each call is
 * given, so every expiry is checked by moving it — no waiting, no timing assertions.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokenAccount,
  authenticate,
  createAccount,
  createApiToken,
  createSession,
  getAccount,
  listAccounts,
  revokeApiToken,
  revokeSession,
  sessionAccount,
  sessionExpiry,
} from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { render } from '../../../shared/i18n/index.js';
import { allText, must, useHubEngines } from './hub-engines.js';
import { seedHubActors } from '../../helpers/hub-actors.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
function at(ms: number): string {
  return new Date(Date.parse(T0) + ms).toISOString();
}

const PASSWORD = 'correct horse battery';
const SQLISH = `'; DROP TABLE accounts; --`;

describe.each(engines)('accounts on $name', (engine) => {
  let db: HubDb;
  let districtA: number;
  let districtB: number;
  let adminA: Account;
  let viewerA: Account;
  let adminB: Account;

  beforeAll(async () => {
    db = await engine.open();
    ({ districtA, districtB, adminA, viewerA, adminB } = await seedHubActors(db, { password: PASSWORD, now: T0 }));
  }, 90_000);

  it('creates an account and refuses weak passwords, taken logins and other districts', async () => {
    expect(adminA).toMatchObject({ districtId: districtA, login: 'admin.a', role: 'admin', failedLogins: 0, lockedUntil: null, createdAt: T0 });
    const base = { actor: adminA, districtId: districtA, role: 'viewer', now: T0 } as const;
    const short = await createAccount(db, { ...base, login: 'zhang.san', password: '123456789' });
    expect(short).toMatchObject({ ok: false, error: { kind: 'badPassword', message: { key: 'hub.account.passwordShort', params: { min: 10 } } } });
    const isLogin = await createAccount(db, { ...base, login: 'Zhang.San.2026', password: 'zhang.san.2026' });
    expect(isLogin).toMatchObject({ ok: false, error: { kind: 'badPassword', message: { key: 'hub.account.passwordIsLogin' } } });
    const taken = await createAccount(db, { ...base, login: 'ADMIN.A', password: PASSWORD });
    expect(taken).toMatchObject({ ok: false, error: { kind: 'loginTaken' } });
    const empty = await createAccount(db, { ...base, login: '  ', password: PASSWORD });
    expect(empty).toMatchObject({ ok: false, error: { kind: 'badLogin' } });
    // A viewer creates nobody; an admin creates nobody in another district.
    expect(await createAccount(db, { ...base, actor: viewerA, login: 'new.one', password: PASSWORD })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.needAdmin' } } });
    expect(await createAccount(db, { ...base, districtId: districtB, login: 'new.two', password: PASSWORD })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
    expect(await createAccount(db, { ...base, actor: 'console', districtId: 999_999, login: 'nowhere', password: PASSWORD })).toMatchObject({ ok: false, error: { kind: 'unknownDistrict' } });
    // The password is stored as a salted scrypt hash with its parameters, never in clear.
    const stored = await allText(db, 'accounts');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).toMatch(/scrypt\$32768\$8\$3\$[0-9a-f]{32}\$[0-9a-f]{64}/);
  });

  it('keeps SQL-ish and Chinese logins verbatim, and signs them in', async () => {
    for (const login of [SQLISH, `王'五`]) {
      const created = must(await createAccount(db, { actor: adminA, districtId: districtA, login, password: PASSWORD, role: 'viewer', now: T0 }));
      expect(created.login).toBe(login);
      expect(must(await authenticate(db, login, PASSWORD, T0)).id).toBe(created.id);
    }
    const logins = (await listAccounts(db, adminA)).map((a) => a.login);
    expect(logins).toEqual(expect.arrayContaining([SQLISH, `王'五`, 'admin.a', 'viewer.a']));
    expect(logins).not.toContain('admin.b');
  });

  it('signs in whatever the login letter case, and says the same for an unknown login and a wrong password', async () => {
    expect(must(await authenticate(db, 'Admin.A', PASSWORD, T0)).id).toBe(adminA.id);
    const unknown = await authenticate(db, 'nobody', PASSWORD, T0);
    const wrong = await authenticate(db, 'admin.b', 'not the password', T0);
    expect(unknown).toEqual({ ok: false, error: { kind: 'badCredentials', message: { key: 'hub.login.bad' } } });
    expect(wrong).toEqual(unknown);
    must(await authenticate(db, 'admin.b', PASSWORD, T0)); // resets admin.b's count for the tests below
  });

  it('locks an account after 5 wrong passwords in a row, for 15 minutes, even against the right password', async () => {
    must(await createAccount(db, { actor: adminA, districtId: districtA, login: 'lock.me', password: PASSWORD, role: 'viewer', now: T0 }));
    for (let i = 1; i <= 4; i++) {
      expect(await authenticate(db, 'lock.me', `wrong ${i}`, at(i * MIN))).toMatchObject({ ok: false, error: { kind: 'badCredentials' } });
    }
    // The 5th failure, at T0+5min, locks it until T0+20min: 08:20 UTC, said as the clerk's Beijing time.
    const locked = await authenticate(db, 'lock.me', 'wrong 5', at(5 * MIN));
    expect(locked).toEqual({ ok: false, error: { kind: 'locked', message: { key: 'hub.login.locked', params: { until: '2026-11-24 16:20' } } } });
    if (locked.ok) throw new Error('not locked');
    expect(render(locked.error.message)).toBe('连续输错密码次数过多，账号已锁定至 2026-11-24 16:20');
    expect(render(locked.error.message, 'en')).toBe('Too many wrong passwords: the account is locked until 2026-11-24 16:20');
    expect(await authenticate(db, 'lock.me', PASSWORD, at(19 * MIN))).toMatchObject({ ok: false, error: { kind: 'locked' } });
    // 15 minutes after the 5th failure it opens, and the right password resets everything.
    const open = must(await authenticate(db, 'lock.me', PASSWORD, at(20 * MIN)));
    expect(open).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('says when a lock ends on the Beijing calendar, rounded up to the minute the account opens', async () => {
    must(await createAccount(db, { actor: adminA, districtId: districtA, login: 'late.lock', password: PASSWORD, role: 'viewer', now: T0 }));
    // The 5th failure at 15:50:30 UTC locks until 16:05:30 UTC: 00:05:30 of the next day in Beijing.
    const fifth = 7 * HOUR + 50 * MIN + 30_000;
    for (let i = 4; i >= 1; i--) await authenticate(db, 'late.lock', 'wrong', at(fifth - i * MIN));
    const locked = await authenticate(db, 'late.lock', 'wrong', at(fifth));
    expect(locked).toMatchObject({ ok: false, error: { kind: 'locked', message: { params: { until: '2026-11-25 00:06' } } } });
    // Asked again while locked (the lock read back from the database), the same words.
    expect(await authenticate(db, 'late.lock', PASSWORD, at(fifth + MIN))).toEqual(locked);
    // At the minute shown it is open.
    expect(must(await authenticate(db, 'late.lock', PASSWORD, at(fifth + 15 * MIN + 30_000))).failedLogins).toBe(0);
  });

  it('a success resets the count: 4 failures, a success, 4 failures do not lock', async () => {
    must(await createAccount(db, { actor: adminA, districtId: districtA, login: 'reset.me', password: PASSWORD, role: 'viewer', now: T0 }));
    for (let i = 1; i <= 4; i++) await authenticate(db, 'reset.me', 'wrong', at(i * MIN));
    expect(must(await authenticate(db, 'reset.me', PASSWORD, at(5 * MIN))).failedLogins).toBe(0);
    for (let i = 6; i <= 9; i++) {
      expect(await authenticate(db, 'reset.me', 'wrong', at(i * MIN))).toMatchObject({ ok: false, error: { kind: 'badCredentials' } });
    }
    expect(must(await authenticate(db, 'reset.me', PASSWORD, at(10 * MIN))).failedLogins).toBe(0);
  });

  it('sessions end 8 hours after their last use', async () => {
    const s = await createSession(db, viewerA.id, T0);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s).toMatchObject({ idleExpiresAt: at(8 * HOUR), expiresAt: at(24 * HOUR) });
    expect((await sessionAccount(db, s.token, at(7 * HOUR)))?.id).toBe(viewerA.id);
    // Used at 7 h, so it lives to 15 h; unused from then, it is gone at 15 h.
    expect(await sessionExpiry(db, s.token)).toEqual({ idleExpiresAt: at(15 * HOUR), expiresAt: at(24 * HOUR) });
    expect((await sessionAccount(db, s.token, at(15 * HOUR - 1)))?.id).toBe(viewerA.id);
    expect(await sessionAccount(db, s.token, at(23 * HOUR))).toBeNull();
    // Only the SHA-256 of the token is stored.
    const stored = await allText(db, 'sessions');
    expect(stored).not.toContain(s.token);
    expect(stored).toContain(createHash('sha256').update(s.token).digest('hex'));
  });

  it('sessions end 24 hours after sign-in however often they are used', async () => {
    const s = await createSession(db, viewerA.id, T0);
    for (const h of [7, 14, 21]) expect((await sessionAccount(db, s.token, at(h * HOUR)))?.id).toBe(viewerA.id);
    // The slide at 21 h stops at the absolute end, not 29 h.
    expect(await sessionExpiry(db, s.token)).toEqual({ idleExpiresAt: at(24 * HOUR), expiresAt: at(24 * HOUR) });
    expect((await sessionAccount(db, s.token, at(24 * HOUR - 1)))?.id).toBe(viewerA.id);
    expect(await sessionAccount(db, s.token, at(24 * HOUR))).toBeNull();
  });

  it('a revoked session, an unknown token and garbage are refused', async () => {
    const s = await createSession(db, viewerA.id, T0);
    expect(await revokeSession(db, s.token, at(MIN))).toBe(true);
    expect(await sessionAccount(db, s.token, at(2 * MIN))).toBeNull();
    expect(await revokeSession(db, s.token, at(3 * MIN))).toBe(false);
    const other = await createSession(db, viewerA.id, T0);
    expect(await sessionAccount(db, `${other.token.slice(0, -1)}${other.token.endsWith('A') ? 'B' : 'A'}`, T0)).toBeNull();
    expect(await sessionAccount(db, `' OR '1'='1`, T0)).toBeNull();
    expect(await sessionAccount(db, '', T0)).toBeNull();
  });

  it('API tokens: shown once, stored hashed, scoped, revocable', async () => {
    const made = must(await createApiToken(db, { actor: adminA, accountId: viewerA.id, scopes: ['counts:read'], name: SQLISH, now: T0 }));
    expect(made).toMatchObject({ name: SQLISH, scopes: ['counts:read'] });
    expect(await allText(db, 'api_tokens')).not.toContain(made.token);
    expect(must(await apiTokenAccount(db, made.token, 'counts:read', T0)).id).toBe(viewerA.id);
    expect(await apiTokenAccount(db, made.token, 'exports:read', T0)).toEqual({
      ok: false,
      error: { kind: 'scope', message: { key: 'hub.token.scope', params: { scope: 'exports:read' } } },
    });
    // A token never outranks its account: a viewer's token cannot write the roster.
    expect(await createApiToken(db, { actor: viewerA, accountId: viewerA.id, scopes: ['roster:write'], name: 'sync', now: T0 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await createApiToken(db, { actor: adminA, accountId: viewerA.id, scopes: [], name: 'none', now: T0 })).toMatchObject({ ok: false, error: { kind: 'badScopes' } });
    // Revoked: refused from then on.
    must(await revokeApiToken(db, { actor: viewerA, tokenId: made.id, now: at(MIN) }));
    expect(await apiTokenAccount(db, made.token, 'counts:read', at(2 * MIN))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await apiTokenAccount(db, 'not a token', 'counts:read', T0)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    const writer = must(await createApiToken(db, { actor: adminA, accountId: adminA.id, scopes: ['roster:write', 'counts:read', 'roster:write'], name: '民政系统', now: T0 }));
    expect(writer.scopes).toEqual(['counts:read', 'roster:write']);
    expect(must(await apiTokenAccount(db, writer.token, 'roster:write', T0)).id).toBe(adminA.id);
  });

  it('an account of another district is forbidden: reading it, making or revoking its tokens', async () => {
    expect(await getAccount(db, adminB, viewerA.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(must(await getAccount(db, viewerA, adminA.id)).login).toBe('admin.a');
    expect(await createApiToken(db, { actor: adminB, accountId: viewerA.id, scopes: ['counts:read'], name: 'x', now: T0 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const mine = must(await createApiToken(db, { actor: viewerA, accountId: viewerA.id, scopes: ['exports:read'], name: 'mine', now: T0 }));
    expect(await revokeApiToken(db, { actor: adminB, tokenId: mine.id, now: T0 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(must(await apiTokenAccount(db, mine.token, 'exports:read', T0)).id).toBe(viewerA.id);
    expect((await listAccounts(db, adminB)).map((a) => a.login)).toEqual(['admin.b']);
  });
});
