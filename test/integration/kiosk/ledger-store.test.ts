import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/index.js';
import { GENESIS, verifyChain } from '../../../shared/ledger/chain.js';
import type { LedgerDraft, LedgerRecord } from '../../../shared/ledger/envelope.js';
import {
  appendRecord,
  dayCloseSeq,
  head,
  LedgerAppendError,
  recordsFrom,
  rowToRecord,
  verifyLedger,
  type LedgerVerdict,
} from '../../../electron/kiosk/ledger/ledger-store.js';
import { asStoreError, openKioskStore, rawDatabase, StoreError, type KioskStore } from '../../../electron/kiosk/store/open.js';

let dir: string;
let file: string;
let store: KioskStore;
const raws: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-ledger-'));
  file = join(dir, 'kiosk.db');
  store = openKioskStore(file);
});

afterEach(() => {
  for (const d of raws.splice(0)) if (d.open) d.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function draft(over: Partial<LedgerDraft> = {}): LedgerDraft {
  return {
    deviceId: 'K1',
    kind: 'checkin',
    at: '2026-11-24T04:12:33.120Z',
    serviceDate: '2026-11-24',
    periodId: 'lunch',
    elderId: 'e1',
    operatorId: 'op1',
    targetSeq: null,
    body: { price: 1200, personal: 300, subsidy: { city: 300, district: 300, town: 300 } },
    ...over,
  };
}

function append(over: Partial<LedgerDraft> = {}): LedgerRecord {
  return store.write((tx) => appendRecord(tx, draft(over)));
}

/** n check-ins of different elders on one day. */
function appendMany(n: number): LedgerRecord[] {
  return store.write((tx) => Array.from({ length: n }, (_, i) => appendRecord(tx, draft({ elderId: `e${i + 1}` }))));
}

function count(): number {
  return store.read.stmt<{ n: number }>('SELECT count(*) AS n FROM ledger').get()?.n ?? -1;
}

/** A second connection, as a person with a SQLite editor would have, with the guard triggers dropped. */
function handEditor(): Database.Database {
  const d = new Database(file);
  raws.push(d);
  d.exec('DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete; DROP TRIGGER ledger_append_in_order;');
  return d;
}

function problem(v: LedgerVerdict): { seq: number; kind: string } {
  if (v.ok) throw new Error('expected verification to fail');
  return { seq: v.problem.seq, kind: v.problem.kind };
}

function refusal(fn: () => unknown): LedgerAppendError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerAppendError);
    return e as LedgerAppendError;
  }
  throw new Error('expected a refusal');
}

describe('appending', () => {
  it('numbers, chains and stores records, and reads them back exactly', () => {
    expect(head(store.read)).toEqual(GENESIS);
    const first = append();
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS.hash);
    const more = appendMany(4);
    expect(more.map((r) => r.seq)).toEqual([2, 3, 4, 5]);
    expect(more[0]?.prevHash).toBe(first.hash);
    expect(head(store.read)).toEqual({ seq: 5, hash: more[3]?.hash });

    const back = recordsFrom(store.read, 1, 100);
    expect(back).toEqual({ ok: true, value: [first, ...more] });
    expect(recordsFrom(store.read, 3, 2)).toEqual({ ok: true, value: more.slice(1, 3) });
    expect(verifyChain(back.ok ? back.value : [])).toMatchObject({ ok: true, count: 5 });
    expect(verifyLedger(store.read)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: more[3]?.hash } });
  });

  it('stores the body as canonical JSON', () => {
    append({ body: { z: 1, a: { y: [2, 1], b: '中' } } });
    expect(store.read.stmt<{ body: string }>('SELECT body FROM ledger WHERE seq = 1').get()?.body).toBe('{"a":{"b":"中","y":[2,1]},"z":1}');
  });

  it('is part of the caller’s transaction: if the caller fails, the record is not kept', () => {
    append();
    expect(() =>
      store.write((tx) => {
        appendRecord(tx, draft({ elderId: 'e2' }));
        throw new Error('printer jammed before the meal was confirmed');
      }),
    ).toThrow('printer jammed');
    expect(count()).toBe(1);
    expect(append({ elderId: 'e3' }).seq).toBe(2);
  });

  it('records a void of an earlier record', () => {
    const meal = append();
    const v = append({ kind: 'void', targetSeq: meal.seq, body: { reason: '刷错卡' } });
    expect(v).toMatchObject({ seq: 2, kind: 'void', targetSeq: 1 });
    expect(store.read.stmt<{ seq: number }>("SELECT seq FROM ledger WHERE target_seq = ? AND kind = 'void'").all(1)).toEqual([{ seq: 2 }]);
  });

  it('refuses records for a closed day, and a second close, with a message for the counter', () => {
    append();
    const close = append({ kind: 'close', elderId: null, periodId: null, body: { meals: 1 } });
    expect(dayCloseSeq(store.read, '2026-11-24')).toBe(close.seq);
    expect(dayCloseSeq(store.read, '2026-11-25')).toBeNull();

    const late = refusal(() => append({ elderId: 'e9' }));
    expect(late.kind).toBe('dayClosed');
    expect(render(late.text)).toBe('2026-11-24 已经日结，不能再记录这一天的用餐或销售。');
    expect(render(late.text, 'en')).toMatch(/^2026-11-24 has been closed/);

    const again = refusal(() => append({ kind: 'close', elderId: null, periodId: null, body: { meals: 1 } }));
    expect(again.kind).toBe('alreadyClosed');
    expect(render(again.text)).toContain('不能重复日结');

    expect(count()).toBe(2);
    // The next day is open.
    expect(append({ serviceDate: '2026-11-25', at: '2026-11-25T04:00:00.000Z' }).seq).toBe(3);
  });

  it("refuses another device's record", () => {
    append();
    const e = refusal(() => append({ deviceId: 'K2' }));
    expect(e.kind).toBe('wrongDevice');
    expect(render(e.text)).toContain('K1');
  });

  it('refuses a malformed draft, naming each bad field, and keeps nothing', () => {
    const e = refusal(() => append({ body: { price: 12.5 }, at: '2026-11-24 12:00' }));
    expect(e.kind).toBe('invalidDraft');
    expect(e.problem?.issues.map((i) => i.path).sort()).toEqual(['at', 'body.price']);
    expect(render(e.text)).toContain('没有保存');
    expect(refusal(() => append({ kind: 'void' })).problem?.issues.map((i) => i.path)).toEqual(['targetSeq']);
    expect(count()).toBe(0);
  });
});

describe('append-only guards in the schema', () => {
  it('refuse UPDATE and DELETE on the ledger, from any connection', () => {
    appendMany(3);
    const d = new Database(file);
    raws.push(d);
    expect(() => d.prepare("UPDATE ledger SET elder_id = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => d.prepare('DELETE FROM ledger WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => store.write((tx) => tx.stmt('DELETE FROM ledger').run())).toThrow(/append-only/);
    // A refusal by our own schema is a bug to fix, not a store failure to show the cashier.
    try {
      d.prepare('DELETE FROM ledger').run();
    } catch (e) {
      expect(asStoreError(e)).toBeNull();
    }
    expect(count()).toBe(3);
  });

  it('refuse an insert that is not the next record of the chain', () => {
    const [r1] = appendMany(1);
    const d = new Database(file);
    raws.push(d);
    const insert = d.prepare(
      'INSERT INTO ledger (seq, device_id, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const row = (seq: number, prev: string): unknown[] => [seq, 'K1', 'checkin', '2026-11-24T04:12:33.120Z', '2026-11-24', null, 'e1', 'op1', null, '{}', prev, 'a'.repeat(64)];
    expect(() => insert.run(...row(3, r1?.hash ?? ''))).toThrow(/only the next record/); // a gap
    expect(() => insert.run(...row(2, 'b'.repeat(64)))).toThrow(/only the next record/); // a broken link
    expect(count()).toBe(1);
  });
});

describe('verifyLedger finds hand edits', () => {
  const NEW_HASH = 'c'.repeat(64);

  it.each<[string, string, string]>([
    ['device_id', "UPDATE ledger SET device_id = 'K2' WHERE seq = 3", 'device'],
    ['kind', "UPDATE ledger SET kind = 'sale' WHERE seq = 3", 'hash'],
    ['at', "UPDATE ledger SET at = '2026-11-24T03:00:00.000Z' WHERE seq = 3", 'hash'],
    ['service_date', "UPDATE ledger SET service_date = '2026-11-23' WHERE seq = 3", 'hash'],
    ['period_id', "UPDATE ledger SET period_id = 'dinner' WHERE seq = 3", 'hash'],
    ['period_id to NULL', 'UPDATE ledger SET period_id = NULL WHERE seq = 3', 'hash'],
    ['elder_id', "UPDATE ledger SET elder_id = 'e99' WHERE seq = 3", 'hash'],
    ['operator_id', "UPDATE ledger SET operator_id = 'op2' WHERE seq = 3", 'hash'],
    ['body: a cheaper personal part', `UPDATE ledger SET body = replace(body, '"personal":300', '"personal":100') WHERE seq = 3`, 'hash'],
    ['body: same meaning, other spacing', `UPDATE ledger SET body = replace(body, ',', ', ') WHERE seq = 3`, 'malformed'],
    ['body: not JSON', "UPDATE ledger SET body = 'free meal' WHERE seq = 3", 'malformed'],
    ['prev_hash', `UPDATE ledger SET prev_hash = '${NEW_HASH}' WHERE seq = 3`, 'prev'],
    ['hash', `UPDATE ledger SET hash = '${NEW_HASH}' WHERE seq = 3`, 'hash'],
    ['kind to something unknown', "UPDATE ledger SET kind = 'refund' WHERE seq = 3", 'malformed'],
    ['target_seq on a check-in', 'UPDATE ledger SET target_seq = 1 WHERE seq = 3', 'malformed'],
    ['seq renumbered', 'UPDATE ledger SET seq = 100 WHERE seq = 3', 'gap'],
    ['a middle row deleted', 'DELETE FROM ledger WHERE seq = 3', 'gap'],
    ['two rows swapped', 'UPDATE ledger SET seq = -3 WHERE seq = 3; UPDATE ledger SET seq = 3 WHERE seq = 4; UPDATE ledger SET seq = 4 WHERE seq = -3', 'prev'],
    ['a row resealed by someone who knows the hash rule but not the next link', "UPDATE ledger SET elder_id = 'e99', hash = 'x' WHERE seq = 3", 'malformed'],
  ])('%s', (_, sql, kind) => {
    appendMany(6);
    expect(verifyLedger(store.read)).toMatchObject({ ok: true, count: 6 });
    handEditor().exec(sql);
    const v = verifyLedger(store.read);
    expect(problem(v)).toEqual({ seq: 3, kind });
    if (!v.ok) expect(render(v.problem.message)).toMatch(/第 \d+ 号记录/);
  });

  it('names the first broken seq when several are broken', () => {
    appendMany(8);
    const d = handEditor();
    d.exec("UPDATE ledger SET elder_id = 'e99' WHERE seq = 6");
    d.exec('DELETE FROM ledger WHERE seq = 4');
    expect(problem(verifyLedger(store.read))).toEqual({ seq: 4, kind: 'gap' });
  });

  it("checks the device when told which one the kiosk is", () => {
    appendMany(2);
    expect(problem(verifyLedger(store.read, { deviceId: 'K7' }))).toEqual({ seq: 1, kind: 'device' });
    expect(verifyLedger(store.read, { deviceId: 'K1' }).ok).toBe(true);
  });

  it('reports a row it cannot read through recordsFrom, too', () => {
    appendMany(3);
    handEditor().exec("UPDATE ledger SET body = '[1,2]' WHERE seq = 2");
    const r = recordsFrom(store.read, 1, 10);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.seq).toBe(2);
      expect(r.error.issues.map((i) => i.path)).toEqual(['body']);
    }
    expect(rowToRecord(null).ok).toBe(false);
  });
});

describe('a full disk', () => {
  it("comes out as 'full', and the ledger is unchanged by the failed transaction", () => {
    appendMany(5);
    const before = head(store.read);
    const d = rawDatabase(store);
    const pages = d.pragma('page_count', { simple: true });
    // max_page_count is per connection: the store's own connection now has no room to grow.
    d.pragma(`max_page_count = ${String(pages)}`);
    let failure: unknown;
    try {
      store.write((tx) => {
        for (let i = 0; i < 200; i++) appendRecord(tx, draft({ elderId: `big${i}`, body: { note: '餐'.repeat(2000) } }));
      });
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(StoreError);
    expect(asStoreError(failure)?.kind).toBe('full');
    expect((failure as StoreError).code).toBe('SQLITE_FULL');
    expect(render((failure as StoreError).text)).toBe('磁盘已满，这次操作没有保存。请清理磁盘空间后重试。');

    expect(count()).toBe(5);
    expect(head(store.read)).toEqual(before);
    expect(verifyLedger(store.read)).toEqual({ ok: true, count: 5, head: before });

    // Once there is room again, the chain carries on from the same head.
    d.pragma('max_page_count = 1073741823');
    expect(append({ elderId: 'after' })).toMatchObject({ seq: 6, prevHash: before.hash });
    expect(verifyLedger(store.read)).toMatchObject({ ok: true, count: 6 });
  });
});
