/**
 * Fault test (DESIGN.md §5: "a corrupted file", "a kiosk clock set back a day").
 *
 * A kiosk database that is not one — random bytes, a text file, a database cut to half its size, a
 * database with a page in the middle (ledger records) overwritten with garbage, one whose ledger index
 * pages were, a database from a newer schema — must make the real `zhucan verify` and `zhucan checkin`
 * refuse: exit 1, one JSON object on stdout whose `message` a canteen manager can read (Chinese, no
 * stack trace), and no crash. Each command runs on its own copy of the damaged file.
 *
 * Damage that SQLite meets only when it reads the damaged page is found only by a command that reads
 * it (or by PRAGMA quick_check): a check-in touches the ledger's last pages and its indexes, `verify`
 * the ledger table. These tests state what a person needs — a damaged file is refused by both — not
 * which pages each command happens to read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../shared/i18n/index.js';
import { addDays, toLocal } from '../../shared/dates.js';
import { demoPolicy, prepareDemo } from '../../electron/kiosk/demo/demo-kiosk.js';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { LATEST_VERSION } from '../../electron/kiosk/store/migrations/index.js';
import { rawDatabase } from '../../electron/kiosk/store/open.js';
import { CHINESE, jsonOf, STACK_LINE, zhucan } from './cli-run.js';
import type { CliRun } from './cli-run.js';
import { appendCheckins, CASHIER, checkInAppending, demoCards, lastAt, ledgerCount } from './fault-kit.js';

/** Enough records that the ledger has many pages, so its middle one holds records well inside the chain. */
const RECORDS = 1000;

let dir: string;
/** A healthy kiosk database: the demo and RECORDS check-ins, checkpointed into the main file. */
let healthy: string;
let pageSize: number;
let pageCount: number;
/** The middle one of the ledger table's own pages (records, not an index). */
let ledgerMiddlePage: number;
/** The pages of the index check-ins use to count an elder's meals of the day. */
let elderIndexPages: number[];
const kiosks: Kiosk[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-corrupt-'));
  healthy = join(dir, 'healthy.db');
  prepareDemo(healthy, '2026-03-01T00:00:00.000Z');
  let now = 0;
  const kiosk = openKiosk(healthy, () => now);
  try {
    expect(appendCheckins(kiosk, RECORDS, (ms) => (now = ms))).toBe(RECORDS);
    const db = rawDatabase(kiosk.context.store);
    pageSize = db.pragma('page_size', { simple: true }) as number;
    pageCount = db.pragma('page_count', { simple: true }) as number;
    // The "garbage in the middle" case damages the middle page of the ledger's own records: found from
    // dbstat, so the premise holds whatever other tables later migrations add.
    const ledgerPages = db.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'ledger' ORDER BY pageno").pluck().all();
    expect(ledgerPages.length).toBeGreaterThan(10);
    ledgerMiddlePage = ledgerPages[Math.floor(ledgerPages.length / 2)] ?? 0;
    elderIndexPages = db.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'ledger_by_elder_date' ORDER BY pageno").pluck().all();
    expect(elderIndexPages.length).toBeGreaterThan(0);
  } finally {
    kiosk.close();
  }
  // Closing the last connection checkpoints the WAL: everything is in the main file, which is
  // what the cases below damage.
  expect(existsSync(`${healthy}-wal`)).toBe(false);
  expect(statSync(healthy).size).toBe(pageSize * pageCount);
});

afterEach(() => {
  for (const k of kiosks.splice(0)) k.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function middlePage(): number {
  return ledgerMiddlePage;
}

function copyOfHealthy(file: string): void {
  copyFileSync(healthy, file);
}

/** Overwrites whole pages (numbered from 1) of a copy of the healthy database with a fixed garbage pattern. */
function damagedCopy(file: string, pages: readonly number[]): void {
  copyOfHealthy(file);
  const fd = openSync(file, 'r+');
  // A fixed pattern, so every run damages the pages the same way (0xA5 is no b-tree page type).
  const garbage = Buffer.alloc(pageSize, 0xa5);
  try {
    for (const page of pages) writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** Each way of being a bad database, made at `file`, and the error kind the JSON should name. */
const damages: { name: string; error: string; make: (file: string) => void }[] = [
  {
    name: 'random bytes',
    error: 'corrupt',
    make: (file) => writeFileSync(file, randomBytes(64 * 1024)),
  },
  {
    name: 'a text file',
    error: 'corrupt',
    make: (file) => writeFileSync(file, '食堂用餐登记表\n姓名,日期,餐次\n陈伯,2026-03-02,午餐\n'.repeat(200)),
  },
  {
    name: 'a database truncated to half its size',
    error: 'corrupt',
    make: (file) => {
      copyOfHealthy(file);
      truncateSync(file, Math.floor(statSync(file).size / 2));
    },
  },
  {
    name: 'a database whose middle page (ledger records) was overwritten with garbage',
    error: 'corrupt',
    make: (file) => damagedCopy(file, [middlePage()]),
  },
  {
    // Not in DESIGN.md's list: the pages a check-in does read (the elder-and-date index of the ledger).
    name: 'a database whose ledger index pages were overwritten with garbage',
    error: 'corrupt',
    make: (file) => damagedCopy(file, elderIndexPages),
  },
  {
    name: 'a database from a newer schema (user_version above the latest)',
    error: 'newer',
    make: (file) => {
      copyOfHealthy(file);
      const db = new Database(file);
      try {
        db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      } finally {
        db.close();
      }
    },
  },
];

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A refusal a person can read: exit 1, one JSON object, ok false, a Chinese message, no stack anywhere. */
function expectReadableRefusal(run: CliRun, error: string): void {
  const where = `zhucan ${run.args.join(' ')}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  expect(run.signal, where).toBeNull();
  expect(run.code, where).toBe(1);
  const json = jsonOf(run);
  expect(json, `${where}\n(stdout is not one JSON object)`).not.toBeNull();
  expect(json?.['ok'], where).toBe(false);
  // A file that cannot be opened names its kind as `error`; a check-in that failed, as `reason`.
  expect(json?.['error'] ?? json?.['reason'], where).toBe(error);
  const message = json?.['message'];
  expect(typeof message, where).toBe('string');
  expect(String(message), where).toMatch(CHINESE);
  expect(String(message), where).not.toMatch(STACK_LINE);
  expect(run.stderr, where).not.toMatch(STACK_LINE);
}

interface DamageRuns {
  readonly verify: CliRun;
  readonly checkin: CliRun;
  /** The verified file's SHA-256 before and after `zhucan verify`. */
  readonly before: string;
  readonly after: string;
}

/** Both commands on their own copies of one damaged file, run side by side once per damage. */
const runs = new Map<string, Promise<DamageRuns>>();

function runsFor(damage: (typeof damages)[number]): Promise<DamageRuns> {
  let p = runs.get(damage.name);
  if (p === undefined) {
    p = (async () => {
      const slug = damage.name.replace(/\W+/g, '-');
      const forVerify = join(dir, `${slug}.verify.db`);
      const forCheckin = join(dir, `${slug}.checkin.db`);
      damage.make(forVerify);
      copyFileSync(forVerify, forCheckin);
      const card = demoCards()[0]?.uid ?? '';
      const before = sha256(forVerify);
      const [verify, checkin] = await Promise.all([
        zhucan(['verify', '--db', forVerify, '--json']),
        zhucan(['checkin', '--db', forCheckin, '--json', '--operator', CASHIER.id, '--pin', CASHIER.pin, '--card', card, '--at', '2026-06-01T12:00']),
      ]);
      return { verify, checkin, before, after: sha256(forVerify) };
    })();
    runs.set(damage.name, p);
  }
  return p;
}

describe('zhucan on a damaged or foreign database file', () => {
  describe.each(damages)('$name', (damage) => {
    it('zhucan verify refuses with a readable message, and leaves the file as it was', async () => {
      const r = await runsFor(damage);
      expectReadableRefusal(r.verify, damage.error);
      // verify checks a file; it must not change one that support will try to recover.
      expect(r.after, 'zhucan verify changed the file').toBe(r.before);
    });

    it('zhucan checkin refuses with a readable message (the meal is NOT recorded)', async () => {
      const r = await runsFor(damage);
      expectReadableRefusal(r.checkin, damage.error);
    });
  });

  it('the healthy database itself verifies (the damage above is what the commands refuse)', async () => {
    const file = join(dir, 'healthy-copy.db');
    copyOfHealthy(file);
    const run = await zhucan(['verify', '--db', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run)).toMatchObject({ ok: true, count: RECORDS });
  });
});

describe('a check-in that runs into a damaged page', () => {
  it("fails as 'corrupt', says it was NOT saved, records nothing, and never throws", () => {
    const file = join(dir, 'index-damaged.db');
    damagedCopy(file, elderIndexPages);
    let now = Date.parse('2026-06-01T12:00:00+08:00');
    const kiosk = openKiosk(file, () => now);
    kiosks.push(kiosk);
    // Counted through the table itself: the damaged index must not be used for the count.
    const count = () => kiosk.context.store.read.stmt<{ n: number }>('SELECT count(*) AS n FROM ledger NOT INDEXED').get()?.n;
    expect(count()).toBe(RECORDS);
    const outcome = checkInAppending(kiosk, demoCards()[0]?.uid ?? '');
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'corrupt' });
    if (outcome.kind !== 'failed') return;
    expect(render(outcome.message, 'zh-CN')).toMatch(/没有(保存|记录)/);
    expect(render(outcome.message, 'en')).toMatch(/\bnot (saved|recorded)\b/i);
    expect(rawDatabase(kiosk.context.store).inTransaction).toBe(false);
    expect(count()).toBe(RECORDS);
    now += 60_000;
    expect(checkInAppending(kiosk, demoCards()[1]?.uid ?? '')).toMatchObject({ kind: 'failed', reason: 'corrupt' });
    expect(count()).toBe(RECORDS);
  });
});

describe('a kiosk clock set back a day', () => {
  it('still appends the check-in with the next seq, and the chain verifies', () => {
    const file = join(dir, 'clock-back.db');
    copyOfHealthy(file);
    let now = 0;
    const kiosk = openKiosk(file, () => now);
    kiosks.push(kiosk);
    const last = lastAt(kiosk);
    if (last === null) throw new Error('the healthy database has records');
    const cards = demoCards();
    const seqBefore = ledgerCount(kiosk);

    // The clock goes back a day, e.g. the CMOS battery was replaced and the time set by hand.
    // The hub sees `at` go backwards against the previous seq and flags the record for review
    // ("clock went back"): the kiosk cannot know which time is true, so it records what it has.
    now = last - 86_400_000;
    const tz = demoPolicy().timeZone;
    expect(toLocal(now, tz).date).toBe(addDays(toLocal(last, tz).date, -1));
    const a = checkInAppending(kiosk, cards[7]?.uid ?? '');
    expect(a).toMatchObject({ kind: 'served', duplicate: false, seq: seqBefore + 1, at: new Date(now).toISOString() });

    // The same elder again, a minute later on that earlier clock, at full price if refused: appended too.
    now += 60_000;
    const b = checkInAppending(kiosk, cards[7]?.uid ?? '');
    expect(b).toMatchObject({ kind: 'served', duplicate: false, seq: seqBefore + 2 });

    expect(kiosk.verify()).toMatchObject({ ok: true, count: seqBefore + 2 });
    expect(rawDatabase(kiosk.context.store).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('into a day already closed: refused as "day closed", nothing recorded', () => {
    const file = join(dir, 'clock-back-closed.db');
    copyOfHealthy(file);
    let now = 0;
    const kiosk = openKiosk(file, () => now);
    kiosks.push(kiosk);
    const last = lastAt(kiosk);
    if (last === null) throw new Error('the healthy database has records');
    const tz = demoPolicy().timeZone;
    const yesterday = last - 86_400_000;
    now = last;
    const closed = kiosk.closeDay({ serviceDate: toLocal(yesterday, tz).date, operatorId: 'manager' });
    expect(closed.ok, JSON.stringify(closed)).toBe(true);
    const seqBefore = ledgerCount(kiosk);
    const headBefore = kiosk.verify();

    now = yesterday;
    const outcome = checkInAppending(kiosk, demoCards()[9]?.uid ?? '');
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'dayClosed' });
    if (outcome.kind === 'failed') expect(render(outcome.message, 'zh-CN')).toMatch(CHINESE);
    expect(ledgerCount(kiosk)).toBe(seqBefore);
    expect(kiosk.verify()).toEqual(headBefore);
  });
});
