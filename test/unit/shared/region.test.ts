import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { regionCodeSchema, regionLevel, sameArea, type AreaLevel } from '../../../shared/region.js';
import { formatProblem, parseWith } from '../../../shared/parse.js';

// 广州市越秀区 440104 and 海珠区 440105; streets (街道) of 越秀区 are 440104001, 440104002, …
const YUEXIU = '440104';
const HAIZHU = '440105';

describe('regionCodeSchema', () => {
  it('takes 6, 9 or 12 digits', () => {
    for (const ok of ['440104', '440104001', '440104001001']) expect(regionCodeSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['4401', '4401040', '44010400100', '44010A', ' 440104', '']) expect(regionCodeSchema.safeParse(bad).success).toBe(false);
  });

  it('says what a code looks like', () => {
    const r = parseWith(regionCodeSchema, '4401', 'roster');
    expect(!r.ok && formatProblem(r.error)).toContain('6位、9位或12位');
  });
});

describe('regionLevel', () => {
  it('reads the most specific level a code names', () => {
    expect(regionLevel('440000')).toBe('province');
    expect(regionLevel('440100')).toBe('city');
    expect(regionLevel('440104')).toBe('district');
    expect(regionLevel('440104000')).toBe('district');
    expect(regionLevel('440104001')).toBe('town');
    expect(regionLevel('440104001000')).toBe('town');
    expect(regionLevel('440104001001')).toBe('village');
    expect(regionLevel('110000')).toBe('province');
    expect(regionLevel('110101')).toBe('district');
  });

  it('is undefined for what is not a code', () => {
    expect(regionLevel('000000')).toBeUndefined();
    expect(regionLevel('001234')).toBeUndefined();
    expect(regionLevel('4401')).toBeUndefined();
    expect(regionLevel('abcdef')).toBeUndefined();
  });
});

describe('sameArea', () => {
  it('compares at each level', () => {
    expect(sameArea(YUEXIU, HAIZHU, 'province')).toBe(true);
    expect(sameArea(YUEXIU, HAIZHU, 'city')).toBe(true);
    expect(sameArea(YUEXIU, HAIZHU, 'district')).toBe(false);
    expect(sameArea(YUEXIU, '440104001', 'district')).toBe(true);
    expect(sameArea('440104001', '440104001005', 'town')).toBe(true);
    expect(sameArea('440104001', '440104002', 'town')).toBe(false);
    expect(sameArea('440104001', '440104002', 'district')).toBe(true);
    expect(sameArea(YUEXIU, '440300', 'city')).toBe(false); // Shenzhen
    expect(sameArea(YUEXIU, '450103', 'province')).toBe(false); // Guangxi
  });

  it('is false when a code is too short or too coarse to tell', () => {
    expect(sameArea(YUEXIU, YUEXIU, 'town')).toBe(false);
    expect(sameArea('440104001', YUEXIU, 'town')).toBe(false);
    expect(sameArea('440100', YUEXIU, 'district')).toBe(false);
    expect(sameArea('440100', '440100', 'district')).toBe(false);
    expect(sameArea('440100', YUEXIU, 'city')).toBe(true);
    expect(sameArea('440000', YUEXIU, 'city')).toBe(false);
    expect(sameArea('440104000', '440104000', 'town')).toBe(false);
    expect(sameArea('4401', '4401', 'province')).toBe(false);
    expect(sameArea('', '', 'province')).toBe(false);
  });

  it('treats each municipality as one city', () => {
    expect(sameArea('500101', '500229', 'city')).toBe(true); // Chongqing: 万州区 and 城口县
    expect(sameArea('110101', '110000', 'city')).toBe(true);
    expect(sameArea('310104', '310115', 'city')).toBe(true);
    expect(sameArea('120101', '120225', 'city')).toBe(true);
    expect(sameArea('310104', '110101', 'city')).toBe(false);
    expect(sameArea('500101', '500229', 'district')).toBe(false);
  });

  const code = fc
    .tuple(fc.integer({ min: 11, max: 65 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }))
    .map(([p, c, d, t]) => `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}${String(t).padStart(3, '0')}`);
  const level = fc.constantFrom<AreaLevel>('province', 'city', 'district', 'town');

  it('is symmetric, and a finer match implies every coarser one (property)', () => {
    const order: AreaLevel[] = ['province', 'city', 'district', 'town'];
    fc.assert(
      fc.property(code, code, level, (a, b, l) => {
        expect(sameArea(a, b, l)).toBe(sameArea(b, a, l));
        if (sameArea(a, b, l)) {
          for (const coarser of order.slice(0, order.indexOf(l))) expect(sameArea(a, b, coarser)).toBe(true);
        }
      }),
    );
  });
});
