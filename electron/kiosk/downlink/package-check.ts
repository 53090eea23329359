/**
 * Is this package really from our district, for this kiosk? Shape, then the district's Ed25519
 * signature over the text shared/hub-api/downlink.ts defines, then the device id. Nothing here
 * touches the store: a package that fails any check is refused before a single row is read for it.
 */
import { createPublicKey, verify } from 'node:crypto';
import { policyPackageSchema, policyPackageText } from '../../../shared/hub-api/downlink.js';
import type { PolicyPackage } from '../../../shared/hub-api/downlink.js';
import { message } from '../../../shared/i18n/text.js';
import { parseWith } from '../../../shared/parse.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import type { DownlinkRefusal } from './refusal.js';

/** Ed25519 verification that never throws: a malformed key, text or signature is "does not verify". */
function signedByDistrict(districtKeySpkiBase64: string, pkg: PolicyPackage): boolean {
  try {
    const signature = Buffer.from(pkg.signature, 'base64');
    // Unused low bits of the last base64 symbol decode to the same bytes: only the canonical
    // spelling counts, so an edited signature text never passes for the signature.
    if (signature.toString('base64') !== pkg.signature) return false;
    const key = createPublicKey({ key: Buffer.from(districtKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    // policyPackageText throws for a value with no canonical form (a float, "__proto__"): not ours.
    return verify(null, Buffer.from(policyPackageText(pkg), 'utf8'), key, signature);
  } catch {
    return false;
  }
}

/** The package, checked: the shape, signed by the district key, addressed to `deviceId`. */
export function checkPackage(raw: unknown, districtKey: string, deviceId: string): Result<PolicyPackage, DownlinkRefusal> {
  const parsed = parseWith(policyPackageSchema, raw, 'downlink.what');
  if (!parsed.ok) return err({ kind: 'malformed', message: parsed.error.message, issues: parsed.error.issues });
  const pkg = parsed.value;
  if (!signedByDistrict(districtKey, pkg)) return err({ kind: 'badSignature', message: message('downlink.badSignature') });
  if (pkg.deviceId !== deviceId) return err({ kind: 'wrongDevice', message: message('downlink.wrongDevice', { to: pkg.deviceId, us: deviceId }) });
  return ok(pkg);
}
