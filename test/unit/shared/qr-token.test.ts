/**
 * The QR token format (shared/qr/token.ts, docs/qr.md): round trip, strict parsing, every byte bound
 * to the signature, and the size budget a cheap scanner reads reliably. Signatures here are real
 * Ed25519 (node:crypto) so "tamper → refused" is tested end to end, not just "tamper → different".
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64urlDecode,
  base64urlEncode,
  decodeToken,
  encodePayload,
  encodeToken,
  QR_PREFIX,
  signedBytesOf,
  tokenPayloadSchema,
} from '../../../shared/qr/token.js';
import type { TokenPayload } from '../../../shared/qr/token.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

const card: TokenPayload = { v: 1, k: 'card', keyId: '0a1b2c3d', elderId: 'EABCDEFGHJK', issuedAt: 1_764_000_000, cardVersion: 3 };
const phone: TokenPayload = { v: 1, k: 'phone', keyId: 'ffee0011', elderId: 'EABCDEFGHJK', issuedAt: 1_764_000_000, expiresAt: 1_764_000_060, nonce: 'AAECAwQFBgcICQoL' };

function signed(payload: TokenPayload): string {
  return encodeToken(payload, sign(null, signedBytesOf(encodePayload(payload)), privateKey));
}

/** Decodes and checks the signature, as the kiosk does. */
function accepted(text: string): boolean {
  const d = decodeToken(text);
  return d.ok && verify(null, d.value.signedBytes, publicKey, d.value.signature);
}

describe('base64url', () => {
  it('round-trips every length and refuses non-canonical text', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = base64urlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64urlDecode(text)).toEqual(bytes);
    }
    expect(base64urlDecode('AB')).toBeNull(); // low bits set: 'AA' is the one form of [0]
    expect(base64urlDecode('A')).toBeNull();
    expect(base64urlDecode('AA==')).toBeNull();
    expect(base64urlDecode('A+/A')).toBeNull();
  });
});

describe('QR tokens', () => {
  it('round-trip card and phone payloads', () => {
    for (const p of [card, phone]) {
      const text = signed(p);
      expect(text.startsWith(QR_PREFIX)).toBe(true);
      const d = decodeToken(text);
      expect(d.ok && d.value.payload).toEqual(p);
      expect(accepted(text)).toBe(true);
    }
  });

  it('stay under 200 characters with the longest elder id', () => {
    const long = 'E'.repeat(32);
    expect(signed({ ...card, elderId: long }).length).toBeLessThan(200);
    expect(signed({ ...phone, elderId: long }).length).toBeLessThan(200);
    expect(signed(phone).length).toBeLessThan(160);
  });

  it('refuse any changed character', () => {
    for (const p of [card, phone]) {
      const text = signed(p);
      for (let i = QR_PREFIX.length; i < text.length; i++) {
        if (text[i] === '.') continue;
        const swapped = text[i] === 'A' ? 'B' : 'A';
        expect(accepted(text.slice(0, i) + swapped + text.slice(i + 1)), `char ${i}`).toBe(false);
      }
    }
  });

  it('refuse any changed payload byte, even if it re-signs nothing', () => {
    const bytes = encodePayload(phone);
    const signature = sign(null, signedBytesOf(bytes), privateKey);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Uint8Array.from(bytes);
      changed[i] = (changed[i] ?? 0) ^ 0x01;
      const text = `${QR_PREFIX}${base64urlEncode(changed)}.${base64urlEncode(signature)}`;
      expect(accepted(text), `byte ${i}`).toBe(false);
    }
  });

  it('parse strictly', () => {
    const text = signed(card);
    const [payloadText = '', sigText = ''] = text.slice(QR_PREFIX.length).split('.');
    const bytes = base64urlDecode(payloadText) ?? new Uint8Array();
    const bad = [
      '',
      'ZC2.' + text.slice(4),
      text + '.x',
      text.replace('.', ''),
      `${QR_PREFIX}${base64urlEncode(Uint8Array.from([...bytes, 0]))}.${sigText}`, // trailing byte
      `${QR_PREFIX}${base64urlEncode(bytes.subarray(0, bytes.length - 1))}.${sigText}`, // short
      `${QR_PREFIX}${payloadText}.${sigText.slice(0, -2)}`, // short signature
      ` ${text}`,
    ];
    for (const b of bad) expect(decodeToken(b).ok, b).toBe(false);
    expect(decodeToken(`${text}\r\n`).ok).toBe(true);
    const wrongVersion = Uint8Array.from(bytes);
    wrongVersion[0] = 2;
    expect(decodeToken(`${QR_PREFIX}${base64urlEncode(wrongVersion)}.${sigText}`).ok).toBe(false);
  });

  it('the schema refuses unknown fields, bad ids, and a phone code living over 60 s', () => {
    expect(tokenPayloadSchema.safeParse({ ...card, extra: 1 }).success).toBe(false);
    expect(tokenPayloadSchema.safeParse({ ...card, elderId: '王' }).success).toBe(false);
    expect(tokenPayloadSchema.safeParse({ ...card, cardVersion: 0 }).success).toBe(false);
    expect(tokenPayloadSchema.safeParse({ ...phone, expiresAt: phone.issuedAt + 61 }).success).toBe(false);
    expect(tokenPayloadSchema.safeParse({ ...phone, expiresAt: phone.issuedAt }).success).toBe(false);
    expect(tokenPayloadSchema.safeParse({ ...phone, cardVersion: 1 }).success).toBe(false);
    expect(() => encodePayload({ ...phone, expiresAt: phone.issuedAt + 3600 })).toThrow();
  });
});
