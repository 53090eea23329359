/**
 * The check-in's own queries use the elder's index, not a scan of the day: with 600 meals a day and
 * years of history, a wrong plan is the difference between microseconds and milliseconds per swipe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECENT_CHECKIN_SQL } from '../../../electron/kiosk/checkin/checkin.js';
import { EATEN_SQL } from '../../../electron/kiosk/checkin/meals-eaten.js';
import { ALIASES_OF_SQL } from '../../../electron/kiosk/roster-downlink/aliases.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';

const dir = mkdtempSync(join(tmpdir(), 'zhucan-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plan(sql: string, ...args: string[]): string {
  const store = openKioskStore(join(dir, 'kiosk.db'));
  try {
    const rows = rawDatabase(store).prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
    return rows.map((r) => r.detail).join(' / ');
  } finally {
    store.close();
  }
}

describe('check-in query plans', () => {
  it('the repeated-swipe look-up searches the elder-and-date index', () => {
    const p = plan(RECENT_CHECKIN_SQL, 'E1', '2026-11-24');
    expect(p).toContain('USING INDEX ledger_by_elder_date (elder_id=? AND service_date=?)');
    expect(p).toContain('ledger_by_target');
    expect(p).not.toMatch(/SCAN l\b/);
  });

  it('the meals-eaten look-up searches the elder-and-date index over the limit window, for the elder and each old id', () => {
    const p = plan(EATEN_SQL, 'D00000000001D', 'D00000000001D', '2026-11-23', '2026-11-30');
    expect(p).toContain('SEARCH l USING INDEX ledger_by_elder_date (elder_id=? AND service_date>? AND service_date<?)');
    // The elder's old ids (a re-key by the roster down): one seek of the alias index, not a scan.
    expect(p).toContain('SEARCH a USING INDEX elder_aliases_by_elder (elder_id=?)');
    expect(p).not.toMatch(/SCAN (l|a|elder_aliases|settings)\b/);
  });

  it('an elder\'s old ids are one seek of the alias index', () => {
    const p = plan(ALIASES_OF_SQL, 'D00000000001D');
    expect(p).toBe('SEARCH elder_aliases USING INDEX elder_aliases_by_elder (elder_id=?)');
  });
});
