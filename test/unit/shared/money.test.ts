import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenSchema, formatMoney, formatYuan, formatYuanZh, parseYuan, signedFenSchema, splitByShares, sumFen } from '../../../shared/money.js';
import { render } from '../../../shared/i18n/index.js';
import { formatProblem, parseWith } from '../../../shared/parse.js';

function parsed(text: string): number | string {
  const r = parseYuan(text);
  return r.ok ? r.value : r.error.key;
}

describe('fenSchema', () => {
  it('takes whole, non-negative fen', () => {
    expect(fenSchema.safeParse(1250).success).toBe(true);
    expect(fenSchema.safeParse(0).success).toBe(true);
    expect(fenSchema.safeParse(12.5).success).toBe(false);
    expect(fenSchema.safeParse(-1).success).toBe(false);
    expect(fenSchema.safeParse('1250').success).toBe(false);
    expect(signedFenSchema.safeParse(-1250).success).toBe(true);
    expect(signedFenSchema.safeParse(-0.5).success).toBe(false);
  });

  it('explains itself to a clerk', () => {
    const frac = parseWith(fenSchema, 12.5, 'price');
    expect(!frac.ok && formatProblem(frac.error)).toContain('1250');
    const neg = parseWith(fenSchema, -300, 'price');
    expect(!neg.ok && formatProblem(neg.error, 'en')).toContain('cannot be negative');
  });
});

describe('formatting', () => {
  it('writes yuan with two decimals, exactly', () => {
    expect(formatYuan(1250)).toBe('12.50');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-50)).toBe('-0.50');
    expect(formatYuan(-1250)).toBe('-12.50');
    expect(formatYuan(123456789)).toBe('1234567.89');
    expect(() => formatYuan(12.5)).toThrow(RangeError);
  });

  it('adds the unit for a reader', () => {
    expect(formatYuanZh(1250)).toBe('12.50元');
    expect(formatMoney(300, 'zh-CN')).toBe('3.00元');
    expect(formatMoney(300, 'en')).toBe('¥3.00');
  });
});

describe('parseYuan', () => {
  it('reads yuan text exactly', () => {
    expect(parsed('12')).toBe(1200);
    expect(parsed('12.5')).toBe(1250);
    expect(parsed('12.50')).toBe(1250);
    expect(parsed('¥12.50')).toBe(1250);
    expect(parsed('￥ 12.50')).toBe(1250);
    expect(parsed('12.50元')).toBe(1250);
    expect(parsed(' 0.1 ')).toBe(10);
    expect(parsed('0.07')).toBe(7);
    expect(parsed('１２．５')).toBe(1250);
    expect(parsed('007')).toBe(700);
    expect(parsed('0')).toBe(0);
  });

  it('rejects what is not an exact, non-negative amount, saying why', () => {
    expect(parsed('')).toBe('money.empty');
    expect(parsed('  ')).toBe('money.empty');
    expect(parsed('12.345')).toBe('money.tooManyDecimals');
    expect(parsed('-1')).toBe('money.negative');
    expect(parsed('-0.50')).toBe('money.negative');
    expect(parsed('12a')).toBe('money.notAnAmount');
    expect(parsed('1,250.00')).toBe('money.notAnAmount');
    expect(parsed('.5')).toBe('money.notAnAmount');
    expect(parsed('12.')).toBe('money.notAnAmount');
    expect(parsed('1e3')).toBe('money.notAnAmount');
    expect(parsed('NaN')).toBe('money.notAnAmount');
    expect(parsed('99999999999999999')).toBe('money.tooLarge');
    const r = parseYuan('12.345');
    expect(!r.ok && render(r.error, 'zh-CN')).toContain('两位小数');
  });

  it('round-trips with formatYuan (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, value: fen });
        expect(parseYuan(formatYuanZh(fen))).toEqual({ ok: true, value: fen });
      }),
    );
  });
});

describe('sumFen', () => {
  it('adds whole fen and refuses fractions', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([10, 20, 30])).toBe(60);
    expect(() => sumFen([10, 0.1])).toThrow(RangeError);
  });
});

describe('splitByShares', () => {
  it('splits Guangzhou-style city / district / town shares exactly', () => {
    const shares = [
      { key: 'city', bp: 3334 },
      { key: 'district', bp: 3333 },
      { key: 'town', bp: 3333 },
    ] as const;
    expect(splitByShares(1000, shares)).toEqual([
      { key: 'city', amount: 334 },
      { key: 'district', amount: 333 },
      { key: 'town', amount: 333 },
    ]);
  });

  it('gives the leftover fen to the largest remainders, ties to the earlier share', () => {
    const thirds = [
      { key: 'a', bp: 3333 },
      { key: 'b', bp: 3334 },
      { key: 'c', bp: 3333 },
    ];
    // Exact shares 0.3333, 0.3334, 0.3333 of 1 fen: b has the largest remainder.
    expect(splitByShares(1, thirds).map((p) => p.amount)).toEqual([0, 1, 0]);
    // 2 fen: remainders 0.6666, 0.6668, 0.6666 → b, then the tie between a and c goes to a.
    expect(splitByShares(2, thirds).map((p) => p.amount)).toEqual([1, 1, 0]);
    const halves = [
      { key: 'x', bp: 5000 },
      { key: 'y', bp: 5000 },
    ];
    expect(splitByShares(101, halves).map((p) => p.amount)).toEqual([51, 50]);
  });

  it('gives zeros for a zero amount and nothing to a 0 bp share', () => {
    expect(splitByShares(0, [{ key: 'a', bp: 10000 }, { key: 'b', bp: 0 }])).toEqual([
      { key: 'a', amount: 0 },
      { key: 'b', amount: 0 },
    ]);
    expect(splitByShares(999, [{ key: 'a', bp: 10000 }, { key: 'b', bp: 0 }]).map((p) => p.amount)).toEqual([999, 0]);
  });

  it('stays exact up to the largest amount it accepts, and refuses larger', () => {
    const max = Math.floor(Number.MAX_SAFE_INTEGER / 10000);
    const parts = splitByShares(max, [{ key: 'a', bp: 1 }, { key: 'b', bp: 3333 }, { key: 'c', bp: 6666 }]);
    expect(sumFen(parts.map((p) => p.amount))).toBe(max);
    expect(parts.map((p) => p.amount)).toEqual([90071993, 300209951160, 600419902321]);
    expect(() => splitByShares(max + 1, [{ key: 'a', bp: 10000 }])).toThrow(/too large/);
  });

  it('splits a reversal as the negation of the original', () => {
    const shares = [
      { key: 'city', bp: 5000 },
      { key: 'district', bp: 5000 },
    ];
    expect(splitByShares(-101, shares)).toEqual([
      { key: 'city', amount: -51 },
      { key: 'district', amount: -50 },
    ]);
  });

  it('throws a clear error for shares that do not sum to 10000 bp, or are not whole, or repeat a key', () => {
    expect(() => splitByShares(100, [{ key: 'a', bp: 5000 }, { key: 'b', bp: 4000 }])).toThrow(/10000.*9000/);
    expect(() => splitByShares(100, [])).toThrow(/10000/);
    expect(() => splitByShares(100, [{ key: 'a', bp: 5000.5 }, { key: 'b', bp: 4999.5 }])).toThrow(/basis points/);
    expect(() => splitByShares(100, [{ key: 'a', bp: 12000 }, { key: 'b', bp: -2000 }])).toThrow(/basis points/);
    expect(() => splitByShares(100, [{ key: 'a', bp: 5000 }, { key: 'a', bp: 5000 }])).toThrow(/twice/);
    expect(() => splitByShares(1.5, [{ key: 'a', bp: 10000 }])).toThrow(RangeError);
  });

  /** 1–6 shares of whole basis points summing to exactly 10000. */
  const shareLists = fc
    .array(fc.integer({ min: 0, max: 10000 }), { minLength: 0, maxLength: 5 })
    .map((cuts) => {
      const points = [0, ...[...cuts].sort((a, b) => a - b), 10000];
      return points.slice(1).map((p, i) => ({ key: `s${i}`, bp: p - (points[i] ?? 0) }));
    });

  it('parts sum to the amount, are non-negative and within 1 fen of the exact share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), shareLists, (amount, shares) => {
        const parts = splitByShares(amount, shares);
        expect(parts.map((p) => p.key)).toEqual(shares.map((s) => s.key));
        expect(sumFen(parts.map((p) => p.amount))).toBe(amount);
        parts.forEach((p, i) => {
          const exact = (amount * (shares[i]?.bp ?? NaN)) / 10000;
          expect(Number.isInteger(p.amount)).toBe(true);
          expect(p.amount).toBeGreaterThanOrEqual(0);
          expect(Math.abs(p.amount - exact)).toBeLessThan(1);
        });
      }),
    );
  });

  it('a reversal is the exact negation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), shareLists, (amount, shares) => {
        const forward = splitByShares(amount, shares);
        const back = splitByShares(-amount, shares);
        expect(back.map((p) => 0 - p.amount)).toEqual(forward.map((p) => p.amount));
      }),
    );
  });
});
