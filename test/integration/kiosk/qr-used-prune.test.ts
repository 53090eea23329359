/**
 * Pruning the marks of used phone codes (docs/qr.md "Used phone codes"): the check-in that marks a
 * code deletes, at most once an hour, the marks older than a phone code's whole life (60 s + 5 s of
 * clock skew) plus a day. What must still hold: a code used 10 s ago is refused, also when a prune ran
 * between its use and the replay, and the DELETE is an index range, not a scan of qr_used.
 */
import { describe, expect, it } from 'vitest';
import { SAME_CHECKIN_MS } from '../../../electron/kiosk/checkin/checkin.js';
import { isoInstant } from '../../../electron/kiosk/clock.js';
import { issuePhoneCode } from '../../../electron/kiosk/qr/issue-qr.js';
import { PRUNE_QR_USED_SQL, pruneUsedPhoneCodes, QR_USED_KEEP_MS, QR_USED_PRUNE_EVERY_MS } from '../../../electron/kiosk/qr/verify-qr.js';
import { rawDatabase } from '../../../electron/kiosk/store/open.js';
import { at, TODAY, useKioskFixtures } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

const fixture = useKioskFixtures();

function phoneCheckin(fx: KioskFixture, elder: 'young' | 'old' | 'poor' | 'otherTown', issuedMs = fx.clock.now): { token: string; kind: string } {
  const code = issuePhoneCode(fx.store, fx.elder(elder).id, issuedMs);
  const o = fx.kiosk.checkIn({ identity: { kind: 'qr', token: code.token }, operatorId: fx.cashier.id });
  return { token: code.token, kind: o.kind };
}

function usedNonces(fx: KioskFixture): string[] {
  return fx.store.read.stmt<{ nonce: string }>('SELECT nonce FROM qr_used ORDER BY nonce').all().map((r) => r.nonce);
}

function seedUsed(fx: KioskFixture, nonce: string, usedMs: number): void {
  fx.store.write((tx) => tx.stmt('INSERT INTO qr_used (nonce, elder_id, used_at) VALUES (?, ?, ?)').run(nonce, fx.elder('old').id, isoInstant(usedMs)));
}

describe('pruning used phone codes', () => {
  it('keeps a day and a code’s life; a replay 10 s later, across a prune, is still refused', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '11:00');
    const first = phoneCheckin(fx, 'young'); // the first mark: prunes (nothing yet) and starts the hour
    expect(first.kind).toBe('served');
    const boundary = at(TODAY, '12:00'); // an hour after that first prune
    seedUsed(fx, 'old-2-days', boundary - 2 * 86_400_000);
    seedUsed(fx, 'just-too-old', boundary - QR_USED_KEEP_MS - 1000);
    seedUsed(fx, 'within-the-day', boundary - QR_USED_KEEP_MS + 10_000);

    // Used 5 s before the hour is up: no prune yet.
    fx.clock.now = boundary - 5000;
    const replayed = phoneCheckin(fx, 'old', fx.clock.now - 20_000);
    expect(replayed.kind).toBe('served');
    expect(usedNonces(fx)).toHaveLength(5);
    // The next phone check-in is past the hour: it prunes, in its own transaction.
    fx.clock.now = boundary + 2000;
    expect(phoneCheckin(fx, 'poor').kind).toBe('served');
    const left = usedNonces(fx);
    expect(left).toHaveLength(4);
    expect(left).not.toContain('old-2-days');
    expect(left).not.toContain('just-too-old');
    expect(left).toContain('within-the-day');

    // 10 s after its use (past the same-check-in window), the code is still in its minute and still refused.
    fx.clock.now = boundary + 5000;
    expect(fx.clock.now - (boundary - 5000)).toBeGreaterThanOrEqual(SAME_CHECKIN_MS);
    expect(fx.kiosk.checkIn({ identity: { kind: 'qr', token: replayed.token }, operatorId: fx.cashier.id })).toMatchObject({
      kind: 'unidentified',
      reason: 'qrUsed',
    });
  });

  it('marks a phone code used at the real time, also for a back-filled meal eaten days ago', () => {
    const fx = fixture();
    const code = issuePhoneCode(fx.store, fx.elder('young').id, fx.clock.now);
    const eaten = fx.clock.now - 2 * 86_400_000;
    const o = fx.kiosk.checkIn({ identity: { kind: 'qr', token: code.token }, operatorId: fx.manager.id, backfilledAt: eaten });
    expect(o.kind).toBe('served');
    const used = fx.store.read.stmt<{ used_at: string }>('SELECT used_at FROM qr_used').all();
    expect(used).toEqual([{ used_at: isoInstant(fx.clock.now) }]);
  });

  it('runs at most once an hour, and a clock set back removes nothing recent', () => {
    const fx = fixture();
    const now = fx.clock.now;
    seedUsed(fx, 'recent', now - 60_000);
    seedUsed(fx, 'stale', now - QR_USED_KEEP_MS - 60_000);
    expect(fx.store.write((tx) => pruneUsedPhoneCodes(tx, now))).toBe(1);
    seedUsed(fx, 'stale-again', now - QR_USED_KEEP_MS - 60_000);
    expect(fx.store.write((tx) => pruneUsedPhoneCodes(tx, now + QR_USED_PRUNE_EVERY_MS - 1))).toBe(0);
    expect(usedNonces(fx)).toContain('stale-again');
    // Set back 12 hours: prunes again (an hour apart), with a cut-off that spares everything recent.
    expect(fx.store.write((tx) => pruneUsedPhoneCodes(tx, now - 12 * 3_600_000))).toBe(0);
    expect(usedNonces(fx)).toEqual(['recent', 'stale-again']);
  });

  it('deletes through the used_at index, not by reading the whole table', () => {
    const fx = fixture();
    const plan = rawDatabase(fx.store)
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${PRUNE_QR_USED_SQL}`)
      .all('2026-11-23T00:00:00.000Z')
      .map((r) => r.detail);
    expect(plan.join(' | ')).toContain('qr_used_by_used_at (used_at<?)');
    expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
  });
});
