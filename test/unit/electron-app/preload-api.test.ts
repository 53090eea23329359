import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createKioskBridge } from '../../../electron/app/preload-api.js';
import type { PreloadTransport } from '../../../electron/app/preload-api.js';
import { METHOD_NAMES } from '../../../shared/kiosk-api/methods.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';

/** A transport that records what is sent and lets the test push raw event payloads. */
function fakeTransport(): PreloadTransport & { sent: [string, unknown][]; push(payload: unknown): void; handlers: number } {
  const handlers = new Set<(payload: unknown) => void>();
  const sent: [string, unknown][] = [];
  return {
    sent,
    get handlers() {
      return handlers.size;
    },
    invoke(name, input) {
      sent.push([name, input]);
      return Promise.resolve({ ok: true, value: name });
    },
    on(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    push(payload) {
      for (const handler of handlers) handler(payload);
    },
  };
}

const uploadEvent: KioskEvent = { type: 'upload', pending: 3, lastSuccessAt: null, state: 'offline' };

describe('the preload bridge', () => {
  it('exposes exactly call and subscribe, frozen', () => {
    const bridge = createKioskBridge(fakeTransport());
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.subscribe).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends every method of the table', async () => {
    const transport = fakeTransport();
    const bridge = createKioskBridge(transport);
    for (const name of METHOD_NAMES) await expect(bridge.call(name, {})).resolves.toEqual({ ok: true, value: name });
    expect(transport.sent.map(([name]) => name)).toEqual(METHOD_NAMES);
  });

  it('refuses names outside the table before sending anything', async () => {
    const transport = fakeTransport();
    const bridge = createKioskBridge(transport);
    for (const name of ['', 'nope', 'session', 'session.status ', 'SESSION.STATUS', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expect(bridge.call(name, {}), name).rejects.toThrow(/unknown kiosk method/);
    }
    // A page is plain JavaScript: not even a string may arrive.
    await expect(bridge.call(42 as unknown as string, {})).rejects.toThrow(/unknown kiosk method/);
    expect(transport.sent).toEqual([]);
  });

  it('passes events that match the table, and drops malformed ones', () => {
    const transport = fakeTransport();
    const bridge = createKioskBridge(transport);
    const listener = vi.fn<(event: KioskEvent) => void>();
    bridge.subscribe(listener);
    for (const bad of [
      null,
      undefined,
      'upload',
      42,
      [],
      {},
      { type: 'nope' },
      { ...uploadEvent, pending: -1 },
      { ...uploadEvent, state: 'exploded' },
      { ...uploadEvent, extra: 'field' },
      { type: 'display' },
    ]) {
      transport.push(bad);
    }
    expect(listener).not.toHaveBeenCalled();
    transport.push(uploadEvent);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(uploadEvent);
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const transport = fakeTransport();
    const bridge = createKioskBridge(transport);
    const listener = vi.fn<(event: KioskEvent) => void>();
    const stop = bridge.subscribe(listener);
    expect(transport.handlers).toBe(1);
    stop();
    stop();
    expect(transport.handlers).toBe(0);
    transport.push(uploadEvent);
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createKioskBridge(fakeTransport());
    expect(() => bridge.subscribe('x' as unknown as (event: KioskEvent) => void)).toThrow(TypeError);
  });
});

describe('preload.ts (read as text: it imports electron, so it cannot run here)', () => {
  const source = readFileSync(new URL('../../../electron/app/preload.ts', import.meta.url), 'utf8');

  it("exposes one object, at 'zhucan', with call and subscribe only", () => {
    const exposed = [...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'\s*,\s*\{([\s\S]*?)\n\}\)/g)];
    expect(exposed).toHaveLength(1);
    const [, key, body] = exposed[0] ?? [];
    expect(key).toBe('zhucan');
    const members = [...(body ?? '').matchAll(/^\s{2}(\w+)\s*:/gm)].map((m) => m[1]);
    expect(members).toEqual(['call', 'subscribe']);
    expect(body).not.toMatch(/ipcRenderer/);
  });
});
