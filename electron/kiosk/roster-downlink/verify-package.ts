/**
 * Checking a roster package before anything of it is used: the district's signature over the payload
 * exactly as it arrived, then its shape, then that it is addressed to this kiosk. A package that
 * fails any check is refused whole, with the reason, and changes nothing.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CanonicalJsonError } from '../../../shared/ledger/canonical.js';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { parseWith } from '../../../shared/parse.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { rosterPackageBytes, rosterPackagePayloadSchema, signedRosterPackageSchema } from '../../../shared/roster/package.js';
import type { RosterPackagePayload } from '../../../shared/roster/package.js';

export type RosterDownRefusalKind = 'badPackage' | 'badSignature' | 'noDistrictKey' | 'wrongDevice' | 'wrongDistrict' | 'gap' | 'badElder' | 'conflict';

export interface RosterDownRefusal {
  readonly kind: RosterDownRefusalKind;
  readonly message: Message;
}

function refuse(kind: RosterDownRefusalKind, key: string, params?: Record<string, string | number>): Result<never, RosterDownRefusal> {
  return err({ kind, message: message(key, params) });
}

/** The district's public key as enrolment gave it (SPKI DER, base64), or undefined when it is not an Ed25519 key. */
export function districtKey(spkiBase64: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

export interface VerifyOptions {
  /** The district's public key (SPKI DER, base64), learnt at enrolment. */
  readonly districtPublicKey: string;
  /** This kiosk's device id: a package for another kiosk is refused. */
  readonly deviceId: string;
}

export function verifyRosterPackage(input: unknown, opts: VerifyOptions): Result<RosterPackagePayload, RosterDownRefusal> {
  const key = districtKey(opts.districtPublicKey);
  if (key === undefined) return refuse('noDistrictKey', 'rosterDown.noDistrictKey');
  const envelope = signedRosterPackageSchema.safeParse(input);
  if (!envelope.success) return refuse('badPackage', 'rosterDown.badEnvelope');
  let bytes: string;
  try {
    bytes = rosterPackageBytes(envelope.data.payload);
  } catch (e) {
    // A float or a value JSON cannot carry was never signed by a hub: not a package.
    if (e instanceof CanonicalJsonError) return refuse('badPackage', 'rosterDown.badEnvelope');
    throw e;
  }
  const signature = Buffer.from(envelope.data.signature, 'base64');
  // Unused low bits of the last base64 symbol decode to the same bytes: only the canonical spelling
  // counts, so an edited signature text never passes for the signature.
  if (signature.toString('base64') !== envelope.data.signature || !verify(null, Buffer.from(bytes, 'utf8'), key, signature)) {
    return refuse('badSignature', 'rosterDown.badSignature');
  }
  // Signed by the district, so a shape we cannot read is a newer hub's: say so rather than guess.
  const payload = parseWith(rosterPackagePayloadSchema, envelope.data.payload, 'rosterDown.what');
  if (!payload.ok) return err({ kind: 'badPackage', message: payload.error.message });
  if (payload.value.deviceId !== opts.deviceId) return refuse('wrongDevice', 'rosterDown.wrongDevice');
  return ok(payload.value);
}
