/**
 * The hash chain over one device's ledger: hash = SHA-256(canonical content ‖ previous hash).
 * One definition, used by the kiosk (`zhucan verify`, before upload) and by the district hub on
 * ingest, so both sides agree byte for byte on what a record's hash is.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { message, type Message } from '../i18n/text.js';
import { canonicalJson } from './canonical.js';
import { recordContent, type LedgerContent, type LedgerRecord } from './envelope.js';

/** The "previous hash" of record 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** A point in a chain: the last record's seq and hash; {0, GENESIS_HASH} before the first record. */
export interface ChainPosition {
  readonly seq: number;
  readonly hash: string;
}

export const GENESIS: ChainPosition = { seq: 0, hash: GENESIS_HASH };

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * hex SHA-256 of the UTF-8 bytes of canonicalJson(content) followed by the 32 raw bytes of prevHash.
 * Raw bytes, not hex text, so the hash input has one unambiguous length for the link.
 */
export function chainHash(content: LedgerContent, prevHash: string): string {
  if (!HEX64.test(prevHash)) throw new RangeError(`chainHash: prevHash must be 64 lower-case hex digits, got ${JSON.stringify(prevHash)}`);
  return bytesToHex(
    sha256
      .create()
      .update(utf8ToBytes(canonicalJson(recordContent(content))))
      .update(hexToBytes(prevHash))
      .digest(),
  );
}

export function sealRecord(content: LedgerContent, prevHash: string): LedgerRecord {
  return { ...recordContent(content), prevHash, hash: chainHash(content, prevHash) };
}

/**
 * The first thing wrong with a chain. `seq` is the first sequence number that cannot be trusted:
 * every record before it verified. For a gap it is the missing seq; `found` is what came instead.
 */
export type ChainProblem =
  | {
      readonly seq: number;
      /** gap: a seq was skipped (deleted records); order: a seq came again or went backwards. */
      readonly kind: 'gap' | 'order';
      readonly message: Message;
      readonly expected: number;
      readonly found: number;
    }
  | {
      readonly seq: number;
      /** prev: prevHash is not the previous record's hash; hash: the content was changed; device: another device's record. */
      readonly kind: 'prev' | 'hash' | 'device';
      readonly message: Message;
      readonly expected: string;
      readonly found: string;
    };

export type ChainVerdict =
  | { readonly ok: true; readonly count: number; readonly head: ChainPosition }
  | { readonly ok: false; readonly problem: ChainProblem };

export interface ChainVerifierOptions {
  /** The device the chain must belong to; when absent, the first record pushed decides. */
  readonly deviceId?: string;
}

/**
 * Checks records one at a time, in seq order, keeping only the running head — constant memory, so a
 * district can stream millions of rows through it. Stops at the first problem; later pushes are ignored.
 */
export class ChainVerifier {
  #nextSeq: number;
  #prevHash: string;
  #deviceId: string | undefined;
  #count = 0;
  #problem: ChainProblem | null = null;

  /** `start`: where a previous verification (or upload) stopped; the genesis by default. */
  constructor(start: ChainPosition = GENESIS, options: ChainVerifierOptions = {}) {
    if (!Number.isSafeInteger(start.seq) || start.seq < 0) throw new RangeError(`ChainVerifier: bad start seq ${start.seq}`);
    if (!HEX64.test(start.hash)) throw new RangeError(`ChainVerifier: bad start hash ${JSON.stringify(start.hash)}`);
    if (start.seq === 0 && start.hash !== GENESIS_HASH) throw new RangeError('ChainVerifier: a chain at seq 0 must start from GENESIS_HASH');
    this.#nextSeq = start.seq + 1;
    this.#prevHash = start.hash;
    this.#deviceId = options.deviceId;
  }

  /** The seq the next record must carry. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  get problem(): ChainProblem | null {
    return this.#problem;
  }

  /** Checks one record; false once the chain is broken (here or earlier). */
  push(record: LedgerRecord): boolean {
    if (this.#problem !== null) return false;
    this.#problem = this.#check(record);
    if (this.#problem !== null) return false;
    this.#deviceId ??= record.deviceId;
    this.#nextSeq = record.seq + 1;
    this.#prevHash = record.hash;
    this.#count += 1;
    return true;
  }

  result(): ChainVerdict {
    if (this.#problem !== null) return { ok: false, problem: this.#problem };
    return { ok: true, count: this.#count, head: { seq: this.#nextSeq - 1, hash: this.#prevHash } };
  }

  // Order of checks: position first (a missing record explains everything after it), then device
  // (another device's record has its own valid chain), then the link, then the content.
  #check(record: LedgerRecord): ChainProblem | null {
    const seq = this.#nextSeq;
    if (record.seq !== seq) {
      const kind = record.seq > seq ? 'gap' : 'order';
      return { seq, kind, message: message(`ledger.problem.${kind}`, { seq, found: record.seq }), expected: seq, found: record.seq };
    }
    if (this.#deviceId !== undefined && record.deviceId !== this.#deviceId) {
      return this.#textual(seq, 'device', this.#deviceId, record.deviceId);
    }
    if (record.prevHash !== this.#prevHash) return this.#textual(seq, 'prev', this.#prevHash, record.prevHash);
    const hash = chainHash(record, record.prevHash);
    if (record.hash !== hash) return this.#textual(seq, 'hash', hash, record.hash);
    return null;
  }

  #textual(seq: number, kind: 'prev' | 'hash' | 'device', expected: string, found: string): ChainProblem {
    return { seq, kind, message: message(`ledger.problem.${kind}`, { seq, expected, found }), expected, found };
  }
}

/** Verifies a whole chain (or its continuation from `start`), stopping at the first problem. */
export function verifyChain(records: Iterable<LedgerRecord>, start?: ChainPosition, options?: ChainVerifierOptions): ChainVerdict {
  const verifier = new ChainVerifier(start, options);
  for (const record of records) {
    if (!verifier.push(record)) break;
  }
  return verifier.result();
}
