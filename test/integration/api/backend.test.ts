/**
 * The kiosk API's dispatcher over a real demo database: input validated by the table, the shift and
 * roles checked before any handler runs, domain refusals turned into the API's error kinds, events
 * pushed, and every answer matching the method's output schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ageOn } from '../../../shared/dates.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodName } from '../../../shared/kiosk-api/methods.js';
import { kioskBackendOn } from '../../../electron/kiosk/api/backend.js';
import type { KioskBackend } from '../../../electron/kiosk/api/backend-types.js';
import { DEMO_SEED, prepareDemo } from '../../../electron/kiosk/demo/demo-kiosk.js';
import { buildDemoRoster } from '../../../electron/kiosk/demo/demo-roster.js';
import { kioskOn } from '../../../electron/kiosk/kiosk.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';

const roster = buildDemoRoster(DEMO_SEED);
const LUNCH = Date.parse('2026-11-24T04:00:00.000Z'); // 12:00 in Guangzhou
const card = (e: (typeof roster.elders)[number]) => e.cards.find((c) => c.state === 'active');
const ordinary = roster.elders.find(
  (e) => e.active && !e.careHome && e.hukouRegion === '440106001' && e.statuses.length === 0 && card(e) !== undefined && ageOn(e.birthDate, '2026-11-24') >= 60 && ageOn(e.birthDate, '2026-11-24') < 80,
)!;
const dec10 = (hex: string): string => String(parseInt(hex, 16)).padStart(10, '0');

let dir: string;
let now: number;
let backend: KioskBackend;
let events: KioskEvent[];

/** Calls a method and checks the answer against the table: a success must match the output schema. */
async function call(name: string, input: unknown) {
  const r = await backend.call(name, input);
  if (r.ok) expect(kioskMethods[name as MethodName].output.safeParse(r.value).success).toBe(true);
  return r;
}

async function value<T = unknown>(name: MethodName, input: unknown): Promise<T> {
  const r = await call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.kind} ${r.error.message.key}`);
  return r.value as T;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-api-'));
  const file = join(dir, 'kiosk.db');
  prepareDemo(file, new Date(LUNCH).toISOString());
  now = LUNCH;
  backend = kioskBackendOn(kioskOn(openKioskStore(file), () => now));
  events = [];
  backend.subscribe((e) => events.push(e));
});

afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk API dispatcher', () => {
  it('answers an unknown method and a malformed input as invalid, naming the path', async () => {
    const unknown = await call('ledger.deleteEverything', {});
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'api.unknownMethod' } } });
    const bad = await call('session.start', { operatorId: 'cashier', pin: 'abc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.kind).toBe('invalid');
      expect(bad.error.issues?.map((i) => i.path)).toContain('pin');
    }
    const extra = await call('session.status', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('refuses cashier methods before a shift, and wrong PINs as credentials', async () => {
    await expect(call('checkin.scan', { text: '0000000001', payment: 'cash' })).resolves.toMatchObject({ ok: false, error: { kind: 'signedOut' } });
    await expect(call('session.start', { operatorId: 'cashier', pin: '9999' })).resolves.toMatchObject({ ok: false, error: { kind: 'credentials' } });
    const status = await value<{ operator: unknown }>('session.status', {});
    expect(status.operator).toBeNull();
  });

  it('asks for a manager on manager methods, and allows them after session.elevate', async () => {
    await value('session.start', { operatorId: 'cashier', pin: '1357' });
    await expect(call('day.close', { serviceDate: '2026-11-24' })).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await expect(call('session.elevate', { operatorId: 'cashier', pin: '1357' })).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const elevated = await value<{ manager: { id: string } | null }>('session.elevate', { operatorId: 'manager', pin: '246810' });
    expect(elevated.manager?.id).toBe('manager');
    const closed = await value<{ closed: boolean }>('day.close', { serviceDate: '2026-11-24' });
    expect(closed.closed).toBe(true);
  });

  it('checks in a card, pushes the amount (and nothing else) to the display, and counts it', async () => {
    await value('session.start', { operatorId: 'cashier', pin: '1357' });
    const result = await value<{ kind: string; price: { standard: number; subsidy: number; personal: number } }>('checkin.scan', {
      text: dec10(card(ordinary)!.uid),
      payment: 'cash',
    });
    expect(result).toMatchObject({ kind: 'served', price: { standard: 1200, subsidy: 700, personal: 500 } });
    const display = events.filter((e) => e.type === 'display');
    expect(display).toEqual([{ type: 'display', view: { kind: 'pay', personal: 500, payment: 'cash', duplicate: false } }]);
    await expect(value('display.current', {})).resolves.toEqual({ kind: 'pay', personal: 500, payment: 'cash', duplicate: false });
    const day = await value<{ subsidised: number; cashExpected: number }>('day.report', {});
    expect(day).toMatchObject({ subsidised: 1, cashExpected: 500 });
  });

  it('locks the shift after the idle time and opens it only for the same cashier or a manager', async () => {
    await value('session.start', { operatorId: 'cashier', pin: '1357' });
    now += 11 * 60_000; // the default lock time is 10 minutes
    await expect(call('records.recent', { limit: 5 })).resolves.toMatchObject({ ok: false, error: { kind: 'locked' } });
    const locked = await value<{ locked: boolean }>('session.status', {});
    expect(locked.locked).toBe(true);
    await expect(call('session.unlock', { operatorId: 'cashier', pin: '0000' })).resolves.toMatchObject({ ok: false, error: { kind: 'credentials' } });
    const open = await value<{ locked: boolean }>('session.unlock', { operatorId: 'cashier', pin: '1357' });
    expect(open.locked).toBe(false);
    expect(events.some((e) => e.type === 'session' && !e.session.locked)).toBe(true);
  });

  it('voids a meal only with a manager and a reason, and a closed day takes no check-in', async () => {
    await value('session.start', { operatorId: 'cashier', pin: '1357' });
    const served = await value<{ seq: number }>('checkin.scan', { text: dec10(card(ordinary)!.uid), payment: 'cash' });
    await expect(call('records.void', { seq: served.seq, reason: '刷错人' })).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await value('session.elevate', { operatorId: 'manager', pin: '246810' });
    await expect(call('records.void', { seq: served.seq, reason: '' })).resolves.toMatchObject({ ok: false, error: { kind: 'invalid' } });
    const voided = await value<{ targetSeq: number }>('records.void', { seq: served.seq, reason: '刷错人' });
    expect(voided.targetSeq).toBe(served.seq);
    const recent = await value<{ seq: number; voided: boolean }[]>('records.recent', { limit: 10 });
    expect(recent.find((r) => r.seq === served.seq)?.voided).toBe(true);
    await value('day.close', { serviceDate: '2026-11-24' });
    now += 60_000;
    const after = await value<{ kind: string; reason?: string }>('checkin.scan', { text: dec10(card(ordinary)!.uid), payment: 'cash' });
    expect(after).toMatchObject({ kind: 'failed', reason: 'dayClosed' });
  });

  it('turns a bug in a handler into an internal error, logged, not thrown', async () => {
    const logged: string[] = [];
    const store = openKioskStore(join(dir, 'kiosk.db'));
    const kiosk = kioskOn(store, () => now);
    const broken = kioskBackendOn(
      { ...kiosk, dayReport: () => { throw new TypeError('boom'); } },
      { onInternalError: (method) => logged.push(method) },
    );
    await broken.call('session.start', { operatorId: 'cashier', pin: '1357' });
    await expect(broken.call('day.report', {})).resolves.toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(logged).toEqual(['day.report']);
    broken.close();
  });
});
