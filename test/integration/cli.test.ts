/**
 * The `zhucan` command line, run as a real process (node bin/zhucan.js …) against temp kiosk files:
 * `--json` prints exactly one JSON object; exit 0 on success, 1 on a refusal or a failed check, 2 on
 * bad usage. Every malformed input gets a clear message and leaves the file as it was (row counts
 * and ledger head compared before and after). `zhucan verify` names the first record edited,
 * deleted or reordered by hand.
 *
 * Each spawn costs about half a second, so independent runs go concurrently and each kiosk file is
 * prepared in-process (the fixture) and copied, not built through the CLI.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinBodySchema } from '../../shared/ledger/bodies.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import {
  CASHIER,
  cleanupKioskFixtures,
  createKioskFixture,
  ledgerRecords,
  legacy15,
  makeIdNumber,
  MANAGER,
  snapshotFile,
  tempDir,
  withWrongCheck,
} from '../helpers/kiosk-fixture.js';
import type { KioskFixture, StoreSnapshot, TestOperator } from '../helpers/kiosk-fixture.js';
import { POLICY_DIR } from '../helpers/policies.js';
import { onlyJson, runCli } from '../helpers/zhucan-cli.js';
import type { CliRun } from '../helpers/zhucan-cli.js';

afterAll(() => {
  cleanupKioskFixtures();
});

const GUANGZHOU = join(POLICY_DIR, 'guangzhou-2020.json');
const as = (op: TestOperator): string[] => ['--operator', op.id, '--pin', op.pin];

/** Runs with --json and returns the one object printed, checking the exit code. */
async function json(args: readonly string[], code: number, env: Record<string, string> = {}): Promise<{ out: Record<string, unknown>; run: CliRun }> {
  const run = await runCli([...args, '--json'], env);
  const out = onlyJson(run);
  expect(run.code, `exit code of zhucan ${args.join(' ')}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code);
  expect(out['ok']).toBe(code === 0);
  return { out, run };
}

describe.concurrent('commands that need no kiosk', () => {
  const young = makeIdNumber('440106', '1956-03-15', 'F', 7);
  const old = makeIdNumber('440106', '1940-05-20', 'M', 8);

  it('id check: a valid number → exit 0, birth date, sex, masked form; the full number is never printed', async () => {
    const { out, run } = await json(['id', 'check', young], 0);
    expect(out).toMatchObject({ valid: true, birthDate: '1956-03-15', sex: 'F', regionCode: '440106', convertedFrom15: false });
    expect(out['masked']).toBe(`**************${young.slice(14)}`);
    expect(run.stdout).not.toContain(young);
  });

  it('id check: a wrong check character → exit 1 with the reason', async () => {
    const bad = withWrongCheck(young);
    const { out, run } = await json(['id', 'check', bad], 1);
    expect(out).toMatchObject({ valid: false, reason: 'checkChar' });
    expect(String(out['message'])).toMatch(/校验|check/);
    expect(run.stdout).not.toContain(bad);
  });

  it('id check: the old 15-digit form is valid and converted', async () => {
    const { out } = await json(['id', 'check', legacy15(old)], 0);
    expect(out).toMatchObject({ valid: true, birthDate: '1940-05-20', sex: 'M', convertedFrom15: true });
  });

  it('policy check: the Guangzhou fixture is valid', async () => {
    const { out } = await json(['policy', 'check', GUANGZHOU], 0);
    expect(out).toMatchObject({ valid: true, id: 'guangzhou-zhucan', version: 1, effectiveFrom: '2020-01-01', tiers: ['hardship', 'age80', 'age60'] });
  });

  it('policy check: a file that is not JSON, or is missing → exit 1 with a message naming the file', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "zhucan.policy/1", "id": ');
    const [notJson, missing] = await Promise.all([json(['policy', 'check', broken], 1), json(['policy', 'check', join(dir, 'nope.json')], 1)]);
    expect(notJson.out).toMatchObject({ valid: false, errors: [] });
    expect(String(notJson.out['message'])).toContain('JSON');
    expect(String(notJson.out['message'])).toContain(broken);
    expect(missing.out).toMatchObject({ valid: false });
    expect(String(missing.out['message'])).toContain('nope.json');
  });

  it('policy check: schema errors → exit 1, each listed with its path', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    const policy = JSON.parse(readFileSync(GUANGZHOU, 'utf8')) as Record<string, unknown>;
    policy['version'] = 'two';
    (policy['periods'] as Record<string, unknown>[])[0] = { id: 'lunch', name: '午餐', start: '10:30', end: '14:00', standardPrice: -1 };
    writeFileSync(file, JSON.stringify(policy));
    const { out } = await json(['policy', 'check', file], 1);
    const paths = (out['errors'] as { path: string; message: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'periods[0].standardPrice']));
    for (const e of out['errors'] as { path: string; message: string }[]) expect(e.message).not.toBe('');
  });

  it('price: Guangzhou, an 86-year-old of this town at lunch → 12 yuan, subsidy 9 (3 + 3 + 3), pays 3', async () => {
    const { out } = await json(['price', '--policy', GUANGZHOU, '--birth', '1940-05-20', '--at', '2026-11-24T12:00', '--canteen', '440106001', '--hukou', '440106001'], 0);
    expect(out).toMatchObject({ periodId: 'lunch', standard: 1200, subsidy: 900, personal: 300, subsidised: true, tier: { id: 'age80' }, refusal: null });
    expect(out['funding']).toEqual([
      { source: 'city', amount: 300 },
      { source: 'district', amount: 300 },
      { source: 'town', amount: 300 },
    ]);
    expect(out['policy']).toEqual({ id: 'guangzhou-zhucan', version: 1 });
  });

  it('price: a second lunch (--eaten) → exit 1, refused with the time of the first', async () => {
    const eaten = JSON.stringify([{ serviceDate: '2026-11-24', periodId: 'lunch', subsidised: true, at: '2026-11-24T03:40:00.000Z' }]);
    const { out } = await json(['price', '--policy', GUANGZHOU, '--birth', '1956-03-15', '--status', 'dibao', '--at', '2026-11-24T12:30', '--eaten', eaten], 1);
    expect(out).toMatchObject({ subsidy: 0, personal: 1200, subsidised: false, refusal: { code: 'limitPeriod', firstMealAt: '2026-11-24T03:40:00.000Z' } });
    expect(JSON.stringify(out['refusal'])).toContain('11:40');
  });

  it('price: --eaten that is not JSON, or not meals → exit 2 (usage)', async () => {
    const base = ['price', '--policy', GUANGZHOU, '--birth', '1956-03-15', '--at', '2026-11-24T12:30', '--eaten'];
    const [notJson, notMeals] = await Promise.all([json([...base, '[{"serviceDate":'], 2), json([...base, '[{"serviceDate":"2026-11-24"}]'], 2)]);
    expect(notJson.out).toMatchObject({ error: 'usage' });
    expect(String(notJson.out['message'])).toContain('--eaten');
    expect(String(notMeals.out['message'])).toContain('periodId');
  });

  it('an unknown command → exit 2: one JSON object with --json; the usage on stderr without', async () => {
    const [withJson, plain] = await Promise.all([json(['frobnicate'], 2), runCli(['frobnicate'])]);
    expect(withJson.out).toMatchObject({ error: 'usage' });
    expect(String(withJson.out['message'])).toContain('frobnicate');
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toContain('unknown command');
    expect(plain.stderr).toContain('zhucan checkin');
  });
});

describe('zhucan demo', () => {
  it('prepares the demo canteen, and a sample card from its --json output checks in', async () => {
    const db = join(tempDir(), 'demo', 'kiosk.db');
    const { out } = await json(['demo', '--db', db], 0);
    expect(out).toMatchObject({ file: db, created: true });
    expect(out['elders']).toBeGreaterThan(100);
    const cards = out['sampleCards'] as { uid: string; name: string }[];
    const operators = out['operators'] as { id: string; role: string; pin: string }[];
    const cashier = operators.find((o) => o.role === 'cashier');
    const sample = cards[0];
    if (cashier === undefined || sample === undefined) throw new Error(`demo printed no cashier or card: ${JSON.stringify(out)}`);

    const served = await json(['checkin', '--db', db, '--operator', cashier.id, '--pin', cashier.pin, '--card', sample.uid, '--at', '2026-11-24T12:00'], 0);
    expect(served.out).toMatchObject({ kind: 'served', seq: 1, duplicate: false, serviceDate: '2026-11-24', elder: { name: sample.name }, meal: { method: 'card', cardUid: sample.uid } });
    expect((served.out['meal'] as { subsidy: number }).subsidy).toBeGreaterThan(0);
  });
});

describe('a day at the till through the CLI', () => {
  let fx: KioskFixture;
  let db: string;
  let firstAt = '';
  const atTime = (t: string): string[] => ['--at', `2026-11-24T${t}`];

  beforeAll(() => {
    fx = createKioskFixture();
    fx.closeStore();
    db = fx.file;
  });

  const card = (key: string): string => fx.elder(key).card ?? '';

  it('checkin --card: served, seq 1, 12 yuan / subsidy 7 / pays 5', async () => {
    const { out, run } = await json(['checkin', '--db', db, ...as(CASHIER), '--card', card('young'), ...atTime('12:00')], 0);
    expect(out).toMatchObject({ kind: 'served', seq: 1, duplicate: false, serviceDate: '2026-11-24', elder: { name: fx.elder('young').name, age: 70 } });
    expect(out['meal']).toMatchObject({ method: 'card', cardUid: card('young'), standard: 1200, subsidy: 700, personal: 500, tierId: 'age60', payment: 'cash' });
    expect(run.stdout).not.toContain(fx.elder('young').idNumber);
    firstAt = String(out['at']);
  });

  it('the same card 5 s later: the first result again, nothing new', async () => {
    const { out } = await json(['checkin', '--db', db, ...as(CASHIER), '--card', card('young'), ...atTime('12:00:05')], 0);
    expect(out).toMatchObject({ kind: 'served', seq: 1, duplicate: true, at: firstAt });
    expect(snapshotFile(db).counts.ledger).toBe(1);
  });

  it('a second lunch: exit 1, refused with the time of the first; then sold at full price with --full-price', async () => {
    const refusedRun = await json(['checkin', '--db', db, ...as(CASHIER), '--card', card('young'), ...atTime('12:30')], 1);
    expect(refusedRun.out).toMatchObject({ kind: 'refused', reason: 'limitPeriod', price: { refusal: { code: 'limitPeriod', firstMealAt: firstAt } } });
    expect(String(refusedRun.out['message'])).toContain('12:00');
    const full = await json(['checkin', '--db', db, ...as(CASHIER), '--card', card('young'), '--full-price', ...atTime('12:30')], 0);
    expect(full.out).toMatchObject({ kind: 'served', seq: 2, duplicate: false, meal: { subsidy: 0, personal: 1200, refusal: 'limitPeriod' } });
  });

  it('checkin --id, signed in through ZHUCAN_OPERATOR / ZHUCAN_PIN, paying by QR', async () => {
    const old = fx.elder('old');
    const { out, run } = await json(['checkin', '--db', db, '--id', old.idNumber, '--payment', 'qrExternal', ...atTime('12:35')], 0, {
      ZHUCAN_OPERATOR: CASHIER.id,
      ZHUCAN_PIN: CASHIER.pin,
    });
    expect(out).toMatchObject({ kind: 'served', seq: 3, meal: { method: 'id', cardUid: null, personal: 300, payment: 'qrExternal' } });
    expect(run.stdout).not.toContain(old.idNumber);
  });

  it('sale: a full-price sale to anyone, amount × quantity', async () => {
    const { out } = await json(['sale', '--db', db, ...as(CASHIER), '--amount', '1500', '--quantity', '2', '--payment', 'qrExternal', ...atTime('12:40')], 0);
    expect(out).toMatchObject({ seq: 4, serviceDate: '2026-11-24', periodId: 'lunch', sale: { standard: 3000, personal: 3000, quantity: 2, payment: 'qrExternal' } });
  });

  it('void: a manager voids the sale', async () => {
    const { out } = await json(['void', '4', '--reason', '顾客退餐', '--db', db, ...as(MANAGER), ...atTime('12:45')], 0);
    expect(out).toMatchObject({ seq: 5, targetSeq: 4, serviceDate: '2026-11-24' });
  });

  it('checkin --elder --backfill by a manager: marked back-filled, at the time it was eaten', async () => {
    const poor = fx.elder('poor');
    const { out } = await json(['checkin', '--db', db, ...as(MANAGER), '--elder', poor.id, '--backfill', ...atTime('11:15')], 0);
    expect(out).toMatchObject({ kind: 'served', seq: 6, at: '2026-11-24T03:15:00.000Z', meal: { method: 'manual', backfilled: true, personal: 100 } });
  });

  let reported: Record<string, unknown> = {};

  it('report day: the open day', async () => {
    const { out } = await json(['report', 'day', '2026-11-24', '--db', db], 0);
    expect(out).toMatchObject({ serviceDate: '2026-11-24', closed: false, close: null, cashExpected: 1800 });
    expect(out['totals']).toMatchObject({
      totals: { meals: 4, standard: 4800, subsidy: 2700, personal: 2100 },
      sales: { count: 0, amount: 0 },
      voids: 1,
      eldersServed: 3,
      subsidyBySource: [
        { source: 'city', amount: 900 },
        { source: 'district', amount: 900 },
        { source: 'town', amount: 900 },
      ],
      personalByPayment: [
        { payment: 'cash', amount: 1800 },
        { payment: 'qrExternal', amount: 300 },
      ],
    });
    reported = out;
  });

  it('close: the same totals, recorded; the head is the one before the close', async () => {
    const headBefore = snapshotFile(db).head;
    const { out } = await json(['close', '2026-11-24', '--db', db, ...as(MANAGER), ...atTime('20:00')], 0);
    expect(out).toMatchObject({ serviceDate: '2026-11-24', closed: true, close: { seq: 7 } });
    expect(out['totals']).toEqual(reported['totals']);
    expect(out['cashExpected']).toBe(reported['cashExpected']);
    const store = openKioskStore(db, { readonly: true });
    try {
      const records = ledgerRecords(store.read);
      expect(records.map((r) => r.kind)).toEqual(['checkin', 'checkin', 'checkin', 'sale', 'void', 'checkin', 'close']);
      expect(records.map((r) => r.operatorId)).toEqual([CASHIER.id, CASHIER.id, CASHIER.id, CASHIER.id, MANAGER.id, MANAGER.id, MANAGER.id]);
      expect((records[6]?.body as { head: unknown }).head).toEqual(headBefore);
      expect(checkinBodySchema.parse(records[0]?.body).personal).toBe(500);
    } finally {
      store.close();
    }
  });

  it('after the close: a check-in that day is refused (exit 1), a second close too; nothing written', async () => {
    const before = snapshotFile(db);
    const [checkin, again] = await Promise.all([
      json(['checkin', '--db', db, ...as(CASHIER), '--card', card('otherTown'), ...atTime('19:00')], 1),
      json(['close', '2026-11-24', '--db', db, ...as(MANAGER), ...atTime('20:30')], 1),
    ]);
    expect(checkin.out).toMatchObject({ kind: 'failed', reason: 'dayClosed' });
    expect(again.out).toMatchObject({ error: 'dayClosed' });
    expect(snapshotFile(db)).toEqual(before);
  });

  it('verify: the ledger is intact', async () => {
    const { out } = await json(['verify', '--db', db], 0);
    expect(out).toMatchObject({ count: 7, head: { seq: 7 } });
    expect(out['head']).toEqual(snapshotFile(db).head);
  });
});

describe('malformed input: a clear message, exit 1 or 2, and the kiosk file unchanged', () => {
  let template: KioskFixture;
  let templateSnapshot: StoreSnapshot;

  // A kiosk with a closed yesterday, a check-in today, a sale today and its void:
  // seq 1 check-in 11-23, 2 close 11-23, 3 check-in, 4 sale, 5 void of 4.
  beforeAll(() => {
    template = createKioskFixture();
    const { kiosk, clock } = template;
    clock.set('2026-11-23', '12:00');
    expect(kiosk.checkIn({ identity: { kind: 'card', uid: template.elder('young').card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    clock.set('2026-11-24', '09:00');
    expect(kiosk.closeDay({ serviceDate: '2026-11-23', operatorId: MANAGER.id }).ok).toBe(true);
    clock.set('2026-11-24', '12:00');
    expect(kiosk.checkIn({ identity: { kind: 'card', uid: template.elder('old').card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    clock.set('2026-11-24', '12:05');
    expect(kiosk.sell({ operatorId: CASHIER.id }).ok).toBe(true);
    clock.set('2026-11-24', '12:10');
    expect(kiosk.voidRecord({ seq: 4, reason: '收错', operatorId: MANAGER.id }).ok).toBe(true);
    template.closeStore();
    templateSnapshot = snapshotFile(template.file);
    expect(templateSnapshot.counts.ledger).toBe(5);
  });

  /** A copy of the template kiosk, so cases can run at once without seeing each other. */
  function copy(): string {
    const file = join(tempDir(), 'kiosk.db');
    copyFileSync(template.file, file);
    return file;
  }

  const young = (): string => template.elder('young').card ?? '';
  const lunchTime = ['--at', '2026-11-24T12:30'];

  type Case = readonly [name: string, args: (db: string) => string[], code: 1 | 2, expected: Record<string, unknown>];
  const cases: readonly Case[] = [
    ['bad card UID text', (db) => ['checkin', '--db', db, ...as(CASHIER), '--card', 'ZZ!!', ...lunchTime], 1, { kind: 'unidentified', reason: 'invalidCard' }],
    ['an unknown card', (db) => ['checkin', '--db', db, ...as(CASHIER), '--card', '99887766', ...lunchTime], 1, { kind: 'unidentified', reason: 'unknownCard' }],
    [
      'an ID number with a bad check character',
      (db) => ['checkin', '--db', db, ...as(CASHIER), '--id', withWrongCheck(template.elder('poor').idNumber), ...lunchTime],
      1,
      { kind: 'unidentified', reason: 'invalidId' },
    ],
    [
      'a valid ID number not in the roster',
      (db) => ['checkin', '--db', db, ...as(CASHIER), '--id', makeIdNumber('440106', '1951-07-07', 'F', 44), ...lunchTime],
      1,
      { kind: 'unidentified', reason: 'unknownId' },
    ],
    ['an unknown manual elder id', (db) => ['checkin', '--db', db, ...as(CASHIER), '--elder', 'E0000000000', ...lunchTime], 1, { kind: 'unidentified', reason: 'unknownElder' }],
    ['a wrong PIN', (db) => ['checkin', '--db', db, '--operator', CASHIER.id, '--pin', '9999', '--card', young(), ...lunchTime], 1, { error: 'operator', reason: 'wrongPin' }],
    ['an unknown operator', (db) => ['checkin', '--db', db, '--operator', 'ghost', '--pin', '1234', '--card', young(), ...lunchTime], 1, { error: 'operator', reason: 'unknown' }],
    ['a cashier voiding', (db) => ['void', '3', '--reason', '刷错卡', '--db', db, ...as(CASHIER), ...lunchTime], 1, { error: 'forbidden' }],
    [
      'a cashier back-filling',
      (db) => ['checkin', '--db', db, ...as(CASHIER), '--card', template.elder('poor').card ?? '', '--backfill', '--at', '2026-11-24T11:00'],
      1,
      { kind: 'failed', reason: 'forbidden' },
    ],
    ['a void of a missing seq', (db) => ['void', '99', '--reason', '原因', '--db', db, ...as(MANAGER), ...lunchTime], 1, { error: 'notFound' }],
    ['a void of a void', (db) => ['void', '5', '--reason', '原因', '--db', db, ...as(MANAGER), ...lunchTime], 1, { error: 'invalid' }],
    ['a void of a record already voided', (db) => ['void', '4', '--reason', '原因', '--db', db, ...as(MANAGER), ...lunchTime], 1, { error: 'invalid' }],
    ['a void of another day', (db) => ['void', '1', '--reason', '原因', '--db', db, ...as(MANAGER), ...lunchTime], 1, { error: 'invalid' }],
    ['a sale of a negative amount', (db) => ['sale', '--db', db, ...as(CASHIER), '--amount=-100', ...lunchTime], 1, { error: 'invalid' }],
    ['a sale of a non-integer amount', (db) => ['sale', '--db', db, ...as(CASHIER), '--amount', '12.5', ...lunchTime], 2, { error: 'usage' }],
    ['a sale of quantity 0', (db) => ['sale', '--db', db, ...as(CASHIER), '--quantity', '0', ...lunchTime], 1, { error: 'invalid' }],
    ['a close of a future date', (db) => ['close', '2026-11-25', '--db', db, ...as(MANAGER), '--at', '2026-11-24T20:00'], 1, { error: 'invalid' }],
    ['a second close of a closed date', (db) => ['close', '2026-11-23', '--db', db, ...as(MANAGER), '--at', '2026-11-24T20:00'], 1, { error: 'dayClosed' }],
    ['--at that is not a time', (db) => ['checkin', '--db', db, ...as(CASHIER), '--card', young(), '--at', 'lunchtime'], 2, { error: 'usage' }],
    ['--at shaped right but no such date', (db) => ['checkin', '--db', db, ...as(CASHIER), '--card', young(), '--at', '2026-13-45T12:00'], 2, { error: 'usage' }],
    ['--at shaped right but no such time', (db) => ['sale', '--db', db, ...as(CASHIER), '--at', '2026-11-24T25:99'], 2, { error: 'usage' }],
    ['checkin without --card, --id or --elder', (db) => ['checkin', '--db', db, ...as(CASHIER), ...lunchTime], 2, { error: 'usage' }],
    ['void without --reason', (db) => ['void', '3', '--db', db, ...as(MANAGER), ...lunchTime], 2, { error: 'usage' }],
    ['a kiosk command without an operator', (db) => ['sale', '--db', db, ...lunchTime], 2, { error: 'usage' }],
    ['a check-in of a negative amount', (db) => ['checkin', '--db', db, ...as(CASHIER), '--card', young(), '--amount=-500', ...lunchTime], 2, { error: 'usage' }],
    [
      'a back-fill of a meal not yet eaten (tomorrow)',
      (db) => ['checkin', '--db', db, ...as(MANAGER), '--card', young(), '--backfill', '--at', '2099-01-01T12:00'],
      1,
      {},
    ],
  ];

  it.concurrent.each(cases)('%s', async (_name, args, code, expected) => {
    const db = copy();
    const { out } = await json(args(db), code);
    expect(out).toMatchObject(expected);
    if ('message' in out) expect(String(out['message'])).not.toBe('');
    expect(snapshotFile(db)).toEqual(templateSnapshot);
  });

  it.concurrent('roster import of a file with bad rows, without --accept: each bad row with its line, nothing imported', async () => {
    const db = copy();
    const dir = tempDir();
    const file = join(dir, 'roster.csv');
    const good = makeIdNumber('440106', '1950-02-02', 'F', 21);
    const rows = [
      '姓名,身份证号,卡号,户籍地',
      `吴月娥,${good},1A2B3C4D,440106001`,
      `蔡伯坚,${withWrongCheck(makeIdNumber('440106', '1949-03-03', 'M', 22))},,440106001`,
      `潘玉珍,${makeIdNumber('440106', '1952-04-04', 'F', 23)},ZZ!!,440106001`,
    ];
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const { out, run } = await json(['roster', 'import', file, '--db', db], 1);
    expect(out).toMatchObject({ total: 3, good: 1, imported: 0, accepted: false });
    const lines = (out['bad'] as { line: number; message: string }[]).map((b) => b.line);
    expect(lines).toEqual([3, 4]);
    expect(run.stdout).not.toContain(good);
    expect(snapshotFile(db)).toEqual(templateSnapshot);
  });

  it.concurrent('verify of a file that does not exist: exit 1 with a message, and no database is created', async () => {
    const dir = tempDir();
    const missing = join(dir, 'typo.db');
    const { out } = await json(['verify', '--db', missing], 1);
    expect(String(out['message'])).not.toBe('');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('verify finds rows edited, deleted or reordered by hand', () => {
  let template: KioskFixture;

  // Six records on one day; the tamperer drops the append-only triggers with a connection of its own.
  beforeAll(() => {
    template = createKioskFixture();
    const { kiosk, clock } = template;
    ['young', 'old', 'poor', 'otherTown', 'lostCard'].forEach((key, i) => {
      clock.set('2026-11-24', `11:${String(10 + i)}`);
      expect(kiosk.checkIn({ identity: { kind: 'manual', elderId: template.elder(key).id }, operatorId: CASHIER.id }).kind).toBe('served');
    });
    expect(kiosk.sell({ operatorId: CASHIER.id }).ok).toBe(true);
    template.closeStore();
  });

  function tamper(sql: readonly string[]): string {
    const file = join(tempDir(), 'kiosk.db');
    copyFileSync(template.file, file);
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete; DROP TRIGGER ledger_append_in_order;');
      for (const s of sql) db.exec(s);
    } finally {
      db.close();
    }
    return file;
  }

  it.concurrent.each([
    ['an amount edited in record 3', [`UPDATE ledger SET body = replace(body, '"personal":100', '"personal":10') WHERE seq = 3`], 3],
    ['the operator of record 1 changed', [`UPDATE ledger SET operator_id = 'someone-else' WHERE seq = 1`], 1],
    ['record 2 deleted', ['DELETE FROM ledger WHERE seq = 2'], 2],
    ['records 4 and 5 swapped', ['UPDATE ledger SET seq = -4 WHERE seq = 4', 'UPDATE ledger SET seq = 4 WHERE seq = 5', 'UPDATE ledger SET seq = 5 WHERE seq = -4'], 4],
  ] as const)('%s: exit 1, naming the first broken record', async (_name, sql, seq) => {
    const file = tamper(sql);
    const { out } = await json(['verify', '--db', file], 1);
    expect(out).toMatchObject({ seq });
    expect(['hash', 'prev', 'gap', 'order', 'malformed']).toContain(out['problem']);
    expect(String(out['message'])).toContain(String(seq));
  });
});
