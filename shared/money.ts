import { z } from 'zod';
import { t } from './i18n/catalogs.js';
import { message, type Locale, type Message } from './i18n/text.js';
import { err, ok, type Result } from './result.js';

/**
 * An amount of money in fen (分, 1/100 yuan), always a safe integer. Never a float of yuan:
 * 0.1 + 0.2 !== 0.3, and a subsidy settled over a month must add up to the fen.
 * Parse yuan text with `parseYuan`; show amounts with `formatYuan` / `formatMoney`.
 */
export type Fen = number;

/** A price, subsidy or payment: whole fen, not negative. */
export const fenSchema = z.int({ error: 'money.notWholeFen' }).min(0, { error: 'money.negative' });

/** A difference or a reversal (a void): whole fen, either sign. */
export const signedFenSchema = z.int({ error: 'money.notWholeFen' });

function assertFen(fen: Fen, what = 'amount'): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`The ${what} must be a whole number of fen, not ${fen}`);
}

/** 1250 → '12.50', -50 → '-0.50'. Integer arithmetic only. */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const sign = fen < 0 ? '-' : '';
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An amount as a person reads it: '12.50元' in Chinese, '¥12.50' in English. */
export function formatMoney(fen: Fen, locale: Locale): string {
  return t('money.amount', { amount: formatYuan(fen) }, locale);
}

/** 1250 → '12.50元', the form on the elder's screen and the receipt. */
export function formatYuanZh(fen: Fen): string {
  return formatMoney(fen, 'zh-CN');
}

/**
 * Yuan as a cashier or a file writes them, exactly: '12', '12.5', '12.50', '¥12.50', '12.50元'
 * (full-width digits and ￥ too). Rejects negatives, a third decimal and anything else; digits are
 * read as text, never through a float.
 */
export function parseYuan(text: string): Result<Fen, Message> {
  const s = text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\uFF0E/g, '.')
    .replace(/^[¥\uFFE5]\s*/, '')
    .replace(/\s*元$/, '');
  if (s === '') return err(message('money.empty'));
  if (/^[-\u2212－]/.test(s)) return err(message('money.negative'));
  if (/^\d+\.\d{3,}$/.test(s)) return err(message('money.tooManyDecimals'));
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (m === null) return err(message('money.notAnAmount'));
  const yuan = (m[1] ?? '').replace(/^0+(?=\d)/, '');
  // 15 digits of yuan already exceed any safe integer of fen; stop before Number() rounds.
  if (yuan.length > 13) return err(message('money.tooLarge'));
  const fen = Number(yuan) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? ok(fen) : err(message('money.tooLarge'));
}

export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const a of amounts) {
    assertFen(a);
    total += a;
  }
  assertFen(total, 'total');
  return total;
}

/** A share in basis points: 10000 bp = 100 %. */
export interface Share<K extends string> {
  readonly key: K;
  readonly bp: number;
}

export interface Part<K extends string> {
  readonly key: K;
  readonly amount: Fen;
}

const WHOLE_BP = 10_000;
// amount × bp must stay a safe integer.
const MAX_SPLIT = Math.floor(Number.MAX_SAFE_INTEGER / WHOLE_BP);

/**
 * Splits an amount among shares (e.g. funding sources) in whole fen that sum exactly to the amount,
 * by the largest-remainder method: each part gets the floor of its exact share, then the fen left
 * over go one each to the largest remainders, ties to the share earlier in the list. Every part is
 * within 1 fen of its exact share, and a share of 0 bp gets 0.
 *
 * Shares must be whole basis points summing to exactly 10000, each key once; anything else is a
 * policy bug and throws. A negative amount (a reversal) splits as the negation of its positive
 * split, so a void undoes the original parts fen for fen.
 */
export function splitByShares<K extends string>(amount: Fen, shares: readonly Share<K>[]): Part<K>[] {
  assertFen(amount);
  if (Math.abs(amount) > MAX_SPLIT) throw new RangeError(`Amount ${amount} fen is too large to split`);
  const keys = new Set<K>();
  let totalBp = 0;
  for (const { key, bp } of shares) {
    if (!Number.isSafeInteger(bp) || bp < 0) throw new RangeError(`Share ${key}: ${bp} is not a whole, non-negative number of basis points`);
    if (keys.has(key)) throw new RangeError(`Share ${key} appears twice`);
    keys.add(key);
    totalBp += bp;
  }
  if (totalBp !== WHOLE_BP) {
    throw new RangeError(`Shares must sum to exactly ${WHOLE_BP} basis points (100%), not ${totalBp}: ${shares.map((s) => `${s.key}=${s.bp}`).join(', ')}`);
  }

  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const parts = shares.map(({ key, bp }, index) => ({
    key,
    index,
    // Exact: abs × bp is a safe integer, and subtracting the remainder first makes the division exact.
    floor: (abs * bp - ((abs * bp) % WHOLE_BP)) / WHOLE_BP,
    remainder: (abs * bp) % WHOLE_BP,
  }));
  let leftover = abs - parts.reduce((s, p) => s + p.floor, 0);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const extra = new Set<number>();
  for (const p of byRemainder) {
    if (leftover === 0) break;
    extra.add(p.index);
    leftover--;
  }
  // `+ 0` turns -0 into 0 for a zero part of a negative amount.
  return parts.map((p) => ({ key: p.key, amount: sign * (p.floor + (extra.has(p.index) ? 1 : 0)) + 0 }));
}
