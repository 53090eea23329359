/**
 * The uploader against a fake hub over real HTTP on 127.0.0.1 (node's own fetch, real sockets), with
 * its timers in the test's hands: a week offline caught up in ordered batches of 500, the hub down
 * and back, an answer lost on the way, a restart half-way, a hub restored from an older backup
 * (gap), a tampering refusal, and check-ins that go on while the hub hangs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BATCH_RECORDS } from '../../../shared/hub-api/upload.js';
import { verifyChain } from '../../../shared/ledger/chain.js';
import { head } from '../../../electron/kiosk/ledger/ledger-store.js';
import { readHubLink } from '../../../electron/kiosk/sync/hub-link.js';
import { createUploader } from '../../../electron/kiosk/sync/uploader.js';
import type { Uploader } from '../../../electron/kiosk/sync/uploader.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';
import { syncCommand } from '../../../bin/cli/sync.js';
import { cleanupKioskFixtures, DEVICE_ID } from '../../helpers/kiosk-fixture.js';
import { FakeTimers } from '../../unit/sync/fake-timers.js';
import type { FakeHub } from './fake-hub.js';
import { enrolledKiosk, fillLedger } from './sync-fixture.js';
import type { SyncFixture } from './sync-fixture.js';

const hubs: FakeHub[] = [];
const uploaders: Uploader[] = [];
const stores: KioskStore[] = [];

afterEach(async () => {
  for (const u of uploaders.splice(0)) u.stop();
  for (const h of hubs.splice(0)) await h.close();
  for (const s of stores.splice(0)) s.close();
  cleanupKioskFixtures();
});

/** A kiosk enrolled with a fake hub that listens on 127.0.0.1; the kiosk reaches it over HTTP. */
async function overHttp(): Promise<SyncFixture> {
  const s = await enrolledKiosk({ overHttp: true });
  hubs.push(s.hub);
  return s;
}

function uploader(s: SyncFixture, timers: FakeTimers, store: KioskStore = s.fx.store): Uploader {
  const up = createUploader({ store, keys: s.keys, clock: timers.clock, timers, random: () => 0.5, timeoutMs: 10_000 });
  uploaders.push(up);
  return up;
}

describe('uploading the ledger to the hub', () => {
  it('catches up a week offline in ordered batches of 500, each signed, and the hub’s chain is ours', async () => {
    const s = await overHttp();
    const written = fillLedger(s.fx, 7, 180);
    // Today's lunch, through the real check-in path.
    let served = 0;
    for (const elder of Object.values(s.fx.elders)) {
      if (s.fx.kiosk.checkIn({ identity: { kind: 'manual', elderId: elder.id }, operatorId: s.fx.cashier.id }).kind === 'served') served += 1;
    }
    expect(served).toBeGreaterThan(0);
    const total = written + served;
    const timers = new FakeTimers(s.fx.clock.now);
    const up = uploader(s, timers);
    up.start();
    await up.settled();

    const sizes = s.hub.batches.map((b) => b.records.length);
    expect(sizes).toEqual([MAX_BATCH_RECORDS, MAX_BATCH_RECORDS, total - 2 * MAX_BATCH_RECORDS]);
    expect(s.hub.batches.map((b) => b.records[0]?.seq)).toEqual([1, 501, 1001]);
    const held = s.hub.chains.get(DEVICE_ID) ?? [];
    expect(verifyChain(held)).toMatchObject({ ok: true, count: total, head: head(s.fx.store.read) });
    expect(s.hub.accepted).toBe(total);
    expect(s.hub.duplicates).toBe(0);
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(readHubLink(s.fx.store.read)?.acked).toEqual(head(s.fx.store.read));
  });

  it('backs off while the hub is down, catches up when it is back, and counts nothing twice', async () => {
    const s = await overHttp();
    fillLedger(s.fx, 2, 300);
    const timers = new FakeTimers(s.fx.clock.now);
    const up = uploader(s, timers);
    s.hub.mode = 'down';
    up.start();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'offline', pending: 600, problem: { key: 'sync.problem.unreachable' } });
    expect(timers.waits()).toEqual([500]);
    timers.fireNext();
    await up.settled();
    expect(timers.waits()).toEqual([1_000]);

    // The hub stores the next batch but the answer never arrives: the kiosk must send it again.
    s.hub.mode = 'lose';
    timers.fireNext();
    await up.settled();
    expect(s.hub.accepted).toBe(500);
    expect(up.status()).toMatchObject({ state: 'offline', pending: 600 });

    s.hub.mode = 'up';
    timers.fireNext();
    await up.settled();
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(s.hub.accepted).toBe(600);
    expect(s.hub.duplicates).toBe(500);
    expect(verifyChain(s.hub.chains.get(DEVICE_ID) ?? [])).toMatchObject({ ok: true, count: 600 });
    // The backoff starts again from 1 s after the success.
    expect(timers.waits()).toEqual([30_000]);
  });

  it('resumes after a restart from the head the hub acknowledged', async () => {
    const s = await overHttp();
    fillLedger(s.fx, 3, 400);
    const timers = new FakeTimers(s.fx.clock.now);
    const first = uploader(s, timers);
    // The hub answers the first batch, then the network goes.
    s.hub.override = () => {
      s.hub.mode = 'down';
      return undefined;
    };
    first.start();
    await first.settled();
    expect(first.status()).toMatchObject({ state: 'offline', pending: 700 });
    expect(readHubLink(s.fx.store.read)?.acked.seq).toBe(500);

    // The kiosk is switched off and on again: a new process opens the file.
    first.stop();
    s.fx.closeStore();
    s.hub.mode = 'up';
    const reopened = openKioskStore(s.fx.file);
    stores.push(reopened);
    const before = s.hub.batches.length;
    const second = uploader(s, timers, reopened);
    second.start();
    await second.settled();
    expect(s.hub.batches.slice(before).map((b) => b.records[0]?.seq)).toEqual([501, 1001]);
    expect(s.hub.duplicates).toBe(0);
    expect(s.hub.accepted).toBe(1200);
    expect(second.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('resumes from the hub’s head when the hub answers "gap" (restored from an older backup)', async () => {
    const s = await overHttp();
    fillLedger(s.fx, 2, 200);
    const timers = new FakeTimers(s.fx.clock.now);
    const up = uploader(s, timers);
    up.start();
    await up.settled();
    expect(s.hub.accepted).toBe(400);
    s.hub.truncate(DEVICE_ID, 150);
    fillLedger(s.fx, 1, 10);
    up.nudge();
    timers.fireNext();
    await up.settled();
    const last = s.hub.batches.slice(-2).map((b) => [b.records[0]?.seq, b.records.length]);
    // 401… refused as a gap at 150, then 151… sent.
    expect(last).toEqual([
      [401, 10],
      [151, 260],
    ]);
    expect(up.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(verifyChain(s.hub.chains.get(DEVICE_ID) ?? [])).toMatchObject({ ok: true, count: 410 });
  });

  it('stops with the hub’s message on "tampered" and waits for a person', async () => {
    const s = await overHttp();
    fillLedger(s.fx, 1, 20);
    const timers = new FakeTimers(s.fx.clock.now);
    const up = uploader(s, timers);
    s.hub.override = () => ({ status: 409, body: { ok: false, kind: 'tampered', message: '第 3 条与已收记录不同，已上报', head: { seq: 3, hash: 'a'.repeat(64) }, seq: 3 } });
    up.start();
    await up.settled();
    expect(up.status()).toMatchObject({
      state: 'refused',
      pending: 20,
      problem: { key: 'sync.refused.tampered', params: { hub: '第 3 条与已收记录不同，已上报' } },
    });
    expect(readHubLink(s.fx.store.read)).toMatchObject({ acked: { seq: 0 }, refused: { kind: 'tampered' } });
    expect(timers.waits()).toEqual([3_600_000]);

    // `zhucan sync` shows why, in both languages.
    s.fx.closeStore();
    const shown = await syncCommand(['--db', s.fx.file]);
    expect(shown.lines.join('\n')).toContain('判定为篡改');
    expect(shown.lines.join('\n')).toContain('第 3 条与已收记录不同，已上报');
    expect(shown.json).toMatchObject({ pending: 20, refused: { kind: 'tampered' } });
  });

  it('keeps checking elders in while the hub hangs: the upload waits on the network, not the till', async () => {
    const s = await overHttp();
    fillLedger(s.fx, 1, 5);
    const timers = new FakeTimers(s.fx.clock.now);
    const up = uploader(s, timers);
    s.hub.mode = 'hang';
    up.start();
    expect(up.status().state).toBe('sending');
    let served = 0;
    for (const elder of Object.values(s.fx.elders)) {
      const o = s.fx.kiosk.checkIn({ identity: { kind: 'manual', elderId: elder.id }, operatorId: s.fx.cashier.id });
      expect(o.kind).not.toBe('failed');
      if (o.kind === 'served') served += 1;
      up.nudge();
    }
    expect(served).toBeGreaterThan(0);
    expect(head(s.fx.store.read).seq).toBe(5 + served);
    expect(up.status().state).toBe('sending');
    up.stop();
    await up.settled();
    expect(readHubLink(s.fx.store.read)?.acked.seq).toBe(0);
  });

  it('`zhucan sync --once` pushes everything now and reports it', async () => {
    const s = await overHttp();
    fillLedger(s.fx, 2, 260);
    s.fx.closeStore();
    const out = await syncCommand(['--db', s.fx.file, '--once']);
    expect(out.exit).toBe(0);
    expect(out.json).toMatchObject({ ok: true, state: 'idle', pending: 0, acked: { seq: 520 }, lastProblem: null });
    expect(s.hub.batches.map((b) => b.records.length)).toEqual([500, 20]);

    s.hub.mode = 'busy';
    const reopened = openKioskStore(s.fx.file);
    fillLedger({ ...s.fx, store: reopened }, 3, 1);
    reopened.close();
    const busy = await syncCommand(['--db', s.fx.file, '--once']);
    expect(busy.exit).toBe(1);
    expect(busy.json).toMatchObject({ ok: false, state: 'offline', pending: 3 });
    expect(busy.lines.join('\n')).toContain('区平台暂时无法处理');
  });
});
