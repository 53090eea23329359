/**
 * The district's QR public keys of a roster package (format 2, shared/roster/package.ts), applied in
 * the package's own write transaction (apply-package.ts): a new district key is installed (verify
 * only), a key the district retired is retired here too — at once and for good, as `zhucan qr key
 * retire` would (docs/qr.md) — and the kiosk's own keys are never touched, whatever the package says:
 * they are the kiosk's to retire.
 */
import type { KeyObject } from 'node:crypto';
import { message } from '../../../shared/i18n/index.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import type { PackageQrKey, RosterPackagePayload } from '../../../shared/roster/package.js';
import { keyIdOf } from '../qr/qr-keys.js';
import type { WriteTx } from '../store/open.js';
import { districtKey } from './verify-package.js';
import type { RosterDownRefusal } from './verify-package.js';

export interface QrKeysApplied {
  /** District keys new to this kiosk (retired ones included: installed as retired). */
  readonly installed: number;
  /** District keys this kiosk had in use and retired now. */
  readonly retired: number;
}

/**
 * Every key must be an Ed25519 public key whose id is the one named, once: anything else is a bug at
 * the hub, and the whole package is refused (naming the key) rather than half believed.
 */
export function checkQrKeys(payload: RosterPackagePayload): Result<readonly PackageQrKey[], RosterDownRefusal> {
  const keys = payload.qrKeys ?? [];
  const seen = new Set<string>();
  for (const k of keys) {
    const key: KeyObject | undefined = districtKey(k.publicKey);
    if (key === undefined || keyIdOf(key) !== k.keyId || seen.has(k.keyId)) {
      return err({ kind: 'badPackage', message: message('rosterKeys.badPackageKey', { keyId: k.keyId }) });
    }
    seen.add(k.keyId);
  }
  return ok(keys);
}

interface KnownKey {
  kind: 'kiosk' | 'district';
  retired_at: string | null;
}

export function applyQrKeys(tx: WriteTx, keys: readonly PackageQrKey[], now: string): QrKeysApplied {
  let installed = 0;
  let retired = 0;
  for (const k of keys) {
    const known = tx.stmt<KnownKey>('SELECT kind, retired_at FROM qr_keys WHERE key_id = ?').get(k.keyId);
    if (known === undefined) {
      // created_at is when this kiosk installed it; a key retired before it ever arrived is kept as
      // retired, so its id is not "unknown" and installing it by hand later is refused.
      tx.stmt("INSERT INTO qr_keys (key_id, kind, public_key, created_at, retired_at) VALUES (?, 'district', ?, ?, ?)").run(k.keyId, k.publicKey, now, k.retiredAt);
      installed += 1;
    } else if (known.kind === 'district' && known.retired_at === null && k.retiredAt !== null) {
      tx.stmt("UPDATE qr_keys SET retired_at = ? WHERE key_id = ? AND kind = 'district' AND retired_at IS NULL").run(k.retiredAt, k.keyId);
      retired += 1;
    }
    // Otherwise nothing: already so here, retired here already (final), or the kiosk's own key.
  }
  return { installed, retired };
}
