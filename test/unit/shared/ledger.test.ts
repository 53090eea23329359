import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, CanonicalJsonError } from '../../../shared/ledger/canonical.js';
import {
  ChainVerifier,
  GENESIS,
  GENESIS_HASH,
  chainHash,
  sealRecord,
  verifyChain,
  type ChainVerdict,
} from '../../../shared/ledger/chain.js';
import {
  LEDGER_KINDS,
  ledgerDraftSchema,
  ledgerRecordSchema,
  recordContent,
  type JsonObject,
  type JsonValue,
  type LedgerContent,
  type LedgerRecord,
} from '../../../shared/ledger/envelope.js';
import { render } from '../../../shared/i18n/index.js';

// ---- helpers ----

function content(seq: number, over: Partial<LedgerContent> = {}): LedgerContent {
  return {
    seq,
    deviceId: 'K1',
    kind: 'checkin',
    at: `2026-11-24T04:${String(10 + (seq % 50)).padStart(2, '0')}:33.120Z`,
    serviceDate: '2026-11-24',
    periodId: 'lunch',
    elderId: `e${seq}`,
    operatorId: 'op1',
    targetSeq: null,
    body: { price: 1200, personal: 300 },
    ...over,
  };
}

function chainOf(contents: readonly LedgerContent[], start = GENESIS): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  let prev = start.hash;
  for (const c of contents) {
    const r = sealRecord(c, prev);
    out.push(r);
    prev = r.hash;
  }
  return out;
}

function chain(n: number): LedgerRecord[] {
  return chainOf(Array.from({ length: n }, (_, i) => content(i + 1)));
}

function problemOf(v: ChainVerdict): { seq: number; kind: string; expected: string | number; found: string | number } {
  if (v.ok) throw new Error('expected the chain to fail verification');
  const { seq, kind, expected, found } = v.problem;
  return { seq, kind, expected, found };
}

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

/** node:crypto, independent of @noble/hashes and of our canonical writer. */
function nodeChainHash(canonical: string, prevHex: string): string {
  return createHash('sha256').update(Buffer.from(canonical, 'utf8')).update(Buffer.from(prevHex, 'hex')).digest('hex');
}

// ---- canonical form ----

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units, at every depth, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 2, 1], c: 'x' }, A: null })).toBe('{"A":null,"a":{"c":"x","d":[3,2,1]},"b":1}');
    // "10" < "9" as text; "é" (U+00E9) < "😀" (U+D83D…) < "ｚ" (U+FF5A) by code units, not code points.
    expect(canonicalJson({ 9: true, 10: false, ｚ: 0, '😀': 0, é: 0 })).toBe('{"10":false,"9":true,"é":0,"😀":0,"ｚ":0}');
    // Insertion order does not matter.
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('omits undefined properties, keeps null, and writes -0 as 0', () => {
    expect(canonicalJson({ a: undefined, b: null, c: -0 })).toBe('{"b":null,"c":0}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson(Object.create(null) as object)).toBe('{}');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const s = 'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 中文';
    expect(canonicalJson({ s })).toBe(`{"s":${JSON.stringify(s)}}`);
    expect(canonicalJson('刷错卡')).toBe('"刷错卡"');
  });

  it('refuses floats, NaN, Infinity and unsafe integers, naming the path', () => {
    expect(() => canonicalJson({ body: { items: [{ price: 12.5 }] } })).toThrow(/\$\.body\.items\[0\]\.price: 12\.5 is not a safe integer/);
    expect(() => canonicalJson(Number.NaN)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
    expect(() => canonicalJson(2 ** 53)).toThrow(/not a safe integer/);
    expect(() => canonicalJson(Number.MAX_SAFE_INTEGER)).not.toThrow();
  });

  it('refuses what JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/\$\.at: a Date/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ s: Symbol('s') })).toThrow(/symbol/);
    expect(() => canonicalJson(new Map())).toThrow(/Map/);
    expect(() => canonicalJson([1, undefined])).toThrow(/\$\[1\]: undefined/);
    // eslint-disable-next-line no-sparse-arrays -- a hole is exactly what is being tested
    expect(() => canonicalJson([1, , 3])).toThrow(/\$\[1\]/);
    expect(() => canonicalJson(JSON.parse('{"__proto__":1}'))).toThrow(/__proto__/);
    expect(() => canonicalJson({ 'odd key': { x: new Set() } })).toThrow(/\$\["odd key"\]\.x/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"k":1},"b":[{"k":1}]}');
  });

  it('round-trips: parsing the canonical form gives the value back, and is itself canonical', () => {
    fc.assert(
      fc.property(jsonValueArb, (v) => {
        const text = canonicalJson(v);
        const back = JSON.parse(text) as unknown;
        expect(back).toEqual(v);
        expect(canonicalJson(back)).toBe(text);
      }),
    );
  });
});

// ---- hashing ----

describe('chainHash', () => {
  // Written down once, computed with node:crypto over the canonical text typed out by hand.
  const CANONICAL_1 =
    '{"at":"2026-11-24T04:12:33.120Z","body":{"personal":300,"price":1200},"deviceId":"K1","elderId":"e1","kind":"checkin",' +
    '"operatorId":"op1","periodId":"lunch","seq":1,"serviceDate":"2026-11-24","targetSeq":null}';
  const HASH_1 = '3e8bd490235f635ea76e27344fb0816530d7d0f890c52dd38cbd162434d9431d';
  const CANONICAL_2 =
    '{"at":"2026-11-24T04:13:00.005Z","body":{"reason":"刷错卡"},"deviceId":"K1","elderId":"e1","kind":"void",' +
    '"operatorId":"op1","periodId":"lunch","seq":2,"serviceDate":"2026-11-24","targetSeq":1}';
  const HASH_2 = '933491d8271348b348e8227a833a0cc24a24e070452d0580cc4c43a191a4d11e';

  const first: LedgerContent = {
    seq: 1,
    deviceId: 'K1',
    kind: 'checkin',
    at: '2026-11-24T04:12:33.120Z',
    serviceDate: '2026-11-24',
    periodId: 'lunch',
    elderId: 'e1',
    operatorId: 'op1',
    targetSeq: null,
    body: { price: 1200, personal: 300 },
  };
  const second: LedgerContent = { ...first, seq: 2, kind: 'void', at: '2026-11-24T04:13:00.005Z', targetSeq: 1, body: { reason: '刷错卡' } };

  it('matches fixed vectors', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(canonicalJson(recordContent(first))).toBe(CANONICAL_1);
    expect(canonicalJson(recordContent(second))).toBe(CANONICAL_2);
    expect(chainHash(first, GENESIS_HASH)).toBe(HASH_1);
    expect(chainHash(second, HASH_1)).toBe(HASH_2);
  });

  it('agrees with node:crypto over canonical text ‖ the raw bytes of prevHash', () => {
    expect(nodeChainHash(CANONICAL_1, GENESIS_HASH)).toBe(HASH_1);
    expect(nodeChainHash(CANONICAL_2, HASH_1)).toBe(HASH_2);
    fc.assert(
      fc.property(contentArb(1), fc.stringMatching(/^[0-9a-f]{64}$/), (c, prev) => {
        expect(chainHash(c, prev)).toBe(nodeChainHash(canonicalJson(recordContent(c)), prev));
      }),
      { numRuns: 50 },
    );
  });

  it('hashes the content only: prevHash, hash and stray properties of the argument do not enter it', () => {
    const sealed = sealRecord(first, GENESIS_HASH);
    expect(sealed.hash).toBe(HASH_1);
    expect(sealed.prevHash).toBe(GENESIS_HASH);
    expect(chainHash(sealed, GENESIS_HASH)).toBe(HASH_1);
    const stray = { ...first, note: 'not part of the envelope' };
    expect(chainHash(stray, GENESIS_HASH)).toBe(HASH_1);
    expect(Object.keys(sealRecord(stray, GENESIS_HASH))).not.toContain('note');
  });

  it('refuses a prevHash that is not 64 lower-case hex digits', () => {
    expect(() => chainHash(first, 'ABC')).toThrow(RangeError);
    expect(() => chainHash(first, GENESIS_HASH.toUpperCase().replace(/0/g, 'A'))).toThrow(RangeError);
  });
});

// ---- envelope ----

describe('envelope schema', () => {
  const good = sealRecord(content(1), GENESIS_HASH);

  it('accepts a sealed record and gives it back unchanged', () => {
    const r = ledgerRecordSchema.safeParse(good);
    expect(r.success).toBe(true);
    expect(r.data).toEqual(good);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown envelope field', { extra: 1 }],
    ['a float in the body', { body: { price: 12.5 } }],
    ['an instant without milliseconds', { at: '2026-11-24T04:12:33Z' }],
    ['an instant with an offset', { at: '2026-11-24T12:12:33.120+08:00' }],
    ['a service date that does not exist', { serviceDate: '2026-02-30' }],
    ['an unknown kind', { kind: 'refund' }],
    ['seq 0', { seq: 0 }],
    ['an upper-case hash', { hash: good.hash.toUpperCase() }],
    ['an empty operator', { operatorId: '' }],
    ['a void without a target', { kind: 'void' }],
    ['a sale with a target', { kind: 'sale', targetSeq: 1 }],
  ])('refuses %s', (_, patch) => {
    expect(ledgerRecordSchema.safeParse({ ...good, ...patch }).success).toBe(false);
  });

  it('refuses a void that reverses itself or a later record', () => {
    expect(ledgerRecordSchema.safeParse({ ...good, seq: 5, kind: 'void', targetSeq: 5 }).success).toBe(false);
    expect(ledgerRecordSchema.safeParse({ ...good, seq: 5, kind: 'void', targetSeq: 4 }).success).toBe(true);
  });

  it('checks a draft without seq, prevHash or hash', () => {
    const { seq: _seq, ...draft } = content(1);
    expect(ledgerDraftSchema.safeParse(draft).success).toBe(true);
    expect(ledgerDraftSchema.safeParse({ ...draft, seq: 1 }).success).toBe(false);
  });

  it('recordContent keeps exactly the hashed fields', () => {
    expect(Object.keys(recordContent({ ...good, ...{ extra: 1 } })).sort()).toEqual(
      ['at', 'body', 'deviceId', 'elderId', 'kind', 'operatorId', 'periodId', 'seq', 'serviceDate', 'targetSeq'].sort(),
    );
  });
});

// ---- verification ----

describe('verifyChain', () => {
  it('accepts a good chain and reports its length and head', () => {
    const records = chain(10);
    expect(verifyChain(records)).toEqual({ ok: true, count: 10, head: { seq: 10, hash: at(records, 9).hash } });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS });
  });

  it('continues from a known position', () => {
    const records = chain(10);
    const start = { seq: 4, hash: at(records, 3).hash };
    expect(verifyChain(records.slice(4), start)).toMatchObject({ ok: true, count: 6, head: { seq: 10 } });
    expect(problemOf(verifyChain(records.slice(4), { seq: 4, hash: at(records, 2).hash }))).toMatchObject({ seq: 5, kind: 'prev' });
    expect(problemOf(verifyChain(records.slice(5), start))).toMatchObject({ seq: 5, kind: 'gap', expected: 5, found: 6 });
  });

  it('detects an edited field', () => {
    const records = chain(6);
    records[2] = { ...at(records, 2), elderId: 'someone-else' };
    expect(problemOf(verifyChain(records))).toEqual({ seq: 3, kind: 'hash', expected: sealRecord(at(records, 2), at(records, 1).hash).hash, found: chain(6)[2]?.hash });
  });

  it('detects an edited body, even a nested amount', () => {
    const records = chain(6);
    records[4] = { ...at(records, 4), body: { price: 1200, personal: 100 } };
    expect(problemOf(verifyChain(records))).toMatchObject({ seq: 5, kind: 'hash' });
  });

  it('detects a deleted middle record as a gap at the missing seq', () => {
    const records = chain(6);
    records.splice(3, 1);
    expect(problemOf(verifyChain(records))).toEqual({ seq: 4, kind: 'gap', expected: 4, found: 5 });
  });

  it('detects two records swapped', () => {
    const records = chain(6);
    [records[2], records[3]] = [at(records, 3), at(records, 2)];
    expect(problemOf(verifyChain(records))).toEqual({ seq: 3, kind: 'gap', expected: 3, found: 4 });
  });

  it('detects two records swapped and renumbered to hide it', () => {
    const records = chain(6);
    const third = at(records, 2);
    const fourth = at(records, 3);
    records[2] = { ...fourth, seq: 3 };
    records[3] = { ...third, seq: 4 };
    expect(problemOf(verifyChain(records))).toMatchObject({ seq: 3, kind: 'prev' });
  });

  it('detects a repeated record as out of order', () => {
    const records = chain(6);
    records.splice(3, 0, at(records, 1));
    expect(problemOf(verifyChain(records))).toEqual({ seq: 4, kind: 'order', expected: 4, found: 2 });
  });

  it('detects a changed prevHash', () => {
    const records = chain(6);
    records[3] = { ...at(records, 3), prevHash: 'f'.repeat(64) };
    expect(problemOf(verifyChain(records))).toEqual({ seq: 4, kind: 'prev', expected: at(records, 2).hash, found: 'f'.repeat(64) });
  });

  it('detects a changed prevHash even when the record is resealed over it', () => {
    const records = chain(6);
    records[3] = sealRecord(at(records, 3), 'f'.repeat(64));
    expect(problemOf(verifyChain(records))).toMatchObject({ seq: 4, kind: 'prev' });
  });

  it("detects another device's record, even one properly chained", () => {
    const records = chain(6);
    records[3] = sealRecord({ ...at(records, 3), deviceId: 'K2' }, at(records, 2).hash);
    expect(problemOf(verifyChain(records))).toEqual({ seq: 4, kind: 'device', expected: 'K1', found: 'K2' });
    expect(problemOf(verifyChain(chain(3), undefined, { deviceId: 'K9' }))).toEqual({ seq: 1, kind: 'device', expected: 'K9', found: 'K1' });
  });

  it('reports only the first problem', () => {
    const records = chain(8);
    records[6] = { ...at(records, 6), hash: 'a'.repeat(64) };
    records.splice(2, 1);
    expect(problemOf(verifyChain(records))).toMatchObject({ seq: 3, kind: 'gap' });
  });

  it('words its problems for a manager, in both languages', () => {
    const records = chain(6);
    records.splice(3, 1);
    const v = verifyChain(records);
    if (v.ok) throw new Error('expected a problem');
    expect(render(v.problem.message)).toBe('账本缺少第 4 号记录（接下来的是第 5 号），可能有记录被删除。');
    expect(render(v.problem.message, 'en')).toBe('Record 4 is missing from the ledger (the next one is 5); records may have been deleted.');
    for (const kind of ['order', 'prev', 'hash', 'device'] as const) {
      expect(render({ key: `ledger.problem.${kind}`, params: { seq: 1, expected: 'a', found: 'b' } })).not.toContain('ledger.');
    }
  });

  it('stops reading at the first problem, and ignores pushes after it', () => {
    const records = chain(5);
    records[1] = { ...at(records, 1), hash: 'b'.repeat(64) };
    let pulled = 0;
    function* counted(): Generator<LedgerRecord> {
      for (const r of records) {
        pulled += 1;
        yield r;
      }
    }
    expect(problemOf(verifyChain(counted()))).toMatchObject({ seq: 2, kind: 'hash' });
    expect(pulled).toBe(2);
    const v = new ChainVerifier();
    expect(v.push(at(records, 0))).toBe(true);
    expect(v.push(at(records, 1))).toBe(false);
    expect(v.push(at(records, 2))).toBe(false);
    expect(v.problem?.seq).toBe(2);
  });

  it('streams: a long chain generated on the fly is verified without being held', () => {
    const n = 20_000;
    let last = GENESIS;
    function* generate(): Generator<LedgerRecord> {
      for (let seq = 1; seq <= n; seq++) {
        const r = sealRecord(content(seq), last.hash);
        last = { seq, hash: r.hash };
        yield r;
      }
    }
    const v = verifyChain(generate());
    expect(v).toEqual({ ok: true, count: n, head: last });
  });

  it('refuses a bad start position', () => {
    expect(() => new ChainVerifier({ seq: -1, hash: GENESIS_HASH })).toThrow(RangeError);
    expect(() => new ChainVerifier({ seq: 3, hash: 'xyz' })).toThrow(RangeError);
    expect(() => new ChainVerifier({ seq: 0, hash: 'a'.repeat(64) })).toThrow(RangeError);
  });
});

// ---- properties ----

const FIELDS = ['seq', 'deviceId', 'kind', 'at', 'serviceDate', 'periodId', 'elderId', 'operatorId', 'targetSeq', 'body', 'prevHash', 'hash'] as const;
type Field = (typeof FIELDS)[number];

/** The record with one field changed to a different value of the same shape. */
function flip(r: LedgerRecord, field: Field): LedgerRecord {
  const hex = (h: string): string => (h[0] === '0' ? '1' : '0') + h.slice(1);
  switch (field) {
    case 'seq':
      return { ...r, seq: r.seq + 1 };
    case 'kind':
      return { ...r, kind: r.kind === 'sale' ? 'checkin' : 'sale' };
    case 'targetSeq':
      return { ...r, targetSeq: r.targetSeq === null ? 1 : null };
    case 'periodId':
    case 'elderId':
      return { ...r, [field]: r[field] === null ? 'x' : null };
    case 'body':
      return { ...r, body: { ...r.body, tampered: 1 } };
    case 'prevHash':
    case 'hash':
      return { ...r, [field]: hex(r[field]) };
    case 'at':
      return { ...r, at: r.at.replace(/\.(\d)/, (_, d: string) => `.${(Number(d) + 1) % 10}`) };
    case 'serviceDate':
      return { ...r, serviceDate: r.serviceDate === '2026-11-24' ? '2026-11-25' : '2026-11-24' };
    case 'deviceId':
    case 'operatorId':
      return { ...r, [field]: `${r[field]}x` };
  }
}

const jsonValueArb: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => k !== '__proto__'),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

const bodyArb: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.string().filter((k) => k !== '__proto__'),
  jsonValueArb,
  { maxKeys: 5 },
);

const idArb = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });
const instantArb = fc
  .date({ min: new Date('2020-01-01T00:00:00.000Z'), max: new Date('2040-01-01T00:00:00.000Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function contentArb(seq: number): fc.Arbitrary<LedgerContent> {
  return fc.record({
    seq: fc.constant(seq),
    deviceId: fc.constant('K1'),
    kind: fc.constantFrom(...LEDGER_KINDS.filter((k) => k !== 'void')),
    at: instantArb,
    serviceDate: instantArb.map((s) => s.slice(0, 10)),
    periodId: fc.option(idArb, { nil: null }),
    elderId: fc.option(idArb, { nil: null }),
    operatorId: idArb,
    targetSeq: fc.constant(null),
    body: bodyArb,
  });
}

/** 1–12 records; some are voids of an earlier record. */
const chainArb: fc.Arbitrary<LedgerRecord[]> = fc
  .array(fc.tuple(contentArb(0), fc.boolean(), fc.nat()), { minLength: 1, maxLength: 12 })
  .map((items) =>
    chainOf(
      items.map(([c, isVoid, target], i) => {
        const seq = i + 1;
        return isVoid && seq > 1 ? { ...c, seq, kind: 'void' as const, targetSeq: 1 + (target % (seq - 1)) } : { ...c, seq };
      }),
    ),
  );

describe('chain properties', () => {
  it('any chain built by sealRecord verifies, and every record passes the envelope schema', () => {
    fc.assert(
      fc.property(chainArb, (records) => {
        const last = at(records, records.length - 1);
        expect(verifyChain(records)).toEqual({ ok: true, count: records.length, head: { seq: last.seq, hash: last.hash } });
        for (const r of records) expect(ledgerRecordSchema.safeParse(r).success).toBe(true);
      }),
    );
  });

  it('flipping any one field of any record is detected at that record', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.constantFrom(...FIELDS), (records, i, field) => {
        const index = i % records.length;
        const tampered = records.map((r, j) => (j === index ? flip(r, field) : r));
        const v = verifyChain(tampered);
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.problem.seq).toBe(index + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('dropping any one record that is not the last is detected as a gap there', () => {
    fc.assert(
      fc.property(
        chainArb.filter((r) => r.length >= 2),
        fc.nat(),
        (records, i) => {
          const index = i % (records.length - 1);
          const v = verifyChain(records.filter((_, j) => j !== index));
          expect(v.ok ? null : { seq: v.problem.seq, kind: v.problem.kind }).toEqual({ seq: index + 1, kind: 'gap' });
        },
      ),
    );
  });
});
