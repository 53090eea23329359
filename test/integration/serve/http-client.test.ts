/**
 * The browser side of browser mode (renderer/kiosk/transport/http-client.ts). Calls go to the real
 * HTTP server over a fake backend: a call carries the CSRF header and the input as JSON; a good answer
 * is parsed with the method's output schema and a bad one becomes 'internal' (with the failing paths);
 * an error from the backend comes through as it is; no token is 'failed' (open the address again); no
 * server is 'failed' with api.offline. Events use a stand-in EventSource (Node has none): one stream
 * shared by every subscriber, bad events dropped, closed with the last subscriber, and opened again
 * after the server refused it (EventSource itself gives up on an HTTP error).
 *
 * The browser would send the launch's cookie by itself; here fetch is wrapped to send the token as
 * a Bearer header instead, which the server takes the same way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { KioskBackend } from '../../../electron/kiosk/api/backend-types.js';
import { startKioskServer } from '../../../electron/kiosk/serve/http-server.js';
import type { KioskServer } from '../../../electron/kiosk/serve/http-server.js';
import { createHttpKioskClient } from '../../../renderer/kiosk/transport/http-client.js';

const TOKEN = 'client-test-token-0123456789abcdefghijklmnopqrstuv';

class ScriptedBackend implements KioskBackend {
  readonly calls: { name: string; input: unknown }[] = [];
  answer: ApiResult<unknown> = { ok: true, value: { kind: 'welcome' } };

  call(name: string, input: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ name, input });
    return Promise.resolve(this.answer);
  }

  subscribe(): () => void {
    return () => undefined;
  }

  close(): void {}
}

/** Just enough of EventSource for the client: the test plays the server's part. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }

  send(data: unknown): void {
    this.onmessage?.({ data });
  }

  /** `refused`: an HTTP error answer, after which a real EventSource does not retry. */
  fail(refused: boolean): void {
    this.readyState = refused ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.();
  }
}

let staticDir: string;
let server: KioskServer;
let backend: ScriptedBackend;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'zhucan-client-'));
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  backend = new ScriptedBackend();
  server = await startKioskServer({ backend, staticDir, host: '127.0.0.1', port: 0, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

beforeEach(() => {
  backend.calls.length = 0;
  backend.answer = { ok: true, value: { kind: 'welcome' } };
  vi.stubGlobal('fetch', (url: string, init: RequestInit) =>
    realFetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${TOKEN}` } }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeEventSource.made = [];
});

describe('createHttpKioskClient().call', () => {
  it('posts the input as JSON with X-Zhucan-Api and returns the parsed output', async () => {
    const seen: Headers[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return realFetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${TOKEN}` } });
    });
    const client = createHttpKioskClient(server.origin);
    const result = await client.call('display.current', {});
    expect(result).toEqual({ ok: true, value: { kind: 'welcome' } });
    expect(backend.calls).toEqual([{ name: 'display.current', input: {} }]);
    expect(seen[0]?.get('X-Zhucan-Api')).toBe('1');
    expect(seen[0]?.get('Content-Type')).toBe('application/json');
  });

  it("turns an answer that does not fit the method's output into 'internal', naming the path", async () => {
    backend.answer = { ok: true, value: { kind: 'pay', personal: 'lots' } };
    const result = await createHttpKioskClient(server.origin).call('display.current', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('internal');
    expect(result.error.message.key).toBe('api.http.badReply');
    expect((result.error.issues ?? []).length).toBeGreaterThan(0);
  });

  it("passes the backend's own error through", async () => {
    backend.answer = { ok: false, error: { kind: 'signedOut', message: { key: 'api.signedOut' } } };
    expect(await createHttpKioskClient(server.origin).call('session.lock', {})).toEqual(backend.answer);
  });

  it("says 'failed' (open the address again) without the token, and never reaches the backend", async () => {
    vi.stubGlobal('fetch', realFetch);
    const result = await createHttpKioskClient(server.origin).call('display.current', {});
    expect(result).toEqual({ ok: false, error: { kind: 'failed', message: { key: 'api.http.unauthorized' } } });
    expect(backend.calls).toEqual([]);
  });

  it("says 'failed' with api.offline when nothing answers", async () => {
    const gone = await startKioskServer({ backend, staticDir, port: 0, token: TOKEN });
    await gone.close();
    const result = await createHttpKioskClient(gone.origin).call('display.current', {});
    expect(result).toEqual({ ok: false, error: { kind: 'failed', message: { key: 'api.offline' } } });
  });
});

describe('createHttpKioskClient().subscribe', () => {
  const good: KioskEvent = { type: 'display', view: { kind: 'welcome' } };

  it('shares one stream between subscribers, drops bad events, and closes it with the last subscriber', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createHttpKioskClient('http://127.0.0.1:1');
    const a: KioskEvent[] = [];
    const b: KioskEvent[] = [];
    const stopA = client.subscribe((e) => a.push(e));
    const stopB = client.subscribe((e) => b.push(e));
    expect(FakeEventSource.made).toHaveLength(1);
    const es = FakeEventSource.made[0] as FakeEventSource;
    expect(es.url).toBe('http://127.0.0.1:1/events');
    es.open();
    es.send('not json');
    es.send(JSON.stringify({ type: 'display', view: { kind: 'nonsense' } }));
    es.send(JSON.stringify(good));
    expect(a).toEqual([good]);
    expect(b).toEqual([good]);
    stopA();
    expect(es.readyState).toBe(FakeEventSource.OPEN);
    stopB();
    expect(es.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('opens the stream again after the server refused it, and not after the last subscriber left', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createHttpKioskClient();
    const got: KioskEvent[] = [];
    const stop = client.subscribe((e) => got.push(e));
    const first = FakeEventSource.made[0] as FakeEventSource;
    first.fail(false); // a dropped connection: EventSource retries by itself
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(1);
    first.fail(true); // refused (401 after a restart): ours to retry
    vi.advanceTimersByTime(2_000);
    expect(FakeEventSource.made).toHaveLength(2);
    const second = FakeEventSource.made[1] as FakeEventSource;
    second.send(JSON.stringify(good));
    expect(got).toEqual([good]);
    second.fail(true);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(2);
  });
});
