/**
 * Roster down: the package a kiosk fetches — every elder of its canteen's area that changed after the
 * version the kiosk has (new, edited, suspended, reinstated, cards), signed by the district key. The
 * kiosk verifies and applies it in one transaction (electron/kiosk/roster-downlink).
 *
 * Changes are taken in version order, at most `limit` at a time; `more` tells the kiosk to ask again
 * from the new version. Every elder change has its own version (roster-versions.ts), so a page never
 * splits one. Elders changed in the range who are not of the area (moved to another town) go as
 * ids only in `withdrawn`.
 *
 * The district's QR keys added or retired in the range go too (`qrKeys`, format 2; server/qr-keys):
 * they share the elders' version counter, so a page is cut at one version for both and the kiosk
 * applies keys and elders in one transaction. With no key change in the range the package is format
 * 1, exactly what a kiosk of the first build reads (shared/roster/package.ts).
 */
import { sign } from 'node:crypto';
import { z } from 'zod';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { ROSTER_PACKAGE_FORMAT, ROSTER_PACKAGE_FORMAT_QR_KEYS, rosterPackageBytes } from '../../shared/roster/package.js';
import type { PackageElder, PackageQrKey, RosterPackagePayload, SignedRosterPackage } from '../../shared/roster/package.js';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { instant } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { districtSigningKey } from '../districts/index.js';
import { qrKeysChanged } from '../qr-keys/index.js';
import { areaOf, inArea } from './canteen-area.js';
import { ELDER_COLUMNS, cardsOf, elderRow, statusesOf } from './roster-rows.js';
import { currentVersion } from './roster-versions.js';

/** Elders per package: ~300 bytes each, so a package stays near 1.5 MB. */
export const ROSTER_PACKAGE_LIMIT = 5000;
/** QR key changes per package (the schema's bound; a district has a handful). */
const QR_KEY_LIMIT = 1000;

export interface RosterPackageInput {
  /** The device asking, already authenticated by the caller (its signed request). */
  readonly deviceId: string;
  /** The version the kiosk has applied (0 for none). */
  readonly sinceVersion: number;
  readonly now: string;
  readonly limit?: number;
}

export type RosterPackageRefusal = HubRefusal<'unknownDevice' | 'revoked' | 'badVersion' | 'aheadOfHub' | 'unknown' | 'noKey'>;

const deviceRow = z.object({ device_id: z.string(), revoked_at: dbInstant.nullable(), id: dbInt, district_id: dbInt, region_code: z.string() });

export async function rosterPackage(db: HubQueries, input: RosterPackageInput): Promise<Result<SignedRosterPackage, RosterPackageRefusal>> {
  instant(input.now);
  if (!Number.isSafeInteger(input.sinceVersion) || input.sinceVersion < 0) return refuse('badVersion', 'hub.roster.badSince');
  const [device] = await db.query(
    `SELECT d.device_id, d.revoked_at, c.id, c.district_id, c.region_code FROM devices d JOIN canteens c ON c.id = d.canteen_id WHERE d.device_id = $1`,
    [input.deviceId],
    deviceRow,
  );
  if (device === undefined) return refuse('unknownDevice', 'hub.roster.unknownDevice');
  // A revoked kiosk (stolen, retired) gets no more personal data.
  if (device.revoked_at !== null) return refuse('revoked', 'hub.roster.revokedDevice');
  const area = areaOf(device);
  // A kiosk past the hub's own counter means the hub's database went back (restored from a backup):
  // answering "nothing new" would leave the kiosk without every change since. Say so instead.
  const hubVersion = await currentVersion(db, area.districtId);
  if (input.sinceVersion > hubVersion) return refuse('aheadOfHub', 'hub.roster.aheadOfHub', { kiosk: input.sinceVersion, hub: hubVersion });
  const limit = Math.min(Math.max(input.limit ?? ROSTER_PACKAGE_LIMIT, 1), ROSTER_PACKAGE_LIMIT);

  // Both reads stop at the counter read above: every change numbered up to it has committed (numbers
  // are handed out under the counter's lock and saved with the change), so the two reads agree even
  // while roster writers commit between them.
  const rows = await db.query(
    `SELECT ${ELDER_COLUMNS} FROM roster_elders e WHERE e.district_id = $1 AND e.version > $2 AND e.version <= $3 ORDER BY e.version LIMIT $4`,
    [area.districtId, input.sinceVersion, hubVersion, limit + 1],
    elderRow,
  );
  const keyRows = await qrKeysChanged(db, area.districtId, input.sinceVersion, hubVersion, QR_KEY_LIMIT + 1);
  // Where this page ends: after the last elder or key that fits, when either has more waiting.
  const cuts = [rows.length > limit ? rows[limit - 1]?.version : undefined, keyRows.length > QR_KEY_LIMIT ? keyRows[QR_KEY_LIMIT - 1]?.version : undefined];
  const cut = Math.min(...cuts.map((c) => c ?? Infinity));
  const page = rows.filter((r) => r.version <= cut);
  const keys: PackageQrKey[] = keyRows
    .filter((k) => k.version <= cut)
    .map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, addedAt: k.addedAt, retiredAt: k.retiredAt, version: k.version }));
  const ours = page.filter((r) => inArea(area, r));
  const ids = ours.map((r) => r.elder_id);
  const [statuses, cards] = [await statusesOf(db, ids), await cardsOf(db, ids)];
  const elders: PackageElder[] = ours.map((r) => ({
    elderId: r.elder_id,
    name: r.name,
    idNumber: r.id_number,
    hukouRegion: r.hukou_region,
    residenceRegion: r.residence_region,
    careHome: r.care_home,
    livesAlone: r.lives_alone,
    active: r.active,
    statuses: (statuses.get(r.elder_id) ?? []).map((s) => ({ ...s })),
    cards: (cards.get(r.elder_id) ?? []).map((c) => ({ ...c })),
    version: r.version,
  }));
  const version = Math.max(input.sinceVersion, ...page.map((r) => r.version), ...keys.map((k) => k.version));
  const payload: RosterPackagePayload = {
    format: keys.length === 0 ? ROSTER_PACKAGE_FORMAT : ROSTER_PACKAGE_FORMAT_QR_KEYS,
    districtId: area.districtId,
    deviceId: device.device_id,
    fromVersion: input.sinceVersion,
    version,
    more: cut !== Infinity,
    issuedAt: input.now,
    elders,
    withdrawn: page.filter((r) => !inArea(area, r)).map((r) => r.elder_id),
    // Absent rather than empty: a package without key changes stays format 1.
    ...(keys.length === 0 ? {} : { qrKeys: keys }),
  };
  // The district's key (server/districts): a district without one cannot send anything down.
  const key = await districtSigningKey(db, area.districtId);
  if (!key.ok) return key;
  const signature = sign(null, Buffer.from(rosterPackageBytes(payload), 'utf8'), key.value.privateKey).toString('base64');
  return ok({ payload, signature });
}
