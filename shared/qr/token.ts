/**
 * The signed QR code format (docs/qr.md): `ZC1.` + base64url(payload) + `.` + base64url(signature).
 * The payload is a fixed binary layout rather than JSON: canonical by construction (one byte string
 * per payload, so nothing to normalise before checking a signature) and about half the size, which
 * keeps the code at QR version 7–8 that a cheap scanner and a phone camera read at arm's length.
 * Pure: no crypto and no clock here — the caller checks the signature with the public key named by
 * `keyId`, and compares times with its own clock.
 */
import { z } from 'zod';
import { message } from '../i18n/text.js';
import type { Message } from '../i18n/text.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';

export const QR_PREFIX = 'ZC1.';
export const QR_FORMAT_VERSION = 1;
/** A phone code lives at most this long (DESIGN.md §3: "expires within a minute"). */
export const PHONE_CODE_MAX_TTL_S = 60;
export const SIGNATURE_BYTES = 64;
export const NONCE_BYTES = 12;

const KIND_CARD = 0x43; // 'C'
const KIND_PHONE = 0x50; // 'P'
const U32_MAX = 0xffff_ffff;

/** Elder ids are ASCII ('E' + base32 today); the cap keeps a token within its QR size budget. */
const elderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
/** First 8 hex digits of SHA-256 of the raw 32-byte public key. */
export const keyIdSchema = z.string().regex(/^[0-9a-f]{8}$/);
const secondsSchema = z.number().int().min(0).max(U32_MAX);
const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/);

const cardPayloadSchema = z.strictObject({
  v: z.literal(QR_FORMAT_VERSION),
  k: z.literal('card'),
  keyId: keyIdSchema,
  elderId: elderIdSchema,
  issuedAt: secondsSchema,
  /** The elder's card-code version: a re-print bumps it, revoking every older print. */
  cardVersion: z.number().int().min(1).max(U32_MAX),
});

const phonePayloadSchema = z
  .strictObject({
    v: z.literal(QR_FORMAT_VERSION),
    k: z.literal('phone'),
    keyId: keyIdSchema,
    elderId: elderIdSchema,
    issuedAt: secondsSchema,
    expiresAt: secondsSchema,
    /** 12 random bytes, base64url: what makes the code "accepted once". */
    nonce: nonceSchema,
  })
  .refine((p) => p.expiresAt > p.issuedAt && p.expiresAt - p.issuedAt <= PHONE_CODE_MAX_TTL_S, { message: 'a phone code expires 1 to 60 s after issue', path: ['expiresAt'] });

export const tokenPayloadSchema = z.discriminatedUnion('k', [cardPayloadSchema, phonePayloadSchema]);
export type TokenPayload = z.infer<typeof tokenPayloadSchema>;
export type CardPayload = z.infer<typeof cardPayloadSchema>;
export type PhonePayload = z.infer<typeof phonePayloadSchema>;

export interface QrProblem {
  readonly code: 'malformed';
  readonly message: Message;
}

export interface DecodedToken {
  readonly payload: TokenPayload;
  /** Exactly what the signature covers: the ASCII prefix `ZC1.` then the payload bytes. */
  readonly signedBytes: Uint8Array;
  readonly signature: Uint8Array;
}

// ---- base64url (RFC 4648 §5, no padding) -------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET.charAt((n >> (18 - 6 * c)) & 63);
  }
  return out;
}

/**
 * Strict: only the alphabet, no padding, and the unused low bits of the last character must be zero —
 * so each byte string has exactly one text form and a changed character is never silently ignored.
 */
export function base64urlDecode(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const c of text) {
    const v = LOOKUP.get(c);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

// ---- payload bytes -----------------------------------------------------------------------------

function asciiBytes(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function hexBytes(hex: string): number[] {
  return (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));
}

/**
 * Layout (big-endian): version(1) kind(1: 'C'|'P') keyId(4) issuedAt(4) cardVersion|expiresAt(4)
 * [phone: nonce(12)] elderIdLength(1) elderId(ASCII). Nothing may follow.
 */
export function encodePayload(payload: TokenPayload): Uint8Array {
  const p = tokenPayloadSchema.parse(payload);
  const head = [p.v, p.k === 'card' ? KIND_CARD : KIND_PHONE, ...hexBytes(p.keyId), ...u32(p.issuedAt)];
  const rest = p.k === 'card' ? u32(p.cardVersion) : [...u32(p.expiresAt), ...(base64urlDecode(p.nonce) ?? [])];
  return Uint8Array.from([...head, ...rest, p.elderId.length, ...asciiBytes(p.elderId)]);
}

function readU32(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) >>> 0) + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0);
}

function hexOf(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

function decodePayload(b: Uint8Array): TokenPayload | null {
  if (b.length < 15) return null;
  const kind = b[1];
  const fixed = kind === KIND_CARD ? 14 : kind === KIND_PHONE ? 14 + NONCE_BYTES : -1;
  if (fixed < 0) return null;
  const idLength = b[fixed] ?? 0;
  // The length byte must account for every remaining byte: no trailing data, no short read.
  if (b.length !== fixed + 1 + idLength) return null;
  const elderId = String.fromCharCode(...b.subarray(fixed + 1));
  const common = { v: b[0], keyId: hexOf(b.subarray(2, 6)), issuedAt: readU32(b, 6), elderId };
  const raw =
    kind === KIND_CARD
      ? { ...common, k: 'card', cardVersion: readU32(b, 10) }
      : { ...common, k: 'phone', expiresAt: readU32(b, 10), nonce: base64urlEncode(b.subarray(14, 14 + NONCE_BYTES)) };
  const parsed = tokenPayloadSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The bytes a signature covers: the format prefix binds the version, so a later format cannot reuse a signature. */
export function signedBytesOf(payloadBytes: Uint8Array): Uint8Array {
  return Uint8Array.from([...asciiBytes(QR_PREFIX), ...payloadBytes]);
}

// ---- the token ---------------------------------------------------------------------------------

export function encodeToken(payload: TokenPayload, signature: Uint8Array): string {
  if (signature.length !== SIGNATURE_BYTES) throw new RangeError(`an Ed25519 signature is ${SIGNATURE_BYTES} bytes`);
  return `${QR_PREFIX}${base64urlEncode(encodePayload(payload))}.${base64urlEncode(signature)}`;
}

const malformed = (): Result<DecodedToken, QrProblem> => err({ code: 'malformed', message: message('qr.malformed') });

/** Splits and parses a scanned token. Says nothing about who signed it: verify `signature` over `signedBytes`. */
export function decodeToken(text: string): Result<DecodedToken, QrProblem> {
  // A scanner may add a trailing CR/LF; anything else outside the token is refused.
  const trimmed = text.replace(/[\r\n]+$/, '');
  if (!trimmed.startsWith(QR_PREFIX) || trimmed.length > 400) return malformed();
  const parts = trimmed.slice(QR_PREFIX.length).split('.');
  if (parts.length !== 2) return malformed();
  const payloadBytes = base64urlDecode(parts[0] ?? '');
  const signature = base64urlDecode(parts[1] ?? '');
  if (payloadBytes === null || signature?.length !== SIGNATURE_BYTES) return malformed();
  const payload = decodePayload(payloadBytes);
  if (payload === null) return malformed();
  return ok({ payload, signedBytes: signedBytesOf(payloadBytes), signature });
}
