/**
 * The kiosk's device key: the Ed25519 key pair made at enrolment, whose private half signs every
 * upload (shared/hub-api/upload.ts). Where the private key lives is behind DeviceKeyStore so the
 * Electron app can later wrap it with the OS key store (safeStorage) without touching the uploader.
 *
 * The default store is a file next to the kiosk database, `<db>.device-key`, PKCS#8 PEM, mode 0600,
 * written atomically (temp file, fsync, rename). Not in the database, because copies of the database
 * travel (a report on a USB stick, a support case) and a copy must not be able to sign uploads in the
 * canteen's name; and not only in memory, because the kiosk must sign after every restart.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface DeviceKeyPair {
  readonly privateKey: KeyObject;
  /** SPKI DER, base64: the form the hub registers (enrolRequestSchema.publicKey). */
  readonly publicKey: string;
}

export type DeviceKeyLoad =
  | { readonly ok: true; readonly key: DeviceKeyPair }
  | { readonly ok: false; readonly reason: 'missing' | 'unreadable'; readonly where: string };

export interface DeviceKeyStore {
  /** Where the key lives, for messages ("the key file … is missing"). */
  readonly where: string;
  load(): DeviceKeyLoad;
  /** Replaces the stored key, all or nothing. */
  save(key: KeyObject): void;
}

export function generateDeviceKey(): DeviceKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Ed25519 signature of the UTF-8 text, base64 (the form uploadBatchSchema.signature takes). */
export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

/** The key file of the kiosk database at `dbFile`. */
export function deviceKeyFile(dbFile: string): string {
  return `${dbFile}.device-key`;
}

export function fileKeyStore(file: string): DeviceKeyStore {
  return {
    where: file,
    load(): DeviceKeyLoad {
      let pem: string;
      try {
        pem = readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'unreadable', where: file };
      }
      try {
        const privateKey = createPrivateKey({ key: pem, format: 'pem' });
        if (privateKey.asymmetricKeyType !== 'ed25519') return { ok: false, reason: 'unreadable', where: file };
        return { ok: true, key: { privateKey, publicKey: publicKeyOf(privateKey) } };
      } catch {
        return { ok: false, reason: 'unreadable', where: file };
      }
    },
    save(key: KeyObject): void {
      writeFileAtomic(file, key.export({ type: 'pkcs8', format: 'pem' }).toString());
    },
  };
}

/**
 * Temp file in the same folder (so rename is atomic), created 0600 before any byte is written,
 * fsynced, then renamed over the target: a power cut leaves the old key or the new one, never half.
 * On Windows the mode is ignored; the file inherits the folder's ACL (docs/sync.md).
 */
function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
