/**
 * Fault test (DESIGN.md §3 "Durability": a failure to record is shown as a failure, never as
 * success; §5 "SQLITE_FULL (PRAGMA max_page_count)").
 *
 * max_page_count is a property of one connection, so it is set on the kiosk's own connection, reached
 * with rawDatabase(store) (store/open.ts: "for migrations, tests and tooling only"). The database is
 * allowed a few pages more than it holds; check-ins go on until one fails. That one must say 'failed',
 * reason 'full', "NOT saved", and leave every table exactly as before; the chain still verifies, and
 * once there is room again the next check-in takes the next seq with no gap.
 *
 * Different headrooms make the write fail at different points of the insert (the ledger's table
 * b-tree, one of its indexes, a page split).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../shared/i18n/index.js';
import { prepareDemo } from '../../electron/kiosk/demo/demo-kiosk.js';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { head } from '../../electron/kiosk/ledger/ledger-store.js';
import { rawDatabase } from '../../electron/kiosk/store/open.js';
import { checkInAppending, demoCards, lastAt, ledgerCount, nextInstant } from './fault-kit.js';

/** A bound on the check-ins before the limit is reached: a few pages hold far fewer records. */
const MAX_ATTEMPTS = 2000;

let dir: string;
let template: string;
const kiosks: Kiosk[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-full-'));
  template = join(dir, 'demo.db');
  prepareDemo(template, '2026-03-01T00:00:00.000Z');
});

afterEach(() => {
  for (const k of kiosks.splice(0)) k.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Rows of every table: what a half-written check-in would change. */
function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
  return Object.fromEntries(tables.map((t) => [t, db.prepare<[], number>(`SELECT count(*) FROM "${t}"`).pluck().get() ?? 0]));
}

describe('SQLITE_FULL during a check-in', () => {
  it.each([1, 2, 3, 5, 8])('with %i page(s) of headroom: the check-in that does not fit fails as "full, NOT saved" and changes nothing', (headroom) => {
    const file = join(dir, `kiosk-${headroom}.db`);
    copyFileSync(template, file);
    let now = 0;
    const kiosk = openKiosk(file, () => now);
    kiosks.push(kiosk);
    const db = rawDatabase(kiosk.context.store);
    const pages = db.pragma('page_count', { simple: true }) as number;
    expect(db.pragma(`max_page_count = ${pages + headroom}`, { simple: true })).toBe(pages + headroom);

    const cards = demoCards();
    let at = lastAt(kiosk);
    const snapshot = () => ({ head: head(kiosk.context.store.read), counts: tableCounts(db) });
    let failure: { outcome: ReturnType<typeof checkInAppending>; before: ReturnType<typeof snapshot> } | null = null;
    for (let i = 0; i < MAX_ATTEMPTS && failure === null; i++) {
      at = nextInstant(at);
      now = at;
      const card = cards[i % cards.length];
      if (card === undefined) throw new Error('no demo cards');
      const before = snapshot();
      const outcome = checkInAppending(kiosk, card.uid);
      if (outcome.kind === 'served') {
        expect(outcome.duplicate).toBe(false);
        expect(outcome.seq).toBe(before.head.seq + 1);
      } else {
        failure = { outcome, before };
      }
    }
    expect(failure, 'no check-in ever hit the page limit').not.toBeNull();
    if (failure === null) return;

    // Shown as a failure, saying it was not saved.
    const { outcome, before } = failure;
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'full' });
    if (outcome.kind !== 'failed') return;
    expect(render(outcome.message, 'zh-CN')).toMatch(/没有(保存|记录)/);
    expect(render(outcome.message, 'en')).toMatch(/\bnot (saved|recorded)\b/i);

    // Nothing half-written: no transaction left open, the head and every table as before.
    expect(db.inTransaction).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(kiosk.verify()).toEqual({ ok: true, count: before.head.seq, head: before.head });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Room again (the manager freed disk space): the same kiosk records the next seq, no gap.
    db.pragma('max_page_count = 1073741823');
    now = nextInstant(at);
    const card = cards[0];
    if (card === undefined) throw new Error('no demo cards');
    const again = checkInAppending(kiosk, card.uid);
    expect(again).toMatchObject({ kind: 'served', duplicate: false, seq: before.head.seq + 1 });
    expect(kiosk.verify()).toMatchObject({ ok: true, count: before.head.seq + 1 });
    expect(ledgerCount(kiosk)).toBe(before.head.seq + 1);
  });
});
