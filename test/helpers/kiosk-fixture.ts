/**
 * A kiosk on a real SQLite file in a temp folder, set up the way a canteen would be: a Guangzhou
 * canteen (town 440106001), a policy from test/fixtures/policies, a manager and a cashier with PINs,
 * and a handful of elders with made-up but valid ID numbers and cards. The clock is a FakeClock the
 * test moves by hand, so nothing depends on the time the test runs.
 *
 * Call `cleanupKioskFixtures()` in afterEach (or afterAll): it closes every store and removes every
 * temp folder this module made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localToInstant } from '../../shared/dates.js';
import { checkCharacter, parseResidentId } from '../../shared/idcard.js';
import type { LedgerRecord } from '../../shared/ledger/envelope.js';
import type { ChainPosition } from '../../shared/ledger/chain.js';
import { kioskOn } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { head, recordsFrom } from '../../electron/kiosk/ledger/ledger-store.js';
import { addOperator } from '../../electron/kiosk/operators.js';
import { installPolicy } from '../../electron/kiosk/policy-store.js';
import { bindCard, replaceStatuses, reportCardLost, setActive, upsertElder } from '../../electron/kiosk/roster/roster-store.js';
import type { ElderStatusRow } from '../../electron/kiosk/roster/roster-store.js';
import { setUpKiosk } from '../../electron/kiosk/settings.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore, ReadHandle } from '../../electron/kiosk/store/open.js';
import { afterEach, expect } from 'vitest';
import { loadPolicy } from './policies.js';

export const TIME_ZONE = 'Asia/Shanghai';
export const CANTEEN_REGION = '440106001';
export const POLICY_ID = 'guangzhou-zhucan';
export const DEVICE_ID = 'kiosk-test-0001';
/** The day most tests happen on, and its lunch time. */
export const TODAY = '2026-11-24';

export interface TestOperator {
  readonly id: string;
  readonly name: string;
  readonly role: 'manager' | 'cashier';
  readonly pin: string;
}

export const MANAGER: TestOperator = { id: 'mgr-01', name: '梁经理', role: 'manager', pin: '246810' };
export const CASHIER: TestOperator = { id: 'csh-01', name: '陈收银', role: 'cashier', pin: '1357' };

/** The instant the canteen's wall clock reads `date` `time` (HH:MM or HH:MM:SS, Asia/Shanghai). */
export function at(date: string, time: string): number {
  return localToInstant(date, time, TIME_ZONE);
}

/** A clock the test sets by hand. `read` is what the kiosk calls. */
export class FakeClock {
  now: number;

  constructor(now: number = at(TODAY, '12:00')) {
    this.now = now;
  }

  /** Sets the wall clock of the canteen. */
  set(date: string, time: string): void {
    this.now = at(date, time);
  }

  advance(ms: number): void {
    this.now += ms;
  }

  readonly read = (): number => this.now;
}

/**
 * A made-up resident ID number that passes GB 11643: region, birth date, a 3-digit sequence whose
 * last digit is odd for a man and even for a woman, and the computed check character.
 */
export function makeIdNumber(region6: string, birthDate: string, sex: 'M' | 'F', serial = 1): string {
  const base = (serial % 50) * 2 + (sex === 'M' ? 1 : 0) + 100;
  const first17 = `${region6}${birthDate.replaceAll('-', '')}${String(base).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The 15-digit pre-1999 form of an 18-digit number of someone born in the 1900s. */
export function legacy15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

/** The same 17 digits with a check character that is wrong. */
export function withWrongCheck(id18: string): string {
  const right = id18.charAt(17);
  const wrong = right === '0' ? '1' : '0';
  return id18.slice(0, 17) + wrong;
}

export interface CardSpec {
  readonly uid: string;
  readonly state?: 'active' | 'lost' | 'replaced';
}

export interface ElderSpec {
  readonly name: string;
  readonly birth: string;
  readonly sex: 'M' | 'F';
  readonly hukou: string | null;
  readonly statuses?: readonly ElderStatusRow[];
  /** Bound in order; a 'replaced' card is replaced by the next card in the list. */
  readonly cards?: readonly CardSpec[];
  readonly active?: boolean;
  readonly careHome?: boolean;
}

/**
 * The default roster. Ages are on 2026-11-24 (and 2026-06-30 / 2026-07-01: the same, no birthday in
 * between for those the version tests use). Guangzhou 2020 on a 12-yuan lunch at a canteen of town
 * 440106001: young pays 5, old pays 3, poor pays 1; otherTown (户籍 in another town of the district)
 * loses the town part; under60 and suspended are not subsidised.
 */
export const DEFAULT_ELDERS = {
  young: { name: '王秀英', birth: '1956-03-15', sex: 'F', hukou: '440106001', cards: [{ uid: 'A1B2C3D4' }] },
  old: { name: '李国强', birth: '1940-05-20', sex: 'M', hukou: '440106001', cards: [{ uid: 'B2C3D4E5' }] },
  poor: {
    name: '陈桂兰',
    birth: '1961-01-10',
    sex: 'F',
    hukou: '440106001',
    statuses: [{ code: 'dibao', validFrom: '2020-01-01', validTo: null }],
    cards: [{ uid: 'C3D4E5F6' }],
  },
  suspended: { name: '黄志明', birth: '1950-08-08', sex: 'M', hukou: '440106001', cards: [{ uid: 'D4E5F6A7' }], active: false },
  lostCard: {
    name: '林玉梅',
    birth: '1948-02-02',
    sex: 'F',
    hukou: '440106001',
    cards: [{ uid: 'E5F6A7B8', state: 'lost' }, { uid: '0E0E0E0E', state: 'replaced' }, { uid: 'F6A7B8C9' }],
  },
  otherTown: { name: '何建华', birth: '1955-12-01', sex: 'M', hukou: '440106002', cards: [{ uid: '0A1B2C3D' }] },
  under60: { name: '周伟明', birth: '1967-06-06', sex: 'M', hukou: '440106001', cards: [{ uid: '0A0B0C0D' }] },
  noCard: { name: '郑淑珍', birth: '1945-09-09', sex: 'F', hukou: '440106001' },
} as const satisfies Record<string, ElderSpec>;

export type DefaultElderKey = keyof typeof DEFAULT_ELDERS;

export interface FixtureElder {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly idNumber: string;
  /** The elder's active card, if any. */
  readonly card: string | null;
  readonly spec: ElderSpec;
}

export interface KioskFixtureOptions {
  /** Policy fixture names (test/fixtures/policies/NAME.json), installed in order. */
  readonly policies?: readonly string[];
  readonly elders?: Readonly<Record<string, ElderSpec>>;
  /** Where the clock starts; 2026-11-24 12:00 by default. */
  readonly now?: number;
}

export interface KioskFixture {
  readonly dir: string;
  readonly file: string;
  readonly store: KioskStore;
  readonly kiosk: Kiosk;
  readonly clock: FakeClock;
  readonly manager: TestOperator;
  readonly cashier: TestOperator;
  readonly elders: Readonly<Record<string, FixtureElder>>;
  /** The elder with this key (throws for a key the fixture has not got). */
  elder(key: string): FixtureElder;
  /** Closes the store (before a CLI process opens the file); safe to call twice. */
  closeStore(): void;
}

interface Made {
  dir: string;
  close: () => void;
}

const made: Made[] = [];

/** A new temp folder, removed by cleanupKioskFixtures. */
export function tempDir(prefix = 'zhucan-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push({ dir, close: () => undefined });
  return dir;
}

export function createKioskFixture(opts: KioskFixtureOptions = {}): KioskFixture {
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-kiosk-'));
  const file = join(dir, 'kiosk.db');
  const store = openKioskStore(file);
  let closed = false;
  const closeStore = (): void => {
    if (closed) return;
    closed = true;
    store.close();
  };
  made.push({ dir, close: closeStore });

  const clock = new FakeClock(opts.now);
  const setupAt = '2026-01-05T02:00:00.000Z';
  setUpKiosk(store, { canteenName: '天河区测试长者饭堂', canteenRegion: CANTEEN_REGION, policyId: POLICY_ID, deviceId: DEVICE_ID });
  for (const name of opts.policies ?? ['guangzhou-2020']) installPolicy(store, loadPolicy(name), setupAt);
  for (const op of [MANAGER, CASHIER]) {
    const added = addOperator(store, { id: op.id, name: op.name, role: op.role, pin: op.pin }, setupAt);
    if (!added.ok) throw new Error(`fixture operator ${op.id}: ${added.error.code}`);
  }

  const elders: Record<string, FixtureElder> = {};
  let serial = 0;
  const roster: Readonly<Record<string, ElderSpec>> = opts.elders ?? DEFAULT_ELDERS;
  for (const [key, spec] of Object.entries(roster)) {
    serial += 1;
    elders[key] = addElder(store, key, spec, serial, setupAt);
  }

  const kiosk = kioskOn(store, clock.read);
  return {
    dir,
    file,
    store,
    kiosk,
    clock,
    manager: MANAGER,
    cashier: CASHIER,
    elders,
    elder(key: string): FixtureElder {
      const e = elders[key];
      if (e === undefined) throw new Error(`the fixture has no elder "${key}"`);
      return e;
    },
    closeStore,
  };
}

function addElder(store: KioskStore, key: string, spec: ElderSpec, serial: number, now: string): FixtureElder {
  const idNumber = makeIdNumber(spec.hukou?.slice(0, 6) ?? '440106', spec.birth, spec.sex, serial);
  const resident = parseResidentId(idNumber);
  if (!resident.ok) throw new Error(`fixture elder ${key}: bad ID number (${resident.error.code})`);
  const { id } = upsertElder(
    store,
    { resident: resident.value, name: spec.name, hukouRegion: spec.hukou, residenceRegion: spec.hukou, careHome: spec.careHome ?? false },
    now,
  );
  const statuses = replaceStatuses(store, id, spec.statuses ?? []);
  if (!statuses.ok) throw new Error(`fixture elder ${key}: ${statuses.error.code}`);
  const cards = spec.cards ?? [];
  let activeCard: string | null = null;
  cards.forEach((card, i) => {
    const previous = cards[i - 1];
    const replaces = previous?.state === 'replaced' ? { replaces: previous.uid } : {};
    const bound = bindCard(store, id, card.uid, now, replaces);
    if (!bound.ok) throw new Error(`fixture card ${card.uid}: ${bound.error.code}`);
    if (card.state === 'lost') {
      const lost = reportCardLost(store, card.uid, now);
      if (!lost.ok) throw new Error(`fixture card ${card.uid}: ${lost.error.code}`);
    }
    if (card.state === undefined || card.state === 'active') activeCard = card.uid;
  });
  if (spec.active === false) {
    const off = setActive(store, id, false, now);
    if (!off.ok) throw new Error(`fixture elder ${key}: ${off.error.code}`);
  }
  return { key, id, name: spec.name, idNumber, card: activeCard, spec };
}

/** Closes every store and removes every temp folder made so far. */
export function cleanupKioskFixtures(): void {
  for (const m of made.splice(0)) {
    try {
      m.close();
    } finally {
      rmSync(m.dir, { recursive: true, force: true });
    }
  }
}

// ---- reading the ledger back ----

/** Every record of the ledger, in order, each read back through rowToRecord (a bad row fails the test). */
export function ledgerRecords(read: ReadHandle): LedgerRecord[] {
  const r = recordsFrom(read, 1, Number.MAX_SAFE_INTEGER);
  if (!r.ok) throw new Error(`ledger row ${r.error.seq ?? '?'} does not read back as a record`);
  return r.value;
}

export function lastRecord(read: ReadHandle): LedgerRecord {
  const all = ledgerRecords(read);
  const last = all[all.length - 1];
  if (last === undefined) throw new Error('the ledger is empty');
  return last;
}

const TABLES = ['ledger', 'elders', 'elder_statuses', 'cards', 'operators', 'policies', 'settings'] as const;

export interface StoreSnapshot {
  readonly counts: Readonly<Record<(typeof TABLES)[number], number>>;
  readonly head: ChainPosition;
}

/** Row counts of every table and the ledger head: equal before and after means nothing was written. */
export function snapshot(read: ReadHandle): StoreSnapshot {
  const counts = Object.fromEntries(
    TABLES.map((t) => [t, read.stmt<{ n: number }>(`SELECT count(*) AS n FROM ${t}`).get()?.n ?? -1]),
  ) as Record<(typeof TABLES)[number], number>;
  return { counts, head: head(read) };
}

/** The same snapshot of a kiosk file on disk (opened read-only, then closed). */
export function snapshotFile(file: string): StoreSnapshot {
  const store = openKioskStore(file, { readonly: true });
  try {
    return snapshot(store.read);
  } finally {
    store.close();
  }
}

/**
 * For a test file: a fixture factory, and an afterEach that checks every fixture's chain still
 * verifies (whatever the scenario did) before the temp folders go.
 */
export function useKioskFixtures(): (opts?: KioskFixtureOptions) => KioskFixture {
  const live: KioskFixture[] = [];
  afterEach(() => {
    try {
      for (const fx of live.splice(0)) expect(fx.kiosk.verify()).toMatchObject({ ok: true });
    } finally {
      cleanupKioskFixtures();
    }
  });
  return (opts = {}) => {
    const fx = createKioskFixture(opts);
    live.push(fx);
    return fx;
  };
}
