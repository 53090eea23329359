/**
 * The uploader's state machine with the network, the clock and the timers in the test's hands: the
 * hub is a FakeHub called as `fetch`, time moves only by FakeTimers. No real sleeps.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createUploader } from '../../../electron/kiosk/sync/uploader.js';
import type { Uploader, UploaderOptions, UploaderStatus } from '../../../electron/kiosk/sync/uploader.js';
import { readHubLink } from '../../../electron/kiosk/sync/hub-link.js';
import { head } from '../../../electron/kiosk/ledger/ledger-store.js';
import { cleanupKioskFixtures, createKioskFixture, DEVICE_ID } from '../../helpers/kiosk-fixture.js';
import { fileKeyStore, deviceKeyFile } from '../../../electron/kiosk/sync/device-key.js';
import { enrolledKiosk, fillLedger } from '../../integration/sync/sync-fixture.js';
import type { SyncFixture } from '../../integration/sync/sync-fixture.js';
import { FakeTimers } from './fake-timers.js';
import { FakeHub } from '../../integration/sync/fake-hub.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';

const uploaders: Uploader[] = [];

afterEach(() => {
  for (const u of uploaders.splice(0)) u.stop();
  cleanupKioskFixtures();
});

function uploaderFor(s: SyncFixture, timers: FakeTimers, extra: Partial<UploaderOptions> = {}): { up: Uploader; seen: UploaderStatus[] } {
  const up = createUploader({ store: s.fx.store, keys: s.keys, clock: timers.clock, timers, random: () => 0.5, fetch: s.hub.fetch, ...extra });
  uploaders.push(up);
  const seen: UploaderStatus[] = [];
  up.subscribe((st) => seen.push(st));
  return { up, seen };
}

describe('the uploader', () => {
  it('sends everything in batches, stores the acknowledged head and goes idle', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 3, 120);
    const timers = new FakeTimers(s.fx.clock.now);
    const { up, seen } = uploaderFor(s, timers, { batchSize: 100 });
    up.start();
    await up.settled();
    expect(s.hub.batches.map((b) => b.records.length)).toEqual([100, 100, 100, 60]);
    expect(s.hub.head(DEVICE_ID)).toEqual(head(s.fx.store.read));
    expect(readHubLink(s.fx.store.read)?.acked).toEqual(head(s.fx.store.read));
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0, problem: null });
    expect(seen.some((st) => st.state === 'sending' && st.pending === 360)).toBe(true);
    // Idle: the next wake-up is the poll.
    expect(timers.waits()).toEqual([30_000]);
  });

  it('backs off 1 s, 2 s, 4 s … with jitter while the hub is down, and resets after a success', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 1, 5);
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers);
    s.hub.mode = 'down';
    up.start();
    await up.settled();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(up.status().state).toBe('offline');
      waits.push(...timers.waits());
      timers.fireNext();
      await up.settled();
    }
    // random() = 0.5: half of each ceiling, up to the 5-minute cap.
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000, 150_000]);
    expect(up.status().problem?.key).toBe('sync.problem.unreachable');
    expect(s.hub.accepted).toBe(0);

    s.hub.mode = 'up';
    timers.fireNext();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(s.hub.accepted).toBe(5);

    s.hub.mode = 'busy';
    fillLedger(s.fx, 2, 1);
    up.nudge();
    timers.fireNext();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'offline', problem: { key: 'sync.problem.hubBusy' } });
    expect(timers.waits()).toEqual([500]);
  });

  it('does not let check-ins cut a backoff short, but keeps the pending count moving', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 1, 3);
    const timers = new FakeTimers(s.fx.clock.now);
    let tries = 0;
    const { up, seen } = uploaderFor(s, timers, {
      fetch: (url, init) => {
        tries += 1;
        return s.hub.fetch(url, init);
      },
    });
    s.hub.mode = 'down';
    up.start();
    // A check-in while the first try is still on the wire…
    expect(up.status().state).toBe('sending');
    fillLedger(s.fx, 3, 1);
    up.nudge();
    await up.settled();
    // …does not turn the failure into an immediate retry.
    expect(timers.waits()).toEqual([500]);
    expect(tries).toBe(1);
    fillLedger(s.fx, 2, 1);
    up.nudge();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'offline', pending: 8 });
    expect(seen.at(-1)?.pending).toBe(8);
    expect(timers.waits()).toEqual([500]);
    expect(tries).toBe(1);
  });

  it('wakes up soon after a nudge when idle, and not at all when nothing new was written', async () => {
    const s = await enrolledKiosk();
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers);
    up.start();
    await up.settled();
    expect(up.status().state).toBe('idle');
    up.nudge();
    expect(timers.waits()).toEqual([30_000]);
    fillLedger(s.fx, 1, 2);
    up.nudge();
    // The sooner wake-up replaces the poll (the poll is set again after it).
    expect(timers.waits()).toEqual([1_000]);
    timers.fireNext();
    await up.settled();
    expect(s.hub.accepted).toBe(2);
  });

  it('finds records written by another process at the next poll', async () => {
    const s = await enrolledKiosk();
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers);
    up.start();
    await up.settled();
    fillLedger(s.fx, 1, 4);
    timers.advance(30_000);
    await up.settled();
    expect(s.hub.accepted).toBe(4);
  });

  it('stops on a refusal that needs a person, retries it hourly, and a person can push at once', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 1, 3);
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers);
    s.hub.devices.delete(DEVICE_ID);
    up.start();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'refused', pending: 3, problem: { key: 'sync.refused.unknownDevice', params: { hub: 'unknown device' } } });
    expect(timers.waits()).toEqual([3_600_000]);
    expect(readHubLink(s.fx.store.read)?.refused?.kind).toBe('unknownDevice');
    // A check-in does not make it try again.
    fillLedger(s.fx, 2, 1);
    up.nudge();
    expect(timers.waits()).toEqual([3_600_000]);

    // A fresh uploader (the kiosk restarted) keeps waiting rather than hammering the hub.
    up.stop();
    const again = uploaderFor(s, timers).up;
    const before = s.hub.batches.length;
    again.start();
    await again.settled();
    expect(again.status().state).toBe('refused');
    expect(s.hub.batches.length).toBe(before);

    // The district re-registered the key; the technician pushes by hand.
    s.hub.devices.set(DEVICE_ID, readHubLink(s.fx.store.read)?.publicKey ?? '');
    const pushed = await again.pushNow();
    expect(pushed).toMatchObject({ state: 'idle', pending: 0 });
    expect(readHubLink(s.fx.store.read)?.refused).toBeNull();
  });

  it('says so and sends nothing when the key file is missing, and resumes once it is back', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 1, 2);
    const file = deviceKeyFile(s.fx.file);
    const saved = fileKeyStore(file).load();
    rmSync(file);
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers);
    up.start();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'refused', problem: { key: 'sync.problem.key.missing', params: { where: file } } });
    expect(s.hub.batches).toHaveLength(0);
    if (!saved.ok) throw new Error('the key was there before');
    s.keys.save(saved.key.privateKey);
    timers.advance(30_000);
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('refuses to sign with a key that is not the registered one', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 1, 2);
    const other = await enrolledKiosk();
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers, { keys: other.keys });
    up.start();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'refused', problem: { key: 'sync.problem.key.mismatch' } });
    expect(s.hub.batches).toHaveLength(0);
  });

  it('waits quietly while the kiosk is not enrolled, and uploads at the next poll once it is', async () => {
    const fx = createKioskFixture();
    const hub = new FakeHub();
    hub.addCode('CODE-0000-0001');
    const timers = new FakeTimers(fx.clock.now);
    const keys = fileKeyStore(deviceKeyFile(fx.file));
    const up = createUploader({ store: fx.store, keys, clock: timers.clock, timers, random: () => 0.5, fetch: hub.fetch });
    uploaders.push(up);
    up.start();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'notEnrolled' });
    expect(timers.waits()).toEqual([30_000]);
    expect(hub.batches).toHaveLength(0);

    // `zhucan enroll` runs (another process, the same file) while the kiosk is open.
    const enrolled = await enrolKiosk({ store: fx.store, keys, http: { fetch: hub.fetch } }, { hubUrl: 'https://hub.test', code: 'CODE-0000-0001' });
    expect(enrolled.ok).toBe(true);
    fillLedger(fx, 1, 3);
    timers.advance(30_000);
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0, hubUrl: 'https://hub.test' });
    expect(hub.accepted).toBe(3);
  });

  it('records the clock skew against the hub', async () => {
    const s = await enrolledKiosk();
    fillLedger(s.fx, 1, 1);
    s.hub.clockOffsetMs = -7 * 60_000;
    const timers = new FakeTimers(s.fx.clock.now);
    const { up } = uploaderFor(s, timers);
    up.start();
    await up.settled();
    expect(up.status().clockSkewMs).toBe(7 * 60_000);
    expect(readHubLink(s.fx.store.read)?.clockSkewMs).toBe(7 * 60_000);
  });
});
