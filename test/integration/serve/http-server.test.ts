/**
 * Browser mode's HTTP transport (electron/kiosk/serve/http-server.ts) against a fake KioskBackend:
 * nothing is served without the launch's token; /open turns the token into a cookie; calls need the
 * CSRF header, our own Host and (when sent) our own Origin; no path leaves the static folder; calls
 * reach the backend with the parsed body and answer its result; events stream in order and the
 * subscription ends with the client; close() stops everything.
 *
 * Requests go through node:http rather than fetch: fetch normalises `..` away before sending and will
 * not set Host, and those are exactly what is under test. No connection pooling (`agent: false`): each
 * request is a connection of its own, so close() is seen as a refused connection. Waits are on data
 * and events, each bounded.
 */
import { EventEmitter, once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { KioskBackend } from '../../../electron/kiosk/api/backend-types.js';
import { CONTENT_SECURITY_POLICY, startKioskServer, TOKEN_COOKIE } from '../../../electron/kiosk/serve/http-server.js';
import type { KioskServer } from '../../../electron/kiosk/serve/http-server.js';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
const SECRET_TEXT = 'outside-the-static-folder';
const WAIT_MS = 5_000;

/** A backend that records calls, answers session.status, and lets the test push events. */
class FakeBackend implements KioskBackend {
  readonly calls: { name: string; input: unknown }[] = [];
  readonly listeners = new Set<(e: KioskEvent) => void>();
  readonly changes = new EventEmitter();
  closed = false;

  call(name: string, input: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ name, input });
    if (name === 'session.status') return Promise.resolve({ ok: true, value: { state: 'signedOut', echo: input } });
    return Promise.resolve({ ok: false, error: { kind: 'invalid', message: { key: 'api.unknownMethod', params: { name } } } });
  }

  subscribe(listener: (e: KioskEvent) => void): () => void {
    this.listeners.add(listener);
    this.changes.emit('subscribed');
    return () => {
      this.listeners.delete(listener);
      this.changes.emit('unsubscribed');
    };
  }

  emit(event: KioskEvent): void {
    for (const l of this.listeners) l(event);
  }

  close(): void {
    this.closed = true;
  }
}

/** Rejects when `promise` has not settled in `ms`: every wait in this file is bounded by one of these. */
async function within<T>(promise: Promise<T>, ms = WAIT_MS, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Req {
  readonly method?: string;
  /** Sent exactly as given, `..` and all. */
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
}

function send(server: KioskServer, req: Req): Promise<Reply> {
  return within(
    new Promise<Reply>((resolve, reject) => {
      const r = request(
        { agent: false, host: '127.0.0.1', port: server.port, method: req.method ?? 'GET', path: req.path, headers: { Host: `127.0.0.1:${server.port}`, ...req.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(req.body);
    }),
    WAIT_MS,
    `${req.method ?? 'GET'} ${req.path}`,
  );
}

const withCookie = (token = TOKEN): Record<string, string> => ({ Cookie: `other=1; ${TOKEN_COOKIE}=${token}` });
const apiHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...withCookie(),
  'X-Zhucan-Api': '1',
  'Content-Type': 'application/json',
  ...extra,
});

function post(server: KioskServer, method: string, body: string | Buffer, headers: Record<string, string> = apiHeaders()): Promise<Reply> {
  return send(server, { method: 'POST', path: `/api/${method}`, headers, body });
}

/** An open event stream: its data as it comes, and an AbortController to hang up. */
async function openStream(server: KioskServer, headers: Record<string, string> = withCookie()) {
  const controller = new AbortController();
  const res = await within(
    new Promise<IncomingMessage>((resolve, reject) => {
      const r = request({ agent: false, host: '127.0.0.1', port: server.port, path: '/events', headers: { Host: `127.0.0.1:${server.port}`, ...headers }, signal: controller.signal }, resolve);
      r.on('error', reject);
      r.end();
    }),
    WAIT_MS,
    'GET /events',
  );
  let text = '';
  const grew = new EventEmitter();
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    grew.emit('data');
  });
  res.on('error', () => undefined); // the abort below surfaces here; hanging up is the point
  const ended = new Promise<void>((resolve) => res.once('close', () => resolve()));
  /** Waits (bounded) until the stream's text satisfies `done`. */
  const until = async (done: (all: string) => boolean, what: string): Promise<string> => {
    await within(
      (async () => {
        while (!done(text)) await once(grew, 'data');
      })(),
      WAIT_MS,
      what,
    );
    return text;
  };
  return { res, controller, until, ended };
}

const dataLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice('data: '.length)) as unknown);

let dir: string;
let staticDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-serve-'));
  staticDir = join(dir, 'kiosk');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export const app = 1;');
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{}');
  // What a traversal would reach: a file beside the static folder.
  writeFileSync(join(dir, 'secret.json'), JSON.stringify({ SECRET_TEXT }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const running: KioskServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(backend = new FakeBackend(), extra: { maxBodyBytes?: number; heartbeatMs?: number } = {}) {
  const server = await startKioskServer({ backend, staticDir, host: '127.0.0.1', port: 0, token: TOKEN, ...extra });
  running.push(server);
  return { server, backend };
}

describe('startKioskServer', () => {
  it('listens on 127.0.0.1 with a fresh port and hands back the address with the token', async () => {
    const { server } = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/open?token=${TOKEN}`);
  });

  it('makes a new URL-safe token each launch when none is given', async () => {
    const a = await startKioskServer({ backend: new FakeBackend(), staticDir, port: 0 });
    const b = await startKioskServer({ backend: new FakeBackend(), staticDir, port: 0 });
    running.push(a, b);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('refuses a weak token', async () => {
    await expect(startKioskServer({ backend: new FakeBackend(), staticDir, port: 0, token: 'short' })).rejects.toThrow(/32 to 256/);
  });
});

describe('the page and its files', () => {
  it('answers 401 without the token, in Chinese and English, pointing at zhucan kiosk serve', async () => {
    const { server } = await start();
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const r = await send(server, { path });
      expect(r.status, path).toBe(401);
      expect(r.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
    }
    const r = await send(server, { path: '/' });
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('zhucan kiosk serve');
    expect(r.body).toContain('请打开');
    expect(r.body).toContain('Open the address');
    expect(r.body).not.toContain(TOKEN);
  });

  it('/open with the token sets an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const { server } = await start();
    const r = await send(server, { path: `/open?token=${TOKEN}` });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']).toEqual([`${TOKEN_COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('/open with a wrong or missing token sets no cookie, and a wrong cookie opens nothing', async () => {
    const { server } = await start();
    for (const path of [`/open?token=${TOKEN}x`, '/open?token=', '/open', `/open?token=${TOKEN.slice(0, -1)}`]) {
      const r = await send(server, { path });
      expect(r.status, path).toBe(401);
      expect(r.headers['set-cookie'], path).toBeUndefined();
      expect(r.body, path).not.toContain(TOKEN);
    }
    const stale = await send(server, { path: '/', headers: withCookie(`${TOKEN}x`) });
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('every launch makes a new one');
  });

  it('serves index.html (not cached) and assets with their types and the security headers', async () => {
    const { server } = await start();
    const index = await send(server, { path: '/', headers: withCookie() });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>kiosk</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    const js = await send(server, { path: '/assets/app.js', headers: withCookie() });
    expect(js.status).toBe(200);
    expect(js.body).toBe('export const app = 1;');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    const css = await send(server, { path: '/assets/app.css', headers: withCookie() });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send(server, { path: '/assets/missing.js', headers: withCookie() })).status).toBe(404);
    expect((await send(server, { path: '/assets', headers: withCookie() })).status).toBe(404);
  });

  it('refuses every path out of the static folder, plain or encoded', async () => {
    const { server } = await start();
    const attempts = [
      '/assets/../../package.json',
      '/assets/../../secret.json',
      '/../secret.json',
      '/assets/%2e%2e/%2e%2e/secret.json',
      '/%2e%2e/secret.json',
      '/%2E%2E/secret.json',
      '/assets/..%2f..%2fsecret.json',
      '/..%5csecret.json',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.json',
      '/index.html%00.js',
      '/%zz',
    ];
    for (const path of attempts) {
      const r = await send(server, { path, headers: withCookie() });
      expect(r.status, path).toBe(400);
      expect(r.body, path).not.toContain(SECRET_TEXT);
      expect(r.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
    }
    // And a request target that is not a path at all (proxy form).
    const proxy = await send(server, { path: `http://127.0.0.1:${server.port}/secret.json`, headers: withCookie() });
    expect(proxy.status).toBe(400);
  });

  it('refuses a Host other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding)', async () => {
    const { server } = await start();
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const r = await send(server, { path: '/', headers: { ...withCookie(), Host: host } });
      expect(r.status, host).toBe(403);
    }
    expect((await send(server, { path: '/', headers: { ...withCookie(), Host: `localhost:${server.port}` } })).status).toBe(200);
  });
});

describe('POST /api/<method>', () => {
  it('forwards session.status with the parsed body to backend.call and answers its result', async () => {
    const { server, backend } = await start();
    const r = await post(server, 'session.status', '{"hello":[1,"二"]}');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { state: 'signedOut', echo: { hello: [1, '二'] } } });
    expect(backend.calls).toEqual([{ name: 'session.status', input: { hello: [1, '二'] } }]);
  });

  it('passes an unknown method name on, for the backend to answer invalid', async () => {
    const { server, backend } = await start();
    const r = await post(server, 'no.such%2Emethod', '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(backend.calls).toEqual([{ name: 'no.such.method', input: {} }]);
  });

  it('accepts Authorization: Bearer instead of the cookie', async () => {
    const { server } = await start();
    const r = await post(server, 'session.status', '{}', { Authorization: `Bearer ${TOKEN}`, 'X-Zhucan-Api': '1' });
    expect(r.status).toBe(200);
  });

  it('refuses a call without the token (401) or with a wrong one, without calling the backend', async () => {
    const { server, backend } = await start();
    const attempts: Record<string, string>[] = [
      { 'X-Zhucan-Api': '1' },
      { ...apiHeaders(), Cookie: `${TOKEN_COOKIE}=nope` },
      { 'X-Zhucan-Api': '1', Authorization: `Bearer ${TOKEN}x` },
      { 'X-Zhucan-Api': '1', Authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const r = await post(server, 'session.status', '{}', headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { kind: 'failed', message: { key: 'api.http.unauthorized' } } });
      expect(r.body).not.toContain(TOKEN);
    }
    expect(backend.calls).toEqual([]);
  });

  it('refuses a call without X-Zhucan-Api: 1 (403): what a cross-site form would send', async () => {
    const { server, backend } = await start();
    const noHeader = apiHeaders();
    delete noHeader['X-Zhucan-Api'];
    expect((await post(server, 'session.status', '{}', noHeader)).status).toBe(403);
    expect((await post(server, 'session.status', '{}', apiHeaders({ 'X-Zhucan-Api': '0' }))).status).toBe(403);
    expect(backend.calls).toEqual([]);
  });

  it('refuses a wrong Host and a foreign Origin (403); accepts our own Origin', async () => {
    const { server, backend } = await start();
    const wrongHost = await post(server, 'session.status', '{}', apiHeaders({ Host: `rebound.example:${server.port}` }));
    expect(wrongHost.status).toBe(403);
    expect(JSON.parse(wrongHost.body)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port}`, `https://127.0.0.1:${server.port}`]) {
      expect((await post(server, 'session.status', '{}', apiHeaders({ Origin: origin }))).status, origin).toBe(403);
    }
    expect(backend.calls).toEqual([]);
    expect((await post(server, 'session.status', '{}', apiHeaders({ Origin: server.origin }))).status).toBe(200);
    const viaLocalhost = apiHeaders({ Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` });
    expect((await post(server, 'session.status', '{}', viaLocalhost)).status).toBe(200);
  });

  it('answers malformed JSON with 400 and an ApiResult of kind invalid', async () => {
    const { server, backend } = await start();
    for (const body of ['{"a":', '', 'undefined', Buffer.from([0x7b, 0xff, 0x7d])]) {
      const r = await post(server, 'session.status', body);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { kind: 'invalid', message: { key: 'api.badJson' } } });
    }
    expect(backend.calls).toEqual([]);
  });

  it('refuses a body over the limit with 413, declared or streamed, and takes one at the limit', async () => {
    const { server, backend } = await start(new FakeBackend(), { maxBodyBytes: 1024 });
    const big = JSON.stringify({ file: 'x'.repeat(2000) });
    const declared = await post(server, 'roster.import', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'api.http.tooLarge' } } });
    const chunked = await send(server, { method: 'POST', path: '/api/roster.import', headers: { ...apiHeaders(), 'Transfer-Encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
    expect(backend.calls).toEqual([]);
    const atLimit = JSON.stringify({ file: 'x'.repeat(1024 - '{"file":""}'.length) });
    expect(Buffer.byteLength(atLimit)).toBe(1024);
    expect((await post(server, 'session.status', atLimit)).status).toBe(200);
  });

  it('answers only POST', async () => {
    const { server } = await start();
    const r = await send(server, { path: '/api/session.status', headers: apiHeaders() });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });
});

describe('GET /events', () => {
  it('needs the token, like the API', async () => {
    const { server, backend } = await start();
    expect((await send(server, { path: '/events' })).status).toBe(401);
    expect((await send(server, { path: '/events', headers: { ...withCookie(), Origin: 'http://evil.example' } })).status).toBe(403);
    expect(backend.listeners.size).toBe(0);
  });

  it("streams the backend's events in order, to several clients, and unsubscribes when a client hangs up", async () => {
    const { server, backend } = await start();
    const cashier = await openStream(server);
    const display = await openStream(server, { Authorization: `Bearer ${TOKEN}` });
    expect(cashier.res.statusCode).toBe(200);
    expect(cashier.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(cashier.res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // Subscribed before the headers were sent.
    expect(backend.listeners.size).toBe(2);

    const first: KioskEvent = { type: 'upload', pending: 3, lastSuccessAt: null, state: 'offline' };
    const second: KioskEvent = { type: 'upload', pending: 0, lastSuccessAt: '2026-11-24T04:05:00.000Z', state: 'idle' };
    backend.emit(first);
    backend.emit(second);
    for (const client of [cashier, display]) {
      const text = await client.until((all) => dataLines(all).length >= 2, 'two events');
      expect(dataLines(text)).toEqual([first, second]);
    }

    const gone = once(backend.changes, 'unsubscribed');
    cashier.controller.abort();
    await within(gone, WAIT_MS, 'unsubscribe after hang-up');
    expect(backend.listeners.size).toBe(1);

    // The other client is unaffected.
    backend.emit(first);
    const text = await display.until((all) => dataLines(all).length >= 3, 'a third event');
    expect(dataLines(text)[2]).toEqual(first);
    display.controller.abort();
  });

  it('sends a comment heartbeat', async () => {
    const { server } = await start(new FakeBackend(), { heartbeatMs: 20 });
    const stream = await openStream(server);
    await stream.until((all) => all.includes(': heartbeat\n\n'), 'a heartbeat');
    stream.controller.abort();
  });
});

describe('close()', () => {
  it('ends the event streams, unsubscribes, stops listening, and leaves the backend to its owner', async () => {
    const backend = new FakeBackend();
    const server = await startKioskServer({ backend, staticDir, host: '127.0.0.1', port: 0, token: TOKEN });
    const stream = await openStream(server);
    expect(backend.listeners.size).toBe(1);
    await within(server.close(), WAIT_MS, 'close()');
    await within(stream.ended, WAIT_MS, 'the stream ending');
    expect(backend.listeners.size).toBe(0);
    expect(backend.closed).toBe(false);
    await expect(send(server, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // Closing twice is harmless.
    await within(server.close(), WAIT_MS, 'second close()');
  });
});
