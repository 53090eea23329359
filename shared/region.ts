import { z } from 'zod';

/**
 * Chinese administrative division codes (行政区划代码, GB/T 2260, extended by the statistics
 * bureau's town and village codes): 2 digits of province, 2 of city, 2 of county / district
 * (6 digits in all), then 3 of town / street (乡镇街道, 9 digits) and 3 of village / community
 * (12 digits). A group of zeros names no unit: 440100 is Guangzhou as a whole, 440000 Guangdong.
 * Used for residency rules (户籍 / 常住 of the city, district or town) and for funding by town.
 */
export type RegionCode = string;

export type AreaLevel = 'province' | 'city' | 'district' | 'town';
export type RegionLevel = AreaLevel | 'village';

const CODE_RE = /^(?:\d{6}|\d{9}|\d{12})$/;

export const regionCodeSchema = z.string().regex(CODE_RE, { error: 'region.code' });

// Beijing, Tianjin, Shanghai, Chongqing: the province is itself the city; their second pair of
// digits (01 districts, 02 counties) does not name a city.
const MUNICIPALITIES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

const LEVELS: readonly { level: RegionLevel; end: number }[] = [
  { level: 'province', end: 2 },
  { level: 'city', end: 4 },
  { level: 'district', end: 6 },
  { level: 'town', end: 9 },
  { level: 'village', end: 12 },
];

const RANK: Readonly<Record<RegionLevel, number>> = { province: 0, city: 1, district: 2, town: 3, village: 4 };

/**
 * The most specific level a code names, or undefined for a code that is not 6, 9 or 12 digits or
 * names no province. Trailing zero groups name nothing: 440100 → 'city', 440000 → 'province',
 * 440103000 → 'district'.
 */
export function regionLevel(code: string): RegionLevel | undefined {
  if (!CODE_RE.test(code)) return undefined;
  let found: RegionLevel | undefined;
  let start = 0;
  for (const { level, end } of LEVELS) {
    if (end > code.length) break;
    if (/[1-9]/.test(code.slice(start, end))) found = level;
    start = end;
  }
  // A province group of 00 is not a code at all, whatever follows.
  return /^00/.test(code) ? undefined : found;
}

/**
 * Whether two codes lie in the same province / city / district / town. False when either code does
 * not name its area down to that level (440100, Guangzhou as a whole, cannot be shown to be in
 * district 440103), so a residency rule is never met by a code too coarse to prove it. For the four
 * municipalities the city is the whole municipality.
 */
export function sameArea(a: string, b: string, level: AreaLevel): boolean {
  const prefix = (code: string): string | undefined => {
    const named = regionLevel(code);
    if (named === undefined) return undefined;
    const cityIsProvince = level === 'city' && MUNICIPALITIES.has(code.slice(0, 2));
    const needed: AreaLevel = cityIsProvince ? 'province' : level;
    if (RANK[named] < RANK[needed]) return undefined;
    const end = LEVELS[RANK[needed]]?.end ?? 0;
    return code.slice(0, end);
  };
  const pa = prefix(a);
  return pa !== undefined && pa === prefix(b);
}
