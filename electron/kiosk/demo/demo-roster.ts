import { checkCharacter } from '../../../shared/idcard.js';
import { daysInMonth } from '../../../shared/dates.js';

/**
 * A made-up but plausible roster for the demo and for tests: elders of Guangzhou's Tianhe district
 * (天河区, 440106) as a canteen there would register them. Deterministic for a seed, so a screenshot,
 * a test or a bug report can name "seed 7" and get the same people. The ID numbers are valid in form
 * (correct check character) but invented; the data is plain, and the demo command writes it through
 * roster-store and operators like any other roster.
 */
export interface DemoElder {
  /** 18 characters, valid check character. Plain only here; the store keeps a hash and a mask. */
  readonly idNumber: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly hukouRegion: string;
  readonly residenceRegion: string;
  readonly careHome: boolean;
  readonly phone: string | null;
  readonly dietAlert: string | null;
  /** False for a suspended elder (暂停), e.g. in hospital or moved away. */
  readonly active: boolean;
  readonly regular: boolean;
  readonly livesAlone: boolean;
  readonly statuses: readonly DemoStatus[];
  /** In the order they were issued: a lost card comes before the card that replaced it. */
  readonly cards: readonly DemoCard[];
}

export interface DemoStatus {
  readonly code: DemoStatusCode;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface DemoCard {
  /** 8 upper-case hex digits (a 4-byte Mifare UID), unique across the roster. */
  readonly uid: string;
  readonly state: 'active' | 'lost';
}

export interface DemoOperator {
  readonly id: string;
  readonly name: string;
  readonly role: 'manager' | 'cashier';
  /** Demo PINs only; printed on the demo's start screen. */
  readonly pin: string;
}

export interface DemoRoster {
  readonly elders: readonly DemoElder[];
  readonly operators: readonly DemoOperator[];
}

export const DEMO_DISTRICT = '440106';

/** The status vocabulary the demo policy uses, with the names a manager reads. */
export const DEMO_STATUSES = [
  { code: 'tekun', name: '特困' },
  { code: 'dibao', name: '低保' },
  { code: 'dishouru', name: '低收入' },
  { code: 'youfu', name: '优抚' },
  { code: 'shineng', name: '失能' },
  { code: 'dujv', name: '独居' },
] as const;

export type DemoStatusCode = (typeof DEMO_STATUSES)[number]['code'];

export const DEMO_OPERATORS: readonly DemoOperator[] = [
  { id: 'manager', name: '梁经理', role: 'manager', pin: '246810' },
  { id: 'cashier', name: '陈收银', role: 'cashier', pin: '1357' },
];

// Ages are reckoned against a fixed year, not the clock, so a seed gives the same roster forever.
const REFERENCE_YEAR = 2025;

// Weighted towards the surnames common in Guangdong (陈, 李, 黄, 梁, 林 …), then the national list.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 12], ['李', 9], ['黄', 8], ['张', 6], ['梁', 6], ['林', 5], ['刘', 5], ['何', 4], ['罗', 4],
  ['吴', 4], ['郑', 3], ['谢', 3], ['冯', 3], ['王', 3], ['杨', 3], ['周', 3], ['邓', 3], ['麦', 2],
  ['钟', 2], ['曾', 2], ['叶', 2], ['潘', 2], ['蔡', 2], ['朱', 2], ['苏', 2], ['卢', 2], ['区', 1],
  ['谭', 2], ['郭', 2], ['欧阳', 1], ['司徒', 1], ['赵', 1], ['徐', 1], ['孙', 1], ['马', 1], ['胡', 1],
  ['高', 1], ['许', 1], ['韩', 1], ['曹', 1], ['彭', 1], ['肖', 1], ['袁', 1], ['杜', 1], ['余', 1],
];

// Given names of the generation born 1920–1966: many two-character names shared across families.
const GIVEN_F = [
  '秀英', '桂英', '秀兰', '玉兰', '桂兰', '淑珍', '凤英', '玉珍', '丽华', '美玲', '玉梅', '秀珍', '金凤',
  '惠珍', '亚妹', '带娣', '少芳', '婉仪', '瑞芳', '月娥', '素珍', '淑芬', '桂芳', '丽娟', '妙玲', '翠红',
  '瑞娟', '佩珍', '绮霞', '凤', '英', '琼', '兰',
] as const;
const GIVEN_M = [
  '国强', '建国', '志明', '伟明', '炳坤', '锦华', '永康', '德明', '建华', '国华', '家辉', '志强', '耀祖',
  '汉文', '振华', '荣生', '树林', '启明', '炳南', '伯坚', '润生', '锦荣', '国平', '卫东', '文', '明',
  '华', '强', '坚',
] as const;

const TOWNS = 10; // 440106001 … 440106010 in the demo
const DIET_ALERTS = ['糖尿病，少糖', '清真', '软食'] as const;
const MOBILE_PREFIXES = ['135', '136', '137', '138', '139', '150', '159', '186', '188', '133'] as const;

/** A small seeded PRNG (mulberry32): fast, 32-bit state, good enough for plausible test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function pickWeighted(rng: Rng, items: readonly (readonly [string, number])[]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]?.[0] ?? '';
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Mostly 65–85 (born 1940–1960), fewer 60–64 and the not-yet-60, a tail of the very old. */
function birthYear(rng: Rng): number {
  const r = rng();
  if (r < 0.72) return int(rng, REFERENCE_YEAR - 85, REFERENCE_YEAR - 65);
  if (r < 0.9) return int(rng, REFERENCE_YEAR - 64, 1966);
  return int(rng, 1920, REFERENCE_YEAR - 86);
}

function dateIn(rng: Rng, fromYear: number, toYear: number): string {
  const y = int(rng, fromYear, toYear);
  const m = int(rng, 1, 12);
  return `${y}-${pad(m, 2)}-${pad(int(rng, 1, daysInMonth(y, m)), 2)}`;
}

function townCode(rng: Rng): string {
  return `${DEMO_DISTRICT}${pad(int(rng, 1, TOWNS), 3)}`;
}

function hukou(rng: Rng): string {
  const r = rng();
  if (r < 0.35) return DEMO_DISTRICT;
  if (r < 0.85) return townCode(rng);
  if (r < 0.95) return pick(rng, ['440104', '440105']); // 越秀, 海珠
  return '441900'; // 东莞: 户籍 outside Guangzhou, lives in Tianhe
}

function phone(rng: Rng): string | null {
  const r = rng();
  if (r < 0.25) return null;
  if (r < 0.4) return `020-8${pad(int(rng, 0, 9_999_999), 7)}`;
  return `${pick(rng, MOBILE_PREFIXES)}${pad(int(rng, 0, 99_999_999), 8)}`;
}

/**
 * Statuses with the rarity seen in an urban district: 特困 and 低保 are a few percent, 低收入 and 优抚
 * fewer, 失能 and 独居 commoner. 特困, 低保 and 低收入 exclude one another.
 */
function statuses(rng: Rng, livesAlone: boolean): DemoStatus[] {
  const out: DemoStatus[] = [];
  const since = (): string => dateIn(rng, 2012, 2024);
  const r = rng();
  if (r < 0.02) out.push({ code: 'tekun', validFrom: since(), validTo: null });
  else if (r < 0.06) {
    // 低保 is reviewed yearly; a few lapsed at the end of a year.
    const from = since();
    out.push({ code: 'dibao', validFrom: from, validTo: rng() < 0.15 ? `${from.slice(0, 4)}-12-31` : null });
  } else if (r < 0.09) out.push({ code: 'dishouru', validFrom: since(), validTo: null });
  if (rng() < 0.02) out.push({ code: 'youfu', validFrom: since(), validTo: null });
  if (rng() < 0.05) out.push({ code: 'shineng', validFrom: since(), validTo: null });
  if (livesAlone && rng() < 0.6) out.push({ code: 'dujv', validFrom: since(), validTo: null });
  return out;
}

/**
 * `count` elders (300 by default) and two operators. Same seed, same roster; different seeds give
 * different people. ID numbers and card UIDs are unique within a roster.
 */
export function buildDemoRoster(seed: number, count = 300): DemoRoster {
  const rng = mulberry32(seed);
  const ids = new Set<string>();
  const uids = new Set<string>();

  const newUid = (): string => {
    for (;;) {
      const uid = int(rng, 0, 0xffffffff).toString(16).toUpperCase().padStart(8, '0');
      if (!uids.has(uid)) {
        uids.add(uid);
        return uid;
      }
    }
  };

  const elders: DemoElder[] = [];
  for (let i = 0; i < count; i++) {
    const sex: 'M' | 'F' = rng() < 0.56 ? 'F' : 'M'; // women outlive men: more of them at these ages
    const year = birthYear(rng);
    const m = int(rng, 1, 12);
    const birthDate = `${year}-${pad(m, 2)}-${pad(int(rng, 1, daysInMonth(year, m)), 2)}`;

    let idNumber = '';
    do {
      // Sequence digits 15–17; the 17th is odd for a man, even for a woman.
      const seq = int(rng, 0, 49) * 2 + (sex === 'M' ? 1 : 0) + int(rng, 0, 9) * 100;
      const first17 = `${DEMO_DISTRICT}${birthDate.replaceAll('-', '')}${pad(seq, 3)}`;
      idNumber = first17 + checkCharacter(first17);
    } while (ids.has(idNumber));
    ids.add(idNumber);

    const livesAlone = rng() < 0.12;
    const cards: DemoCard[] = [];
    const c = rng();
    if (c < 0.03) cards.push({ uid: newUid(), state: 'lost' }, { uid: newUid(), state: 'active' });
    else if (c < 0.05) cards.push({ uid: newUid(), state: 'active' }, { uid: newUid(), state: 'active' });
    else cards.push({ uid: newUid(), state: 'active' });

    const d = rng();
    elders.push({
      idNumber,
      name: pickWeighted(rng, SURNAMES) + pick(rng, sex === 'F' ? GIVEN_F : GIVEN_M),
      birthDate,
      sex,
      hukouRegion: hukou(rng),
      residenceRegion: townCode(rng),
      careHome: rng() < 0.03,
      phone: phone(rng),
      dietAlert: d < 0.05 ? DIET_ALERTS[0] : d < 0.07 ? DIET_ALERTS[1] : d < 0.1 ? DIET_ALERTS[2] : null,
      active: rng() >= 0.02,
      regular: rng() < 0.4,
      livesAlone,
      statuses: statuses(rng, livesAlone),
      cards,
    });
  }
  return { elders, operators: DEMO_OPERATORS };
}
