/**
 * `zhucan hub` as district IT runs it, on PGlite (--data DIR) and on PostgreSQL (DATABASE_URL):
 * district add / list, account add (password from a file or the environment, never the command
 * line), token add / revoke; then the hub started on a free port answers — the account signs in
 * over HTTP, the token reads canteens — a console command on a running PGlite hub is refused as
 * locked, and SIGTERM stops it cleanly (exit 0, lock released).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canteenListSchema, SESSION_COOKIE, sessionViewSchema } from '../../../shared/hub-api/routes.js';
import { startPostgres } from '../../helpers/postgres.js';
import type { PostgresServer } from '../../helpers/postgres.js';
import { onlyJson, REPO_ROOT, runCli } from '../../helpers/zhucan-cli.js';
import { call, setCookie } from './http-test-client.js';

const PASSWORD = 'correct horse battery';
const WAIT_MS = 30_000;

let postgres: PostgresServer | null = null;
const temp: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 90_000);
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await postgres?.stop();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-hub-cli-'));
  temp.push(dir);
  return dir;
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${WAIT_MS} ms`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `zhucan hub … --json` started as a process; resolves with its first JSON line (the address). */
async function startHubProcess(args: readonly string[], env: Readonly<Record<string, string>>): Promise<{ child: ChildProcess; url: string; port: number; stderr: () => string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ['ZHUCAN_DB', 'ZHUCAN_OPERATOR', 'ZHUCAN_PIN', 'ZHUCAN_HUB_PASSWORD', 'NODE_OPTIONS']) delete childEnv[name];
  const child = spawn(process.execPath, ['bin/zhucan.js', 'hub', ...args, '--port', '0', '--json'], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (err += chunk));
  child.stdout?.setEncoding('utf8');
  const line = await within(
    new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: string) => {
        out += chunk;
        const end = out.indexOf('\n');
        if (end !== -1) resolve(out.slice(0, end));
      });
      child.once('exit', (code) => reject(new Error(`the hub exited (${code}) before listening: ${err}`)));
    }),
    'the hub listening',
  );
  const json = z.object({ ok: z.literal(true), url: z.string(), port: z.number() }).parse(JSON.parse(line));
  return { child, url: json.url, port: json.port, stderr: () => err };
}

const setups = [
  {
    name: 'PGlite',
    store: (): { args: string[]; env: Record<string, string> } => ({ args: ['--data', join(tempDir(), 'hub')], env: { DATABASE_URL: '' } }),
  },
  {
    name: 'PostgreSQL',
    store: async (): Promise<{ args: string[]; env: Record<string, string> }> => {
      if (postgres === null) throw new Error('PostgreSQL is not running');
      return { args: [], env: { DATABASE_URL: await postgres.createDatabase() } };
    },
  },
] as const;

describe.each(setups)('zhucan hub on $name', (setup) => {
  it('sets up a district, an account and a token from the console, then serves them over HTTP until SIGTERM', async () => {
    const { args: store, env } = await setup.store();
    const cli = (args: readonly string[], extra: Record<string, string> = {}) => runCli(['hub', ...args, ...store, '--json'], { ...env, ...extra });

    const district = await cli(['district', 'add', '--name', '越秀区', '--region', '440104']);
    expect(district.code, district.stdout + district.stderr).toBe(0);
    const districtId = z.object({ district: z.object({ id: z.number(), publicKey: z.string().min(40) }) }).parse(onlyJson(district)).district.id;
    const again = await cli(['district', 'add', '--name', '越秀区二', '--region', '440104']);
    expect([again.code, onlyJson(again)['error']]).toEqual([1, 'regionTaken']);
    const list = onlyJson(await cli(['district', 'list']));
    expect(z.object({ districts: z.array(z.object({ name: z.string() })) }).parse(list).districts.map((d) => d.name)).toEqual(['越秀区']);

    const noPassword = await cli(['account', 'add', '--district', String(districtId), '--login', 'admin.a', '--role', 'admin']);
    expect([noPassword.code, onlyJson(noPassword)['error']]).toEqual([1, 'noPassword']);
    const passwordFile = join(tempDir(), 'password.txt');
    writeFileSync(passwordFile, `${PASSWORD}\n`);
    const admin = await cli(['account', 'add', '--district', String(districtId), '--login', 'admin.a', '--role', 'admin', '--password-file', passwordFile]);
    expect(admin.code, admin.stdout).toBe(0);
    const viewer = await cli(['account', 'add', '--district', String(districtId), '--login', 'viewer.a', '--role', 'viewer'], { ZHUCAN_HUB_PASSWORD: 'another long password' });
    expect(viewer.code, viewer.stdout).toBe(0);
    expect((await cli(['account', 'add', '--district', '1', '--login', 'x', '--role', 'boss'])).code).toBe(2);

    const token = await cli(['token', 'add', '--login', 'ADMIN.A', '--name', '市数据平台', '--scopes', 'counts:read,exports:read']);
    expect(token.code, token.stdout).toBe(0);
    const made = z.object({ id: z.number(), token: z.string().length(43) }).parse(onlyJson(token));
    const spare = z.object({ id: z.number(), token: z.string() }).parse(onlyJson(await cli(['token', 'add', '--login', 'viewer.a', '--name', '备用', '--scopes', 'counts:read'])));
    expect(onlyJson(await cli(['token', 'revoke', String(spare.id)]))).toMatchObject({ ok: true, id: spare.id });
    expect((await cli(['device', 'revoke', 'no-such-kiosk'])).code).toBe(1);

    const hub = await startHubProcess(store, env);
    try {
      expect(hub.url).toBe(`http://127.0.0.1:${hub.port}`);
      const signIn = await call(hub.port, 'POST', '/api/v1/session', { body: { login: 'admin.a', password: PASSWORD } });
      expect(signIn.status).toBe(200);
      expect(sessionViewSchema.parse(signIn.json).account.district.name).toBe('越秀区');
      expect(setCookie(signIn, SESSION_COOKIE)).not.toBeNull();
      const canteens = await call(hub.port, 'GET', '/api/v1/canteens', { headers: { Authorization: `Bearer ${made.token}` } });
      expect(canteenListSchema.parse(canteens.json)).toEqual({ canteens: [] });
      expect((await call(hub.port, 'GET', '/api/v1/canteens', { headers: { Authorization: `Bearer ${spare.token}` } })).status).toBe(401);
      if (setup.name === 'PGlite') {
        const locked = await cli(['district', 'list']);
        expect([locked.code, onlyJson(locked)['error']]).toEqual([1, 'locked']);
      } else {
        // PostgreSQL serves many processes: the console works beside the running hub.
        expect(onlyJson(await cli(['token', 'revoke', String(made.id)]))).toMatchObject({ ok: true });
        expect((await call(hub.port, 'GET', '/api/v1/canteens', { headers: { Authorization: `Bearer ${made.token}` } })).status).toBe(401);
      }
    } finally {
      const exited = once(hub.child, 'exit');
      hub.child.kill('SIGTERM');
      const [code] = (await within(exited, 'the hub stopping')) as [number | null];
      expect(code, hub.stderr()).toBe(0);
    }
    if (setup.name === 'PGlite') {
      expect(existsSync(join(store[1] ?? '', 'hub.lock'))).toBe(false);
      expect(onlyJson(await cli(['district', 'list']))).toMatchObject({ ok: true });
    }
  }, 300_000);
});
