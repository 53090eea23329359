/**
 * The roster methods of the kiosk API, called as the back end calls them (input parsed by the
 * method's schema, a manager's context) on a real SQLite file; every output parsed by the method's
 * output schema, so the handlers and the API table stay in step. Also the pinyin-initials search and
 * its migration (0004).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/catalogs.js';
import { parseResidentId } from '../../../shared/idcard.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodInput, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import type { ElderEdit } from '../../../shared/kiosk-api/roster-views.js';
import { ApiFailure } from '../../../electron/kiosk/api/handler-types.js';
import type { Handler, HandlerContext, Handlers } from '../../../electron/kiosk/api/handler-types.js';
import { ELDER_MEALS_SQL, rosterHandlers } from '../../../electron/kiosk/api/handlers/roster-handlers.js';
import { Shift } from '../../../electron/kiosk/api/shift.js';
import { nameInitials } from '../../../electron/kiosk/roster/name-initials.js';
import { initialsSql, replaceStatuses, searchElders, upsertElder } from '../../../electron/kiosk/roster/roster-store.js';
import { migrate } from '../../../electron/kiosk/store/migrate.js';
import { MIGRATIONS } from '../../../electron/kiosk/store/migrations/index.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';
import { at, makeIdNumber, snapshot, tempDir, TODAY, useKioskFixtures } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

const fixture = useKioskFixtures();

type RosterMethod = keyof typeof rosterHandlers;

function contextOf(fx: KioskFixture): HandlerContext {
  return { kiosk: fx.kiosk, shift: new Shift(() => fx.clock.now), actorId: fx.manager.id, emit: () => undefined };
}

/** As the back end calls a handler: input through the method's schema, output checked by its schema. */
async function call<N extends RosterMethod>(fx: KioskFixture, name: N, input: MethodInput<N>): Promise<MethodOutput<N>> {
  const spec = kioskMethods[name];
  const handlers: Handlers<RosterMethod> = rosterHandlers;
  const handler: Handler<N> = handlers[name];
  const out = await handler(spec.input.parse(input) as Parameters<Handler<N>>[0], contextOf(fx));
  return spec.output.parse(out) as MethodOutput<N>;
}

/** The ApiFailure a call threw (and the kind it had). */
async function failure(kind: string, run: () => Promise<unknown>): Promise<ApiFailure> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiFailure);
    expect((e as ApiFailure).kind).toBe(kind);
    return e as ApiFailure;
  }
  throw new Error(`expected an ApiFailure of kind ${kind}`);
}

function resident(idNumber: string) {
  const r = parseResidentId(idNumber);
  if (!r.ok) throw new Error('bad test ID number');
  return r.value;
}

const NEW_ELDER: Omit<ElderEdit, 'elderId' | 'residentId'> = {
  name: '王建国',
  hukouRegion: '440106001',
  residenceRegion: '440106001',
  careHome: false,
  phone: '13800000001',
  dietAlert: null,
  regular: true,
  livesAlone: true,
  statuses: [{ code: 'dibao', validFrom: '2025-01-01', validTo: null }],
};

describe('pinyin initials', () => {
  it('are the first letters of the pinyin, surnames read as surnames, other characters dropped', () => {
    expect(nameInitials('王建国')).toBe('wjg');
    expect(nameInitials('单雄信')).toBe('sxx'); // 单 as a surname is shàn
    expect(nameInitials('曾国藩')).toBe('zgf');
    expect(nameInitials('阿卜杜·热合曼')).toBe('abdrhm');
    expect(nameInitials(' 王 秀英 ')).toBe('wxy');
  });

  it('find an elder by initials, in any case, after an exact name match, whole initials before longer ones', () => {
    const fx = fixture({ elders: {} });
    const add = (name: string, serial: number): string =>
      upsertElder(fx.store, { resident: resident(makeIdNumber('440106', '1950-01-01', 'M', serial)), name }, '2026-01-05T02:00:00.000Z').id;
    const longer = add('王建国华', 1);
    const exactInitials = add('王建国', 2);
    const latin = add('WJG', 3);
    add('李国强', 4);
    expect(searchElders(fx.store, 'wjg').map((e) => e.id)).toEqual([latin, exactInitials, longer]);
    // WJG's own initials are "wjg" too; among equal initials ranks, name order.
    expect(searchElders(fx.store, 'WJ').map((e) => e.name)).toEqual(['WJG', '王建国', '王建国华']);
    expect(searchElders(fx.store, 'lgq').map((e) => e.name)).toEqual(['李国强']);
    // One letter is not searched as initials (too many would match).
    expect(searchElders(fx.store, 'w').map((e) => e.name)).toEqual(['WJG']);
    // A Chinese query is a name search as before.
    expect(searchElders(fx.store, '建国').map((e) => e.name)).toEqual(['王建国', '王建国华']);
  });

  it('the initials query uses the elders_by_initials index', () => {
    const fx = fixture();
    const db = rawDatabase(fx.store);
    for (const suspended of ['', 'AND e.active = 1'] as const) {
      const plan = db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${initialsSql(suspended)}`)
        .all('wxy*', 'wxy', 20)
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH e USING INDEX elders_by_initials \(name_initials>\? AND name_initials<\?\)/);
    }
  });

  it('migration 0004 fills the initials of elders already in a version-3 file', () => {
    const file = join(tempDir(), 'v3.db');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 3));
    const insert = old.prepare(
      `INSERT INTO elders (id, name, birth_date, sex, id_masked, id_hash, created_at, updated_at) VALUES (?, ?, '1950-01-01', 'M', '**************1234', ?, 'x', 'x')`,
    );
    insert.run('E1', '王建国', 'h1');
    insert.run('E2', '曾国藩', 'h2');
    old.close();

    const store = openKioskStore(file);
    try {
      expect(store.read.stmt('SELECT id, name_initials FROM elders ORDER BY id').all()).toEqual([
        { id: 'E1', name_initials: 'wjg' },
        { id: 'E2', name_initials: 'zgf' },
      ]);
      expect(searchElders(store, 'ZGF').map((e) => e.id)).toEqual(['E2']);
    } finally {
      store.close();
    }
  });
});

describe('roster.list', () => {
  it('pages through the roster in name order, with the total, filters and statuses named from the policy', async () => {
    const fx = fixture();
    const all = await call(fx, 'roster.list', { query: '', filter: {}, offset: 0, limit: 200 });
    expect(all.total).toBe(8);
    expect(all.rows).toHaveLength(8);

    const page = await call(fx, 'roster.list', { query: '', filter: {}, offset: 2, limit: 3 });
    expect(page.total).toBe(8);
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 5).map((r) => r.id));

    const poor = await call(fx, 'roster.list', { query: '', filter: { status: 'dibao' }, offset: 0, limit: 50 });
    expect(poor.total).toBe(1);
    expect(poor.rows[0]).toMatchObject({ name: '陈桂兰', statuses: ['低保'], ageBand: '60-69', age: 65, activeCards: 1 });

    const suspended = await call(fx, 'roster.list', { query: '', filter: { active: false }, offset: 0, limit: 50 });
    expect(suspended.rows.map((r) => r.name)).toEqual(['黄志明']);

    const byInitials = await call(fx, 'roster.list', { query: 'LYM', filter: {}, offset: 0, limit: 50 });
    expect(byInitials.rows).toMatchObject([{ name: '林玉梅', activeCards: 1 }]);

    const lastFour = fx.elder('old').idNumber.slice(-4);
    const byId = await call(fx, 'roster.list', { query: lastFour, filter: {}, offset: 0, limit: 50 });
    expect(byId.rows.map((r) => r.name)).toContain('李国强');

    expect((await call(fx, 'roster.list', { query: '', filter: { regular: true }, offset: 0, limit: 50 })).total).toBe(0);
  });

  it('filters by a status held today only: one that starts tomorrow or ended yesterday does not count', async () => {
    const fx = fixture();
    const set = (key: string, validFrom: string | null, validTo: string | null): void => {
      expect(replaceStatuses(fx.store, fx.elder(key).id, [{ code: 'tekun', validFrom, validTo }]).ok).toBe(true);
    };
    set('young', '2026-11-25', null);
    set('old', null, '2026-11-23');
    set('noCard', TODAY, TODAY);
    const page = await call(fx, 'roster.list', { query: '', filter: { status: 'tekun' }, offset: 0, limit: 50 });
    expect(page.rows.map((r) => [r.name, r.statuses])).toEqual([['郑淑珍', ['特困']]]);
    // The row names only statuses held today; the elder's page lists every row.
    const young = await call(fx, 'roster.get', { elderId: fx.elder('young').id });
    expect(young.statuses).toEqual([]);
    expect(young.statusRows).toEqual([{ code: 'tekun', name: '特困', validFrom: '2026-11-25', validTo: null }]);
  });
});

describe('roster.get', () => {
  it("the elder's page: statuses by name, cards with states, the last 60 days' meals newest first, voids flagged", async () => {
    const fx = fixture();
    const poor = fx.elder('poor');
    const checkIn = (date: string): number => {
      fx.clock.set(date, '12:00');
      const o = fx.kiosk.checkIn({ identity: { kind: 'card', uid: poor.card ?? '' }, operatorId: fx.cashier.id });
      if (o.kind !== 'served') throw new Error(`not served: ${o.kind}`);
      return o.seq;
    };
    checkIn('2026-09-20'); // 65 days ago: not listed
    const first = checkIn('2026-09-26'); // the 60th day back, inclusive
    const second = checkIn('2026-11-20');
    const third = checkIn(TODAY);
    const voided = fx.kiosk.voidRecord({ seq: third, reason: '刷错了', operatorId: fx.manager.id });
    expect(voided.ok).toBe(true);

    const d = await call(fx, 'roster.get', { elderId: poor.id });
    expect(d).toMatchObject({ name: '陈桂兰', statuses: ['低保'], birthDate: '1961-01-10', sex: 'F', hukouRegion: '440106001' });
    expect(d.statusRows).toEqual([{ code: 'dibao', name: '低保', validFrom: '2020-01-01', validTo: null }]);
    expect(d.cards).toEqual([{ uid: 'C3D4E5F6', state: 'active' }]);
    expect(d.meals.map((m) => [m.seq, m.serviceDate, m.voided, m.personal, m.subsidy])).toEqual([
      [third, TODAY, true, 100, 1100],
      [second, '2026-11-20', false, 100, 1100],
      [first, '2026-09-26', false, 100, 1100],
    ]);
    expect(JSON.stringify(d)).not.toContain(poor.idNumber);

    const lost = await call(fx, 'roster.get', { elderId: fx.elder('lostCard').id });
    // Bound at the same instant by the fixture: then by UID.
    expect(lost.cards).toEqual([
      { uid: '0E0E0E0E', state: 'replaced' },
      { uid: 'E5F6A7B8', state: 'lost' },
      { uid: 'F6A7B8C9', state: 'active' },
    ]);
    await failure('notFound', () => call(fx, 'roster.get', { elderId: 'ENOSUCHELDER' }));
  });
});

describe('roster.save', () => {
  it('registers a new elder from a valid ID number, never giving the number back', async () => {
    const fx = fixture();
    const idNumber = makeIdNumber('440106', '1944-04-04', 'M', 40);
    const d = await call(fx, 'roster.save', { ...NEW_ELDER, residentId: idNumber });
    expect(d).toMatchObject({ name: '王建国', birthDate: '1944-04-04', sex: 'M', age: 82, ageBand: '80-89', regular: true, livesAlone: true, statuses: ['低保'] });
    expect(d.idMasked).toBe(`**************${idNumber.slice(-4)}`);
    expect(JSON.stringify(d)).not.toContain(idNumber);
    expect(searchElders(fx.store, 'wjg').map((e) => e.id)).toEqual([d.id]);
  });

  it('refuses a bad or missing ID number in words, and someone already registered, writing nothing', async () => {
    const fx = fixture();
    const before = snapshot(fx.store.read);
    const good = makeIdNumber('440106', '1944-04-04', 'M', 40);
    const badCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const e1 = await failure('refused', () => call(fx, 'roster.save', { ...NEW_ELDER, residentId: badCheck }));
    expect(render(e1.text)).toContain('校验');
    const e2 = await failure('refused', () => call(fx, 'roster.save', { ...NEW_ELDER }));
    expect(e2.text.key).toBe('id.empty');
    const e3 = await failure('refused', () => call(fx, 'roster.save', { ...NEW_ELDER, residentId: fx.elder('old').idNumber }));
    expect(render(e3.text)).toBe('此身份证号已登记（李国强），请在名单中找到并编辑');
    const e4 = await failure('refused', () => call(fx, 'roster.save', { ...NEW_ELDER, residentId: good, statuses: [{ code: 'nosuch', validFrom: null, validTo: null }] }));
    expect(render(e4.text)).toContain('nosuch');
    expect(snapshot(fx.store.read)).toEqual(before);
  });

  it('edits an elder by id without the ID number: a rename updates the initials; a bad status undoes the whole edit', async () => {
    const fx = fixture();
    const young = fx.elder('young');
    const d = await call(fx, 'roster.save', { ...NEW_ELDER, elderId: young.id, name: '王秀华', statuses: [] });
    expect(d).toMatchObject({ id: young.id, name: '王秀华', birthDate: '1956-03-15', statuses: [], phone: '13800000001', regular: true });
    expect(searchElders(fx.store, 'wxh').map((e) => e.id)).toEqual([young.id]);
    expect(searchElders(fx.store, 'wxy')).toEqual([]);

    await failure('refused', () =>
      call(fx, 'roster.save', { ...NEW_ELDER, elderId: young.id, name: '别的名字', statuses: [{ code: 'dibao', validFrom: '2026-05-01', validTo: '2026-01-01' }] }),
    );
    expect((await call(fx, 'roster.get', { elderId: young.id })).name).toBe('王秀华');
    await failure('notFound', () => call(fx, 'roster.save', { ...NEW_ELDER, elderId: 'ENOSUCHELDER' }));
  });
});

describe('cards and suspension', () => {
  it('binds a card as the wedge reader typed it (10 decimal digits), or as hex; refuses a card someone else holds', async () => {
    const fx = fixture();
    const noCard = fx.elder('noCard');
    const d1 = await call(fx, 'roster.bindCard', { elderId: noCard.id, uid: '0012345678' });
    expect(d1.cards).toEqual([{ uid: '00BC614E', state: 'active' }]);
    expect(d1.activeCards).toBe(1);
    const d2 = await call(fx, 'roster.bindCard', { elderId: noCard.id, uid: 'a1b2c3d5' });
    expect(d2.cards.map((c) => c.uid)).toEqual(['00BC614E', 'A1B2C3D5']);

    const taken = await failure('refused', () => call(fx, 'roster.bindCard', { elderId: noCard.id, uid: 'B2C3D4E5' }));
    expect(taken.text.key).toBe('roster.card.taken');
    expect(render(taken.text)).toContain('李国强');
    await failure('refused', () => call(fx, 'roster.bindCard', { elderId: noCard.id, uid: 'not a card' }));
    await failure('notFound', () => call(fx, 'roster.bindCard', { elderId: 'ENOSUCHELDER', uid: 'A1B2C3D6' }));
  });

  it("reports the elder's own card lost, and only theirs", async () => {
    const fx = fixture();
    const young = fx.elder('young');
    const d = await call(fx, 'roster.reportLost', { elderId: young.id, uid: 'A1B2C3D4' });
    expect(d.cards).toEqual([{ uid: 'A1B2C3D4', state: 'lost' }]);
    expect(d.activeCards).toBe(0);
    await failure('notFound', () => call(fx, 'roster.reportLost', { elderId: young.id, uid: 'B2C3D4E5' }));
    await failure('notFound', () => call(fx, 'roster.reportLost', { elderId: 'ENOSUCHELDER', uid: 'B2C3D4E5' }));
    await failure('refused', () => call(fx, 'roster.reportLost', { elderId: young.id, uid: 'A1B2C3D4' }));
  });

  it('suspends and reinstates', async () => {
    const fx = fixture();
    const old = fx.elder('old');
    expect((await call(fx, 'roster.setActive', { elderId: old.id, active: false })).active).toBe(false);
    expect((await call(fx, 'roster.setActive', { elderId: old.id, active: true })).active).toBe(true);
    await failure('notFound', () => call(fx, 'roster.setActive', { elderId: 'ENOSUCHELDER', active: true }));
  });
});

describe('roster import', () => {
  const A = makeIdNumber('440106', '1950-05-05', 'F', 41);
  const B = makeIdNumber('440106', '1952-06-06', 'M', 42);
  const csvOf = (lines: string[]): string => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
  const FILE = csvOf(['姓名,身份证号,卡号,类别', `张桂芳,${A},D00DFEED,低保`, `刘德明,${B},,`, `坏行,12345,,`, `抢卡,${makeIdNumber('440106', '1953-03-03', 'M', 43)},A1B2C3D4,`]);

  it('a preview writes nothing and lists each bad row; accepting writes the good rows and forgets the preview', async () => {
    const fx = fixture();
    const before = snapshot(fx.store.read);
    const preview = await call(fx, 'roster.importPreview', { fileName: '名单.csv', base64: FILE });
    expect(preview).toMatchObject({ fileName: '名单.csv', rows: 4, good: 2, created: 2, updated: 0 });
    expect(preview.problems.map((p) => p.line)).toEqual([4, 5]);
    expect(preview.problems[1]?.message.key).toBe('roster.row.cardTaken');
    expect(preview.previewId).not.toBe('');
    expect(snapshot(fx.store.read)).toEqual(before);

    const accepted = await call(fx, 'roster.importAccept', { previewId: preview.previewId });
    expect(accepted).toMatchObject({ previewId: preview.previewId, rows: 4, good: 2, created: 2, updated: 0 });
    const zhang = await call(fx, 'roster.list', { query: 'zgf', filter: {}, offset: 0, limit: 10 });
    expect(zhang.rows).toMatchObject([{ name: '张桂芳', statuses: ['低保'], activeCards: 1 }]);

    const gone = await failure('notFound', () => call(fx, 'roster.importAccept', { previewId: preview.previewId }));
    expect(render(gone.text)).toContain('30 分钟');
  });

  it('a preview expires after 30 minutes; an unknown id is not found', async () => {
    const fx = fixture();
    const preview = await call(fx, 'roster.importPreview', { fileName: '名单.csv', base64: FILE });
    fx.clock.now = at(TODAY, '12:31');
    await failure('notFound', () => call(fx, 'roster.importAccept', { previewId: preview.previewId }));
    await failure('notFound', () => call(fx, 'roster.importAccept', { previewId: 'Pnosuch' }));
    expect((await call(fx, 'roster.list', { query: '张桂芳', filter: {}, offset: 0, limit: 10 })).total).toBe(0);
  });

  it('a file with no good row keeps no preview', async () => {
    const fx = fixture();
    const preview = await call(fx, 'roster.importPreview', { fileName: 'x.csv', base64: csvOf(['姓名,卡号', '陈秀英,A1B2C3D4']) });
    expect(preview.good).toBe(0);
    expect(preview.previewId).toBe('');
    expect(preview.problems.length).toBeGreaterThan(0);
  });
});

describe('roster.paper', () => {
  it('every active elder in pinyin name order: masked ID, age band, active cards', async () => {
    const fx = fixture();
    const rows = await call(fx, 'roster.paper', {});
    expect(rows.map((r) => r.name)).toEqual(['陈桂兰', '何建华', '李国强', '林玉梅', '王秀英', '郑淑珍', '周伟明']);
    expect(rows.find((r) => r.name === '郑淑珍')).toEqual({ name: '郑淑珍', idMasked: `**************${fx.elder('noCard').idNumber.slice(-4)}`, ageBand: '80-89', cards: 0 });
    expect(rows.find((r) => r.name === '林玉梅')?.cards).toBe(1);
  });
});

describe('query plans', () => {
  it("an elder's meals are read through the ledger's elder index", () => {
    const fx = fixture();
    const plan = rawDatabase(fx.store)
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${ELDER_MEALS_SQL}`)
      .all('E1', '2026-09-26')
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH l USING INDEX ledger_by_elder_date \(elder_id=\? AND service_date>\?\)/);
  });
});
