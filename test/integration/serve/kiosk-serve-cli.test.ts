/**
 * `zhucan kiosk serve` as a real process: with --json it prints exactly one object holding the address
 * (with the launch's token) as soon as it listens; that address opens the page and the token reaches
 * the real kiosk back end; SIGTERM stops it cleanly (exit 0, nothing more on stdout). A missing
 * database is a refusal and a bad --port is a usage error, both before anything listens.
 *
 * Needs the built screens (dist/renderer/kiosk); the command builds them itself when they are missing,
 * which a fresh checkout pays once. Waits are on the process's output and exit, each bounded.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanupKioskFixtures, createKioskFixture, tempDir } from '../../helpers/kiosk-fixture.js';
import { onlyJson, REPO_ROOT, runCli } from '../../helpers/zhucan-cli.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/kiosk/serve/http-server.js';

/** Generous: a fresh checkout builds the screens (vite) before listening. */
const START_MS = 45_000;
const WAIT_MS = 10_000;

afterAll(() => {
  cleanupKioskFixtures();
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Served {
  readonly child: ChildProcess;
  readonly json: { ok: boolean; url: string; origin: string; port: number; file: string };
  stdout(): string;
  stderr(): string;
}

async function serve(db: string): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ZHUCAN_DB', 'ZHUCAN_OPERATOR', 'ZHUCAN_PIN', 'NODE_OPTIONS']) delete env[name];
  const child = spawn(process.execPath, ['bin/zhucan.js', 'kiosk', 'serve', '--db', db, '--json'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (err += chunk));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing the address\nstdout: ${out}\nstderr: ${err}`)));
  });
  const line = await within(firstLine, START_MS, 'the address');
  return { child, json: JSON.parse(line) as Served['json'], stdout: () => out, stderr: () => err };
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return within(
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const r = request({ agent: false, host: '127.0.0.1', port, path, method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      r.on('error', reject);
      r.end(body);
    }),
    WAIT_MS,
    `${method} ${path}`,
  );
}

describe('zhucan kiosk serve', () => {
  it('prints the address once, serves the page and the real back end behind the token, and stops on SIGTERM', async () => {
    const fixture = createKioskFixture();
    fixture.closeStore();
    const served = await serve(fixture.file);
    const { json } = served;
    expect(json.ok).toBe(true);
    expect(json.origin).toBe(`http://127.0.0.1:${json.port}`);
    const token = new URL(json.url).searchParams.get('token') ?? '';
    expect(json.url).toBe(`${json.origin}/open?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The token appears in the address only: not in progress lines on stderr.
    expect(served.stderr()).not.toContain(token);

    expect((await get(json.port, '/')).status).toBe(401);
    const opened = await get(json.port, `/open?token=${token}`);
    expect(opened.status).toBe(302);
    const page = await get(json.port, '/', { Cookie: `zhucan_token=${token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('<div id="root">');

    const status = await get(json.port, '/api/session.status', { Authorization: `Bearer ${token}`, 'X-Zhucan-Api': '1', 'Content-Type': 'application/json' }, 'POST', '{}');
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { deviceId: 'kiosk-test-0001', operator: null } });

    const exited = once(served.child, 'exit');
    served.child.kill('SIGTERM');
    const [code] = (await within(exited, WAIT_MS, 'exit after SIGTERM')) as [number | null];
    expect(code).toBe(0);
    expect(served.stdout().split('\n').filter((l) => l.trim() !== '')).toHaveLength(1);
  });

  it('refuses a missing database (exit 1) and a bad --port (exit 2) without listening', async () => {
    // Independent runs, so concurrently: each spawn costs a second or more.
    const [missing, badPort, unknown] = await Promise.all([
      runCli(['kiosk', 'serve', '--db', `${tempDir()}/none.db`, '--json']),
      runCli(['kiosk', 'serve', '--port', '70000', '--json']),
      runCli(['kiosk', 'dance', '--json']),
    ]);
    expect(missing.code).toBe(1);
    expect(onlyJson(missing)).toMatchObject({ ok: false, error: 'notFound' });
    expect(badPort.code).toBe(2);
    expect(onlyJson(badPort)).toMatchObject({ ok: false, error: 'usage' });
    expect(unknown.code).toBe(2);
  });
});
