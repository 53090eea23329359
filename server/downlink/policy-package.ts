/**
 * The policy package for one kiosk: every policy version its district has published, signed with the
 * district's key (shared/hub-api/downlink.ts says what the signature covers).
 *
 * packageVersion is the number of versions the district has published. Published rows are never
 * changed or removed, so it only grows, and a kiosk that has applied N asks `since=N`: when nothing
 * was published since, the package is empty (still signed, so the kiosk knows it is up to date).
 * When something was, the package carries ALL the district's versions, not only the new ones:
 * they are a few kilobytes each and published a few times a year, and a full set can never miss a
 * version that a "rows after N" cut would (two publishes committing out of order). The kiosk
 * installs the ones it already holds as no-ops.
 */
import { sign } from 'node:crypto';
import { z } from 'zod';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { DOWNLINK_PACKAGE_VERSION, policyPackageText } from '../../shared/hub-api/downlink.js';
import type { PolicyPackage, UnsignedPolicyPackage } from '../../shared/hub-api/downlink.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { instant } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { districtSigningKey } from '../districts/index.js';

export type PolicyPackageRefusal = HubRefusal<'unknownDevice' | 'revoked' | 'noKey'>;

const deviceRow = z.object({ district_id: dbInt, revoked_at: dbInstant.nullable() });
const documentRow = z.object({ document: z.record(z.string(), z.unknown()) });

/**
 * Builds and signs the package for `deviceId` (already authenticated by verifyDeviceRequest).
 * `since`: the packageVersion the kiosk last applied, 0 if none. `now`: the hub's clock (issuedAt).
 */
export async function policyPackage(
  db: HubQueries,
  input: { readonly deviceId: string; readonly since: number; readonly now: string },
): Promise<Result<PolicyPackage, PolicyPackageRefusal>> {
  instant(input.now);
  if (!Number.isSafeInteger(input.since) || input.since < 0) throw new RangeError(`policyPackage: since must be a whole number ≥ 0, got ${input.since}`);
  const [device] = await db.query(
    `SELECT c.district_id, d.revoked_at FROM devices d JOIN canteens c ON c.id = d.canteen_id WHERE d.device_id = $1`,
    [input.deviceId],
    deviceRow,
  );
  if (device === undefined) return refuse('unknownDevice', 'hub.down.unknownDevice', { deviceId: input.deviceId });
  if (device.revoked_at !== null) return refuse('revoked', 'hub.down.revoked', { at: device.revoked_at });
  const key = await districtSigningKey(db, device.district_id);
  if (!key.ok) return refuse('noKey', 'hub.down.noKey');
  // One statement: the count and the documents come from one snapshot.
  const rows = await db.query(`SELECT document FROM policies WHERE district_id = $1 ORDER BY policy_id, version`, [device.district_id], documentRow);
  const packageVersion = rows.length;
  const unsigned: UnsignedPolicyPackage = {
    v: DOWNLINK_PACKAGE_VERSION,
    districtId: device.district_id,
    deviceId: input.deviceId,
    issuedAt: new Date(instant(input.now)).toISOString(),
    packageVersion,
    policies: input.since < packageVersion ? rows.map((r) => r.document) : [],
  };
  const signature = sign(null, Buffer.from(policyPackageText(unsigned), 'utf8'), key.value.privateKey).toString('base64');
  return ok({ ...unsigned, signature });
}
