/**
 * The uploader inside the kiosk back end (both transports use it): started by openKioskBackend on an
 * enrolled kiosk, its status pushed as 'upload' events (and replayed to a screen that subscribes
 * later), nudged by a check-in through the API, stopped when the back end closes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { kioskEventSchema } from '../../../shared/kiosk-api/events.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import { openKioskBackend } from '../../../electron/kiosk/api/backend.js';
import type { KioskBackend } from '../../../electron/kiosk/api/backend-types.js';
import { cleanupKioskFixtures, createKioskFixture, DEVICE_ID } from '../../helpers/kiosk-fixture.js';
import { FakeTimers } from '../../unit/sync/fake-timers.js';
import { enrolledKiosk, fillLedger } from './sync-fixture.js';

const backends: KioskBackend[] = [];

afterEach(() => {
  for (const b of backends.splice(0)) b.close();
  cleanupKioskFixtures();
});

type Upload = Extract<KioskEvent, { type: 'upload' }>;
const uploads = (events: readonly KioskEvent[]): Upload[] => events.filter((e): e is Upload => e.type === 'upload');

describe('the back end’s uploader', () => {
  it('uploads in the background, reports each change as an upload event, and sends a check-in soon after it', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 2, 30);
    s.fx.closeStore();
    const timers = new FakeTimers(s.fx.clock.now);
    const backend = openKioskBackend({
      dbFile: s.fx.file,
      clock: s.fx.clock.read,
      sync: { fetch: s.hub.fetch, timers, clock: timers.clock, random: () => 0.5 },
    });
    backends.push(backend);
    const events: KioskEvent[] = [];
    backend.subscribe((e) => events.push(e));
    // Let the first try (started when the back end opened) finish.
    await waitFor(() => uploads(events).at(-1)?.state === 'idle');
    expect(s.hub.accepted).toBe(60);
    for (const e of events) expect(kioskEventSchema.safeParse(e).success).toBe(true);
    expect(uploads(events).at(-1)).toMatchObject({ state: 'idle', pending: 0, problem: null });

    // A late screen gets the current status at once.
    const late: KioskEvent[] = [];
    backend.subscribe((e) => late.push(e));
    expect(uploads(late)).toHaveLength(1);

    // A check-in through the API: a nudge, and after the short delay the record is at the hub.
    expect(await backend.call('session.start', { operatorId: s.fx.cashier.id, pin: s.fx.cashier.pin })).toMatchObject({ ok: true });
    const checkin = await backend.call('checkin.manual', { elderId: Object.values(s.fx.elders)[0]?.id ?? '', payment: 'cash' });
    expect(checkin.ok).toBe(true);
    expect(timers.waits()[0]).toBe(1_000);
    timers.fireNext();
    await waitFor(() => s.hub.head(DEVICE_ID).seq === 61);
    await waitFor(() => uploads(events).at(-1)?.state === 'idle');

    backend.close();
    expect(timers.waits()).toEqual([]);
  });

  it('says "not enrolled" for a kiosk that is not, and can be switched off', () => {
    const fx = createKioskFixture();
    fx.closeStore();
    const timers = new FakeTimers(fx.clock.now);
    const backend = openKioskBackend({ dbFile: fx.file, clock: fx.clock.read, sync: { timers, clock: timers.clock } });
    backends.push(backend);
    const events: KioskEvent[] = [];
    backend.subscribe((e) => events.push(e));
    expect(uploads(events)).toMatchObject([{ state: 'notEnrolled', pending: 0 }]);

    const off = openKioskBackend({ dbFile: fx.file, clock: fx.clock.read, sync: false });
    backends.push(off);
    const none: KioskEvent[] = [];
    off.subscribe((e) => none.push(e));
    expect(uploads(none)).toEqual([]);
  });
});

/** Lets pending I/O (the fake hub answers on a later tick) run until `done()` holds. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setImmediate(r));
  expect(done()).toBe(true);
}
