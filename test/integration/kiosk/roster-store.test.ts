import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter, maskResidentId, parseResidentId } from '../../../shared/idcard.js';
import type { ResidentId } from '../../../shared/idcard.js';
import { render } from '../../../shared/i18n/index.js';
import { normaliseCardUid } from '../../../shared/roster/card-uid.js';
import { ID_HASH_SETTING, hashResidentId, readIdHashKey } from '../../../electron/kiosk/roster/id-hash.js';
import {
  allElders,
  bindCard,
  countElders,
  findByCard,
  findById,
  getElder,
  newElderId,
  replaceStatuses,
  reportCardLost,
  searchElders,
  setActive,
  upsertElder,
} from '../../../electron/kiosk/roster/roster-store.js';
import type { Elder, ElderInput } from '../../../electron/kiosk/roster/roster-store.js';
import type { PricingElder } from '../../../shared/pricing/types.js';
import { buildDemoRoster } from '../../../electron/kiosk/demo/demo-roster.js';
import { addOperator, authenticate } from '../../../electron/kiosk/operators.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';

const NOW = '2025-03-01T02:00:00.000Z';
const LATER = '2025-03-02T03:00:00.000Z';

function resident(birth: string, seq: string): ResidentId {
  const first17 = `440106${birth}${seq}`;
  const parsed = parseResidentId(first17 + checkCharacter(first17));
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.value;
}

/** A number whose check character is X, to test the one letter an ID number may have. */
function residentWithX(): ResidentId {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `44010619491231${String(seq).padStart(3, '0')}`;
    if (checkCharacter(first17) === 'X') return resident('19491231', String(seq).padStart(3, '0'));
  }
  throw new Error('no sequence gives X');
}

const CHEN = resident('19450312', '002'); // woman
const HUANG = resident('19380705', '001'); // man
const LIN = resident('19520101', '004');

let dir: string;
let store: KioskStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-roster-store-'));
  store = openKioskStore(join(dir, 'kiosk.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function add(r: ResidentId, name: string, more: Partial<ElderInput> = {}): string {
  return upsertElder(store, { resident: r, name, ...more }, NOW).id;
}

describe('card UIDs', () => {
  it('have one canonical form: trimmed, upper-case hex, 4–20 digits', () => {
    expect(normaliseCardUid('  0a1b2c3d \n')).toEqual({ ok: true, value: '0A1B2C3D' });
    expect(normaliseCardUid('ABCD')).toEqual({ ok: true, value: 'ABCD' });
    expect(normaliseCardUid('04A1B2C3D4E5F60718293A')).toMatchObject({ ok: false });
    // A reader typing while a Chinese input method is in full-width mode.
    expect(normaliseCardUid('ａｂｃｄ１２３４')).toEqual({ ok: true, value: 'ABCD1234' });
    for (const bad of ['', '   ', 'ABC', '12:34:56:78', '0x1234', '卡ABCD', 'G1234567', '1'.repeat(21)]) {
      expect(normaliseCardUid(bad).ok, bad).toBe(false);
    }
    expect(normaliseCardUid('1'.repeat(20)).ok).toBe(true);
  });

  it('refuse an ID number typed into the card field, without repeating it', () => {
    const r = normaliseCardUid(CHEN.number);
    expect(r).toEqual({ ok: false, error: { key: 'roster.card.isIdNumber' } });
  });
});

describe('elders', () => {
  it('are added with an opaque id, birth date and sex from the ID number, and only its hash and mask stored', () => {
    const { id, created } = upsertElder(store, { resident: CHEN, name: ' 陈秀英 ', phone: '13800138000', careHome: false }, NOW);
    expect(created).toBe(true);
    expect(id).toMatch(/^E[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(getElder(store, id)).toEqual({
      id,
      name: '陈秀英',
      birthDate: '1945-03-12',
      sex: 'F',
      idMasked: maskResidentId(CHEN.number),
      hukouRegion: null,
      residenceRegion: null,
      careHome: false,
      phone: '13800138000',
      dietAlert: null,
      hasPhoto: false,
      active: true,
      regular: false,
      livesAlone: false,
      statuses: [],
      cards: [],
    });
    const row = store.read.stmt<{ id_hash: string }>('SELECT id_hash FROM elders WHERE id = ?').get(id);
    const key = readIdHashKey(store.read);
    expect(key).toBeDefined();
    if (key === undefined) return;
    expect(row?.id_hash).toBe(hashResidentId(key, CHEN.number));
    expect(row?.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('can be priced as they are read (an Elder is a PricingElder)', () => {
    const id = add(CHEN, '陈秀英', { careHome: true });
    const elder: Elder | undefined = getElder(store, id);
    const priced: PricingElder | undefined = elder;
    expect(priced).toMatchObject({ birthDate: '1945-03-12', careHome: true, active: true, statuses: [] });
  });

  it('makes the kiosk key once: 32 random bytes, the same for every later elder', () => {
    add(CHEN, '陈秀英');
    const first = store.read.stmt<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(ID_HASH_SETTING)?.value;
    add(HUANG, '黄国强');
    const again = store.read.stmt<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(ID_HASH_SETTING)?.value;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toBe(first);
  });

  it('are matched by ID number on a second upsert: updated, not duplicated; undefined keeps, null clears', () => {
    const id = add(CHEN, '陈秀英', { phone: '13800138000', dietAlert: '软食', hukouRegion: '440106001', regular: true });
    const second = upsertElder(store, { resident: CHEN, name: '陈秀英（大）', phone: null, livesAlone: true }, LATER);
    expect(second).toEqual({ id, created: false });
    expect(countElders(store)).toBe(1);
    expect(getElder(store, id)).toMatchObject({ name: '陈秀英（大）', phone: null, dietAlert: '软食', hukouRegion: '440106001', regular: true, livesAlone: true });
    const stamps = store.read.stmt<{ created_at: string; updated_at: string }>('SELECT created_at, updated_at FROM elders WHERE id = ?').get(id);
    expect(stamps).toEqual({ created_at: NOW, updated_at: LATER });
  });

  it('a 15-digit old number finds the same elder as its 18-character form', () => {
    const old = parseResidentId('440106450312002');
    if (!old.ok) throw new Error('fixture');
    const converted = resident('19450312', '002');
    expect(old.value.number.slice(0, 17)).toBe(converted.number.slice(0, 17));
    const id = add(old.value, '陈秀英');
    expect(findById(store, old.value.number)).toMatchObject({ kind: 'found', elder: { id } });
    expect(findById(store, '440106450312002')).toMatchObject({ kind: 'found', elder: { id } });
  });

  it('are suspended and reinstated; a suspended elder is still found, shown as suspended', () => {
    const id = add(CHEN, '陈秀英');
    expect(bindCard(store, id, 'A1B2C3D4', NOW).ok).toBe(true);
    expect(setActive(store, id, false, LATER)).toEqual({ ok: true, value: undefined });
    expect(findByCard(store, 'A1B2C3D4')).toMatchObject({ kind: 'found', elder: { active: false } });
    expect(countElders(store, { activeOnly: true })).toBe(0);
    expect(setActive(store, id, true, LATER).ok).toBe(true);
    expect(getElder(store, id)?.active).toBe(true);
    expect(setActive(store, 'E0000000000', false, LATER)).toMatchObject({ ok: false, error: { code: 'unknownElder' } });
  });

  it('new ids are unique and use base32 without I, L, O, U', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newElderId()));
    expect(ids.size).toBe(20_000);
    for (const id of [...ids].slice(0, 500)) expect(id).toMatch(/^E[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('a row that does not match the schema (a hand edit) is refused on reading, naming the field', () => {
    const id = add(CHEN, '陈秀英');
    rawDatabase(store).prepare(`UPDATE elders SET birth_date = '1945-02-30' WHERE id = ?`).run(id);
    expect(() => getElder(store, id)).toThrow(/birth_date/);
  });
});

describe('statuses', () => {
  it('are replaced as a whole, and read back in a stable order', () => {
    const id = add(CHEN, '陈秀英');
    expect(replaceStatuses(store, id, [
      { code: 'tekun', validFrom: '2020-01-01', validTo: null },
      { code: 'dibao', validFrom: null, validTo: '2024-12-31' },
    ]).ok).toBe(true);
    expect(getElder(store, id)?.statuses).toEqual([
      { code: 'dibao', validFrom: null, validTo: '2024-12-31' },
      { code: 'tekun', validFrom: '2020-01-01', validTo: null },
    ]);
    expect(replaceStatuses(store, id, [{ code: 'youfu', validFrom: null, validTo: null }]).ok).toBe(true);
    expect(getElder(store, id)?.statuses).toEqual([{ code: 'youfu', validFrom: null, validTo: null }]);
    expect(replaceStatuses(store, id, []).ok).toBe(true);
    expect(getElder(store, id)?.statuses).toEqual([]);
  });

  it('refuses impossible ones and changes nothing', () => {
    const id = add(CHEN, '陈秀英');
    replaceStatuses(store, id, [{ code: 'dibao', validFrom: null, validTo: null }]);
    const refused = [
      replaceStatuses(store, id, [{ code: 'dibao', validFrom: '2025-01-01', validTo: '2024-01-01' }]),
      replaceStatuses(store, id, [{ code: 'dibao', validFrom: '2025-02-30', validTo: null }]),
      replaceStatuses(store, id, [{ code: '', validFrom: null, validTo: null }]),
      replaceStatuses(store, id, [
        { code: 'tekun', validFrom: null, validTo: null },
        { code: 'tekun', validFrom: null, validTo: null },
      ]),
      replaceStatuses(store, 'E0000000000', []),
    ];
    expect(refused.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['badStatus', 'badStatus', 'badStatus', 'badStatus', 'unknownElder']);
    expect(getElder(store, id)?.statuses).toEqual([{ code: 'dibao', validFrom: null, validTo: null }]);
  });
});

describe('cards', () => {
  it('bind in canonical form, and binding the same card again is a no-op', () => {
    const id = add(CHEN, '陈秀英');
    expect(bindCard(store, id, ' a1b2c3d4 ', NOW)).toEqual({ ok: true, value: { uid: 'A1B2C3D4', state: 'active' } });
    expect(bindCard(store, id, 'A1B2C3D4', LATER).ok).toBe(true);
    expect(getElder(store, id)?.cards).toEqual([{ uid: 'A1B2C3D4', state: 'active' }]);
  });

  it('a card bound to another elder is refused, naming who holds it', () => {
    const chen = add(CHEN, '陈秀英');
    const huang = add(HUANG, '黄国强');
    bindCard(store, chen, 'A1B2C3D4', NOW);
    const r = bindCard(store, huang, 'a1b2c3d4', NOW);
    expect(r).toMatchObject({ ok: false, error: { code: 'cardTaken' } });
    if (!r.ok) expect(render(r.error.message)).toContain('陈秀英');
    expect(getElder(store, huang)?.cards).toEqual([]);
    expect(bindCard(store, huang, 'not a card', NOW)).toMatchObject({ ok: false, error: { code: 'badUid' } });
    expect(bindCard(store, 'E0000000000', 'B1B2C3D4', NOW)).toMatchObject({ ok: false, error: { code: 'unknownElder' } });
  });

  it('reported lost: a swipe says lost, it cannot be bound again, and a new card works', () => {
    const id = add(CHEN, '陈秀英');
    bindCard(store, id, 'A1B2C3D4', NOW);
    expect(reportCardLost(store, 'a1b2c3d4', LATER)).toEqual({ ok: true, value: { uid: 'A1B2C3D4', elderId: id } });
    expect(findByCard(store, 'A1B2C3D4')).toEqual({ kind: 'lost', uid: 'A1B2C3D4', elderId: id, since: LATER });
    expect(reportCardLost(store, 'A1B2C3D4', LATER)).toMatchObject({ ok: false, error: { code: 'cardNotActive' } });
    expect(bindCard(store, id, 'A1B2C3D4', LATER)).toMatchObject({ ok: false, error: { code: 'cardNotActive' } });
    expect(reportCardLost(store, 'FFFF0000', LATER)).toMatchObject({ ok: false, error: { code: 'unknownCard' } });
    expect(bindCard(store, id, 'B0B0B0B0', LATER).ok).toBe(true);
    expect(findByCard(store, 'b0b0b0b0')).toMatchObject({ kind: 'found', elder: { id }, card: { uid: 'B0B0B0B0', state: 'active' } });
  });

  it('a replacement card retires the old one as replaced', () => {
    const id = add(CHEN, '陈秀英');
    const other = add(HUANG, '黄国强');
    bindCard(store, id, 'A1B2C3D4', NOW);
    bindCard(store, other, 'C0C0C0C0', NOW);
    expect(bindCard(store, id, 'B0B0B0B0', LATER, { replaces: 'C0C0C0C0' })).toMatchObject({ ok: false, error: { code: 'unknownCard' } });
    expect(bindCard(store, id, 'B0B0B0B0', LATER, { replaces: 'a1b2c3d4' }).ok).toBe(true);
    expect(findByCard(store, 'A1B2C3D4')).toEqual({ kind: 'replaced', uid: 'A1B2C3D4', elderId: id, since: LATER });
    expect(getElder(store, id)?.cards).toEqual([
      { uid: 'A1B2C3D4', state: 'replaced' },
      { uid: 'B0B0B0B0', state: 'active' },
    ]);
  });
});

describe('look-ups', () => {
  it('by card: found with statuses, not found, or a bad UID', () => {
    const id = add(CHEN, '陈秀英', { dietAlert: '糖尿病，少糖' });
    replaceStatuses(store, id, [{ code: 'dibao', validFrom: null, validTo: null }]);
    bindCard(store, id, 'A1B2C3D4', NOW);
    expect(findByCard(store, 'a1b2c3d4')).toMatchObject({
      kind: 'found',
      elder: { id, name: '陈秀英', dietAlert: '糖尿病，少糖' },
      statuses: [{ code: 'dibao' }],
      card: { uid: 'A1B2C3D4', state: 'active' },
    });
    expect(findByCard(store, 'DEADBEEF')).toEqual({ kind: 'notFound', uid: 'DEADBEEF' });
    expect(findByCard(store, '??')).toMatchObject({ kind: 'badUid' });
  });

  it('by ID number, through the hash: typed with a lower-case x or full-width digits', () => {
    const withX = residentWithX();
    const id = add(withX, '陈秀英');
    expect(findById(store, withX.number.toLowerCase())).toMatchObject({ kind: 'found', elder: { id } });
    const fullWidth = withX.number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(findById(store, fullWidth)).toMatchObject({ kind: 'found', elder: { id } });
    expect(findById(store, HUANG.number)).toEqual({ kind: 'notFound' });
    expect(findById(store, '12345')).toMatchObject({ kind: 'badId', problem: { code: 'length' } });
  });

  it('by ID number on a kiosk with no roster yet: not found, and no key is made by looking', () => {
    expect(findById(store, CHEN.number)).toEqual({ kind: 'notFound' });
    expect(readIdHashKey(store.read)).toBeUndefined();
  });

  it('search by name: exact first, then names that start with it, active before suspended; limited', () => {
    add(resident('19400101', '011'), '陈秀');
    add(resident('19400101', '021'), '老陈秀英');
    const suspended = add(resident('19400101', '031'), '陈秀兰');
    setActive(store, suspended, false, NOW);
    add(resident('19400101', '041'), '陈秀珍');
    add(resident('19400101', '051'), '黄国强');
    expect(searchElders(store, '陈秀').map((e) => e.name)).toEqual(['陈秀', '陈秀珍', '陈秀兰', '老陈秀英']);
    expect(searchElders(store, '陈秀', { includeSuspended: false }).map((e) => e.name)).toEqual(['陈秀', '陈秀珍', '老陈秀英']);
    expect(searchElders(store, '陈秀', { limit: 2 }).map((e) => e.name)).toEqual(['陈秀', '陈秀珍']);
    expect(searchElders(store, '  ')).toEqual([]);
    // LIKE's wildcards are text here.
    expect(searchElders(store, '%')).toEqual([]);
    expect(searchElders(store, '_')).toEqual([]);
  });

  it('search by the last 4 characters of the ID number (from the masked form)', () => {
    const a = add(CHEN, '陈秀英');
    add(HUANG, '黄国强');
    const last4 = CHEN.number.slice(-4);
    expect(searchElders(store, last4).map((e) => e.id)).toEqual([a]);
    const withX = residentWithX();
    const x = add(withX, '李X');
    expect(searchElders(store, withX.number.slice(-4).toLowerCase()).map((e) => e.id)).toEqual([x]);
  });

  it('count and every elder in name order, with statuses and cards', () => {
    const a = add(CHEN, '陈秀英');
    const b = add(HUANG, '黄国强');
    add(LIN, '林淑珍');
    bindCard(store, b, 'B0B0B0B0', NOW);
    replaceStatuses(store, a, [{ code: 'tekun', validFrom: null, validTo: null }]);
    expect(countElders(store)).toBe(3);
    const all = [...allElders(store.read)];
    expect(all.map((e) => e.name)).toEqual(['林淑珍', '陈秀英', '黄国强'].sort());
    expect(all.find((e) => e.id === a)?.statuses).toEqual([{ code: 'tekun', validFrom: null, validTo: null }]);
    expect(all.find((e) => e.id === b)?.cards).toEqual([{ uid: 'B0B0B0B0', state: 'active' }]);
  });
});

describe('query plans of the hot look-ups', () => {
  const plan = (sql: string): string => rawDatabase(store).prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all('x').map((r) => r.detail).join('; ');

  it('a swipe and an ID number look-up use an index, never a scan of the roster', () => {
    expect(plan('SELECT id FROM elders WHERE id_hash = ?')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_elders_\d/);
    const card = plan(`SELECT c.uid, c.elder_id, e.name, e.id_hash, c.state, c.bound_at, c.state_changed_at
       FROM cards c JOIN elders e ON e.id = c.elder_id WHERE c.uid = ?`);
    expect(card).toMatch(/SEARCH c USING INDEX sqlite_autoindex_cards_1/);
    expect(card).toMatch(/SEARCH e USING INDEX sqlite_autoindex_elders_1/);
    expect(card).not.toMatch(/SCAN/);
    expect(plan('SELECT elder_id, uid, state FROM cards WHERE elder_id = ? ORDER BY bound_at, uid')).toMatch(/USING INDEX cards_by_elder/);
  });
});

describe('writes inside a caller\'s transaction', () => {
  it('join it: a later failure undoes them all', () => {
    expect(() =>
      store.write((tx) => {
        const id = upsertElder(tx, { resident: CHEN, name: '陈秀英' }, NOW).id;
        bindCard(tx, id, 'A1B2C3D4', NOW);
        // Read inside the same transaction: sees its own uncommitted rows.
        expect(findByCard(tx, 'A1B2C3D4').kind).toBe('found');
        throw new Error('manager pressed cancel');
      }),
    ).toThrow('manager pressed cancel');
    expect(countElders(store)).toBe(0);
    expect(findByCard(store, 'A1B2C3D4').kind).toBe('notFound');
  });
});

describe('the demo roster', () => {
  it('writes through the store: every elder, card, lost card, suspension and operator', () => {
    const demo = buildDemoRoster(7, 120);
    store.write((tx) => {
      for (const e of demo.elders) {
        const parsed = parseResidentId(e.idNumber);
        if (!parsed.ok) throw new Error(`demo ID invalid: ${parsed.error.code}`);
        const { id } = upsertElder(tx, { resident: parsed.value, name: e.name, hukouRegion: e.hukouRegion, residenceRegion: e.residenceRegion, careHome: e.careHome, phone: e.phone, dietAlert: e.dietAlert, regular: e.regular, livesAlone: e.livesAlone, active: e.active }, NOW);
        expect(replaceStatuses(tx, id, e.statuses).ok).toBe(true);
        for (const c of e.cards) {
          expect(bindCard(tx, id, c.uid, NOW).ok).toBe(true);
          if (c.state === 'lost') expect(reportCardLost(tx, c.uid, NOW).ok).toBe(true);
        }
      }
      for (const op of demo.operators) expect(addOperator(tx, op, NOW).ok).toBe(true);
    });
    expect(countElders(store)).toBe(120);
    expect(countElders(store, { activeOnly: true })).toBe(demo.elders.filter((e) => e.active).length);
    const cards = store.read.stmt<{ state: string; n: number }>('SELECT state, count(*) AS n FROM cards GROUP BY state ORDER BY state').all();
    const lost = demo.elders.flatMap((e) => e.cards).filter((c) => c.state === 'lost').length;
    expect(cards).toEqual([
      { state: 'active', n: demo.elders.flatMap((e) => e.cards).length - lost },
      ...(lost > 0 ? [{ state: 'lost', n: lost }] : []),
    ]);
    for (const op of demo.operators) expect(authenticate(store, op.id, op.pin)).toMatchObject({ ok: true, value: { role: op.role } });
  });
});
