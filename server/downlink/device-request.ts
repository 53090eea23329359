/**
 * Who is pulling: a kiosk proves it is an enrolled device by signing `zhucan-pull\n<deviceId>\n<timestamp>`
 * with the key it registered at enrolment (shared/hub-api/downlink.ts). No account or cookie is
 * involved — a kiosk has none — so this is the whole of the authentication of a pull.
 *
 * A captured request can be replayed only within PULL_MAX_SKEW_MS and only to read the same
 * district's published policies again, which the kiosk may read anyway; nothing is written.
 */
import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { PULL_HEADERS, PULL_MAX_SKEW_MS, pullRequestSchema, pullStatementText } from '../../shared/hub-api/downlink.js';
import type { PullTarget } from '../../shared/hub-api/downlink.js';
import type { PullRefusalKind } from '../../shared/hub-api/downlink.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { instant } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

/** An enrolled, unrevoked device whose signed request checked out. */
export interface PullingDevice {
  readonly deviceId: string;
  readonly canteenId: number;
  readonly districtId: number;
}

export type PullRefusal = HubRefusal<PullRefusalKind>;

/** Request headers as Node gives them (names in lower case; a repeated header as an array). */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

const deviceRow = z.object({ device_id: z.string(), canteen_id: dbInt, district_id: dbInt, public_key: z.string(), revoked_at: dbInstant.nullable() });

/** The three pull headers, each present once; anything else is a bad request. */
function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Ed25519 verification that never throws: a malformed key or signature is simply "does not verify". */
export function verifiesWith(publicKeySpkiBase64: string, text: string, signatureBase64: string): boolean {
  try {
    const signature = Buffer.from(signatureBase64, 'base64');
    // Base64 whose unused low bits are set decodes to the same bytes: accept only the one canonical
    // spelling, so no two signature texts pass for one signature.
    if (signature.toString('base64') !== signatureBase64) return false;
    const key = createPublicKey({ key: Buffer.from(publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(text, 'utf8'), key, signature);
  } catch {
    return false;
  }
}

/**
 * Checks a pull: the headers' shape, the device (enrolled; revoked ones refused), its signature, and
 * the timestamp against the hub's clock `now`. Reads only; the HTTP layer maps each refusal kind to a
 * status (see PULL_REFUSALS).
 */
export async function verifyDeviceRequest(db: HubQueries, headers: RequestHeaders, now: string, target: PullTarget): Promise<Result<PullingDevice, PullRefusal>> {
  const nowMs = instant(now);
  const parsed = pullRequestSchema.safeParse({
    deviceId: header(headers, PULL_HEADERS.deviceId),
    timestamp: header(headers, PULL_HEADERS.timestamp),
    signature: header(headers, PULL_HEADERS.signature),
  });
  if (!parsed.success) return refuse('badRequest', 'hub.down.badRequest', { headers: Object.values(PULL_HEADERS).join(', ') });
  const request = parsed.data;
  const [device] = await db.query(
    `SELECT d.device_id, d.canteen_id, c.district_id, d.public_key, d.revoked_at
     FROM devices d JOIN canteens c ON c.id = d.canteen_id WHERE d.device_id = $1`,
    [request.deviceId],
    deviceRow,
  );
  if (device === undefined) return refuse('unknownDevice', 'hub.down.unknownDevice', { deviceId: request.deviceId });
  // The signature before anything else about the device: only the key's holder learns it is revoked.
  if (!verifiesWith(device.public_key, pullStatementText(request.deviceId, request.timestamp, target), request.signature)) {
    return refuse('badSignature', 'hub.down.badSignature');
  }
  if (device.revoked_at !== null) return refuse('revoked', 'hub.down.revoked', { at: device.revoked_at });
  const skewMs = Date.parse(request.timestamp) - nowMs;
  if (Math.abs(skewMs) > PULL_MAX_SKEW_MS) {
    return refuse('clockSkew', 'hub.down.clockSkew', { minutes: Math.round(skewMs / 60_000), max: PULL_MAX_SKEW_MS / 60_000 });
  }
  return ok({ deviceId: device.device_id, canteenId: device.canteen_id, districtId: device.district_id });
}
