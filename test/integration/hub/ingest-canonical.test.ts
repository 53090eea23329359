/**
 * canonicalJson was rewritten for speed (the hub canonicalises every record of every upload). Every
 * kiosk's hash chain depends on its exact bytes, so this holds the new writer to the one it replaced,
 * kept below verbatim as the reference: the same string for every value, and the same refusal (code
 * and path) for every value without a canonical form. dayTotals' reuse of parsed bodies is held to
 * the plain recount the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../../shared/ledger/canonical.js';
import { checkinBodySchema, saleBodySchema } from '../../../shared/ledger/bodies.js';
import type { CheckinBody, SaleBody } from '../../../shared/ledger/bodies.js';
import type { LedgerContent } from '../../../shared/ledger/envelope.js';
import { dayTotals } from '../../../shared/ledger/day-totals.js';
import type { ParsedBodies } from '../../../shared/ledger/day-totals.js';
import { kioskLedger } from '../../bench/lib/hub-ledgers.js';

// ---- the writer as it was before the speed change (shared/ledger/canonical.ts at bd94da8) ----

function referenceJson(value: unknown, ancestors: object[] = []): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalJsonError('number', `${String(value)} is not a safe integer (amounts are integer fen)`);
      return String(value);
    case 'object':
      if (value === null) return 'null';
      return referenceObject(value, ancestors);
    case 'undefined':
      throw new CanonicalJsonError('value', 'undefined has no JSON form');
    case 'bigint':
      throw new CanonicalJsonError('value', 'a bigint has no canonical JSON form; use a safe integer');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError('value', `a ${typeof value} has no JSON form`);
  }
}

function referenceObject(value: object, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new CanonicalJsonError('value', 'a cycle: this object contains itself');
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        try {
          parts.push(referenceJson(value[i], ancestors));
        } catch (e) {
          throw e instanceof CanonicalJsonError ? e.within(i) : e;
        }
      }
      return `[${parts.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('value', 'not a plain object');
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (key === '__proto__') throw new CanonicalJsonError('value', 'the key "__proto__" is not allowed');
      const item = record[key];
      if (item === undefined) continue;
      try {
        parts.push(`${JSON.stringify(key)}:${referenceJson(item, ancestors)}`);
      } catch (e) {
        throw e instanceof CanonicalJsonError ? e.within(key) : e;
      }
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.pop();
  }
}

type Outcome = { readonly text: string } | { readonly code: string; readonly path: string };

function outcome(write: (v: unknown) => string, value: unknown): Outcome {
  try {
    return { text: write(value) };
  } catch (e) {
    if (!(e instanceof CanonicalJsonError)) throw e;
    return { code: e.code, path: e.path };
  }
}

// Strings over the whole of UTF-16 (lone surrogates, controls, quotes, U+0000, CJK, astral).
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '"', '\\', '\u0000', '\u2028', '\ud800', '刷错卡', '😀'));
const key = fc.oneof(text, fc.constantFrom('seq', 'body', 'a', 'A', '10', '9', 'é', 'ｚ', '😀', 'toString', 'constructor'));
const scalar = fc.oneof(text, fc.boolean(), fc.constant(null), fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constant(undefined), fc.bigInt());
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 6 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 8 }),
}));

describe('canonicalJson after the speed change', () => {
  it('writes every value exactly as the writer it replaced, and refuses the same values at the same path', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(canonicalJson, v)).toEqual(outcome(referenceJson, v));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes real ledger records (check-ins, sales, voids, closes) byte for byte as before', () => {
    const records = [0, 1, 2, 3].flatMap((k) => kioskLedger(k, 600).records);
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['checkin', 'sale', 'void', 'close']));
    for (const r of records) expect(canonicalJson(r)).toBe(referenceJson(r));
  });

  it('still refuses a cycle, a hole, a class instance and __proto__ with the same path', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    const holey: unknown[] = [1, 2];
    holey[4] = 5;
    const proto = JSON.parse('{"x":{"__proto__":1}}') as unknown;
    for (const v of [cyclic, { items: holey }, { at: new Date(0) }, proto, { n: 1.5 }]) {
      const got = outcome(canonicalJson, v);
      expect('code' in got).toBe(true);
      expect(got).toEqual(outcome(referenceJson, v));
    }
  });
});

describe('dayTotals with the bodies the ingest already parsed', () => {
  it('gives the same totals as parsing every body again', () => {
    const { records } = kioskLedger(4, 400);
    const closes = records.filter((r) => r.kind === 'close');
    expect(closes.length).toBeGreaterThan(0);
    const parsed = new Map<LedgerContent, { kind: 'checkin'; body: CheckinBody } | { kind: 'sale'; body: SaleBody }>();
    for (const r of records) {
      if (r.kind === 'checkin') parsed.set(r, { kind: 'checkin', body: checkinBodySchema.parse(r.body) });
      if (r.kind === 'sale') parsed.set(r, { kind: 'sale', body: saleBodySchema.parse(r.body) });
    }
    const known: ParsedBodies = parsed;
    for (const close of closes) {
      const before = records.filter((r) => r.seq < close.seq);
      const plain = dayTotals(close.serviceDate, before, ['city', 'district', 'town']);
      expect(plain.totals.meals).toBeGreaterThan(0);
      expect(dayTotals(close.serviceDate, before, ['city', 'district', 'town'], known)).toEqual(plain);
    }
  });
});
