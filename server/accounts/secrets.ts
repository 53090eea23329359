/**
 * Secrets the hub hands out and keeps only as hashes: password hashes (scrypt, slow on purpose) and
 * random bearer tokens (SHA-256, fast: 256 random bits cannot be guessed, so slowness buys nothing).
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { formatScryptHash, parseScryptHash } from '../../shared/scrypt-hash.js';

/**
 * OWASP's scrypt setting N=2^15, r=8, p=3 (equivalent in cost to N=2^17, p=1 with a quarter of the
 * memory): about 0.4 s and 32 MiB per check — unnoticeable at sign-in, ruinous for a guesser. The
 * parameters are stored with each hash (`scrypt$N$r$p$salt$hash`, as the kiosk stores PINs), so they
 * can be raised later without breaking existing passwords.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 3 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  // maxmem: Node's default (32 MiB) is exactly what N=2^15, r=8 needs; leave room for raised ones.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 };
  // The async form runs on libuv's thread pool: 0.4 s of hashing must not stall every other request.
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, length, options, (e, key) => (e === null ? resolve(key) : reject(e)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, HASH_BYTES);
  return formatScryptHash({ ...SCRYPT, saltHex: salt.toString('hex'), hashHex: hash.toString('hex') });
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parseScryptHash(stored);
  if (h === null) return false;
  const expected = Buffer.from(h.hashHex, 'hex');
  const actual = await scrypt(password, Buffer.from(h.saltHex, 'hex'), h.N, h.r, h.p, expected.length);
  return timingSafeEqual(actual, expected);
}

// A real hash to check against when the login does not exist, so "no such login" costs one scrypt
// like "wrong password" and the answer's timing does not reveal which logins exist. Made once.
let dummyHash: Promise<string> | undefined;

export async function burnDummyCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
}

/** 256 random bits, base64url (43 characters): a session or API token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Whether a presented string could be one of our tokens at all (checked before any query). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
