/**
 * Made-up elders in any number, deterministic for a seed: valid resident ID numbers (right check
 * character, as demo-roster.ts builds them), unique card UIDs, statuses of the demo policy. Used to
 * fill a benchmark database directly and to write a roster file for the import benchmark.
 *
 * Everyone is 60 or over on every date the benchmarks use and has a 户籍 in Guangzhou, so under the
 * demo policy every check-in is subsidised and none is refused for want of a tier or residency.
 */
import { mulberry32 } from '../../../electron/kiosk/demo/demo-roster.js';
import { daysInMonth } from '../../../shared/dates.js';
import { checkCharacter } from '../../../shared/idcard.js';

export interface BenchStatus {
  readonly code: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export interface BenchElder {
  /** The kiosk's own id ('E' + 10 base32 characters), as newElderId makes them. */
  readonly id: string;
  readonly idNumber: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly hukouRegion: string;
  readonly residenceRegion: string;
  readonly careHome: boolean;
  readonly phone: string | null;
  readonly dietAlert: string | null;
  readonly regular: boolean;
  readonly livesAlone: boolean;
  readonly statuses: readonly BenchStatus[];
  /** One active card, 8 upper-case hex digits. */
  readonly cardUid: string;
}

/** Status codes and names as the demo policy has them (the import file uses the names). */
export const STATUS_NAMES: Readonly<Record<string, string>> = {
  tekun: '特困',
  dibao: '低保',
  dishouru: '低收入',
  youfu: '优抚对象',
  shineng: '失能',
  dujv: '独居',
};

const SURNAMES = ['陈', '李', '黄', '张', '梁', '林', '刘', '何', '罗', '吴', '郑', '谢', '冯', '王', '杨', '周', '邓', '麦', '欧阳', '司徒'];
const GIVEN_F = ['秀英', '桂英', '秀兰', '玉兰', '淑珍', '凤英', '玉珍', '丽华', '美玲', '带娣', '少芳', '婉仪', '瑞芳', '月娥'];
const GIVEN_M = ['国强', '建国', '志明', '伟明', '炳坤', '锦华', '永康', '德明', '建华', '家辉', '志强', '耀祖', '振华', '荣生'];
const DIET = ['糖尿病，少糖', '清真', '软食'];
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DISTRICT = '440106';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A card UID from an index: multiplying by an odd constant and xor-ing are both one-to-one on 32
 * bits, so indexes below 2^32 never share a UID, and the UIDs look random.
 */
export function cardUidOf(index: number): string {
  return ((Math.imul(index + 1, 0x9e3779b1) ^ 0x5a5a5a5a) >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** `count` elders; the same seed gives the same people. */
export function benchElders(count: number, seed: number): BenchElder[] {
  const rng = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const ids = new Set<string>();
  const numbers = new Set<string>();
  const out: BenchElder[] = [];

  for (let i = 0; i < count; i++) {
    let id: string;
    do {
      id = 'E';
      for (let k = 0; k < 10; k++) id += BASE32.charAt(int(0, 31));
    } while (ids.has(id));
    ids.add(id);

    const sex: 'M' | 'F' = rng() < 0.56 ? 'F' : 'M';
    // 1926–1963: 60 or over from mid-2024 on, the oldest about 100.
    const r = rng();
    const year = r < 0.75 ? int(1941, 1960) : r < 0.9 ? int(1961, 1963) : int(1926, 1940);
    const month = int(1, 12);
    const birthDate = `${year}-${pad(month, 2)}-${pad(int(1, daysInMonth(year, month)), 2)}`;
    let idNumber: string;
    do {
      const seq = int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
      const first17 = `${DISTRICT}${birthDate.replaceAll('-', '')}${pad(seq, 3)}`;
      idNumber = first17 + checkCharacter(first17);
    } while (numbers.has(idNumber));
    numbers.add(idNumber);

    const town = (): string => `${DISTRICT}${pad(int(1, 10), 3)}`;
    const h = rng();
    const hukouRegion = h < 0.35 ? DISTRICT : h < 0.9 ? town() : pick(['440104', '440105']);
    const livesAlone = rng() < 0.12;
    const statuses: BenchStatus[] = [];
    const s = rng();
    const since = `${int(2012, 2023)}-${pad(int(1, 12), 2)}-01`;
    if (s < 0.02) statuses.push({ code: 'tekun', validFrom: since, validTo: null });
    else if (s < 0.06) statuses.push({ code: 'dibao', validFrom: since, validTo: null });
    else if (s < 0.09) statuses.push({ code: 'dishouru', validFrom: since, validTo: null });
    if (rng() < 0.05) statuses.push({ code: 'shineng', validFrom: since, validTo: null });
    if (livesAlone && rng() < 0.6) statuses.push({ code: 'dujv', validFrom: since, validTo: null });
    const p = rng();
    const d = rng();

    out.push({
      id,
      idNumber,
      name: pick(SURNAMES) + pick(sex === 'F' ? GIVEN_F : GIVEN_M),
      birthDate,
      sex,
      hukouRegion,
      residenceRegion: town(),
      careHome: rng() < 0.03,
      phone: p < 0.25 ? null : `13${int(0, 9)}${pad(int(0, 99_999_999), 8)}`,
      dietAlert: d < 0.1 ? pick(DIET) : null,
      regular: rng() < 0.4,
      livesAlone,
      statuses,
      cardUid: cardUidOf(i),
    });
  }
  return out;
}
