/**
 * What kiosks pull down: GET /api/v1/downlink/policies, the district's policy versions signed with
 * the district key; GET /api/v1/downlink/roster, the roster of the canteen's area changed since the
 * kiosk's version, signed likewise; and what a kiosk reports back, POST /api/v1/downlink/roster-aliases,
 * the local elders it re-keyed to district ids. The kiosk has no account; it proves itself by
 * signing the pull headers with the key it registered at enrolment (server/downlink
 * verifyDeviceRequest), so the routes are 'device' and each handler does the whole of the
 * authentication before anything is read.
 */
import { z } from 'zod';
import {
  policyPackageSchema,
  PULL_HEADERS,
  rosterAliasesAnswerSchema,
  rosterAliasesBodySchema,
  rosterAliasesText,
  rosterPackageAnswerSchema,
  sinceSchema,
} from '../../../shared/hub-api/downlink.js';
import type { PullRefusalKind, PullTarget } from '../../../shared/hub-api/downlink.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { assertNever } from '../../../shared/assert.js';
import { message } from '../../../shared/i18n/index.js';
import type { HubRefusal } from '../../accounts/index.js';
import type { HubQueries } from '../../db/index.js';
import { policyPackage, verifiesWith, verifyDeviceRequest } from '../../downlink/index.js';
import type { PullingDevice, RequestHeaders } from '../../downlink/index.js';
import { recordElderAliases, rosterPackage } from '../../roster/index.js';
import type { AliasRefusal, RosterPackageRefusal } from '../../roster/index.js';
import { HttpError } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';

/** The status of each pull refusal (shared/hub-api/downlink.ts PULL_REFUSALS). */
export function pullRefusalStatus(kind: PullRefusalKind): number {
  switch (kind) {
    case 'badRequest':
      return 400;
    case 'unknownDevice':
    case 'badSignature':
    case 'clockSkew':
      return 401;
    case 'revoked':
      return 403;
    case 'noKey':
      return 503;
    default:
      return assertNever(kind);
  }
}

export function pullRefusal(refusal: HubRefusal<PullRefusalKind>): HttpError {
  return new HttpError(pullRefusalStatus(refusal.kind), refusal.kind, refusal.message);
}

/** server/roster's refusals of a roster package, in the pull's statuses; a kiosk ahead of the hub is 409. */
function rosterRefusal(refusal: RosterPackageRefusal): HttpError {
  switch (refusal.kind) {
    case 'unknownDevice':
    case 'revoked':
    case 'noKey':
      return pullRefusal({ kind: refusal.kind, message: refusal.message });
    case 'badVersion':
      return new HttpError(400, 'badRequest', refusal.message);
    case 'aheadOfHub':
      return new HttpError(409, 'aheadOfHub', refusal.message);
    case 'unknown':
      // The device's canteen names a district the hub cannot find: the hub's fault, not the kiosk's.
      return new HttpError(503, 'noKey', refusal.message);
    default:
      return assertNever(refusal.kind);
  }
}

function aliasRefusal(refusal: AliasRefusal): HttpError {
  switch (refusal.kind) {
    case 'unknownDevice':
    case 'revoked':
      return pullRefusal({ kind: refusal.kind, message: refusal.message });
    case 'unknownElder':
      return new HttpError(400, 'unknownElder', refusal.message);
    case 'aliasConflict':
      return new HttpError(409, 'aliasConflict', refusal.message);
    default:
      return assertNever(refusal.kind);
  }
}

/** A signed pull's device, or its refusal thrown. */
async function pullingDevice(db: HubQueries, headers: RequestHeaders, now: string, target: PullTarget): Promise<PullingDevice> {
  const device = await verifyDeviceRequest(db, headers, now, target);
  if (!device.ok) throw pullRefusal(device.error);
  return device.value;
}

const ROSTER_REFUSALS_TEXT = 'Refusals: 400 badRequest; 401 unknownDevice, badSignature, clockSkew; 403 revoked; 503 noKey';

export const downlinkRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.downlinkPolicies,
    tag: 'kiosks',
    summary:
      "A kiosk's signed pull (headers X-Zhucan-Device, X-Zhucan-Timestamp, X-Zhucan-Signature) of its district's policy versions, signed with the district key. ?since=N: the packageVersion it last applied; an empty package when nothing is newer. Refusals: 400 badRequest; 401 unknownDevice, badSignature, clockSkew; 403 revoked; 503 noKey.",
    auth: 'device',
    query: z.strictObject({ since: sinceSchema }),
    response: policyPackageSchema,
    async handler({ db, headers, query, now }) {
      const device = await pullingDevice(db, headers, now, { method: 'GET', path: HUB_PATHS.downlinkPolicies, since: query.since });
      const pkg = await policyPackage(db, { deviceId: device.deviceId, since: query.since, now });
      if (!pkg.ok) throw pullRefusal(pkg.error);
      return { body: pkg.value };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.downlinkRoster,
    tag: 'kiosks',
    summary: `A kiosk's signed pull (the headers of /downlink/policies) of the roster of its canteen's area: every elder changed after ?since=N (the roster version it has applied), at most 5,000 a package in version order, signed with the district key (payload as shared/roster/package.ts; more: true means ask again from payload.version). ${ROSTER_REFUSALS_TEXT}; 409 aheadOfHub (the kiosk's version is past the hub's: the hub was restored from a backup).`,
    auth: 'device',
    query: z.strictObject({ since: sinceSchema }),
    response: rosterPackageAnswerSchema,
    async handler({ db, headers, query, now }) {
      const device = await pullingDevice(db, headers, now, { method: 'GET', path: HUB_PATHS.downlinkRoster, since: query.since });
      const pkg = await rosterPackage(db, { deviceId: device.deviceId, sinceVersion: query.since, now });
      if (!pkg.ok) throw rosterRefusal(pkg.error);
      // server/roster types the payload loosely (it signs whatever it built); the answer's schema states it.
      return { body: rosterPackageAnswerSchema.parse(pkg.value) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.downlinkRosterAliases,
    tag: 'kiosks',
    summary: `A kiosk's report (the signed headers of a pull, and a signature of the body) of the local elder ids it re-keyed to district ids, so the hub counts meals recorded under the old id as that elder's. At most 10,000 pairs; a pair the hub has is taken again as a no-op. ${ROSTER_REFUSALS_TEXT}; 400 unknownElder (a district id not on the district's roster); 409 aliasConflict (a local id already reported as another elder: nothing of the report is kept).`,
    auth: 'device',
    body: rosterAliasesBodySchema,
    // 10,000 pairs of a 100-character local id and a district id, as JSON (the kiosk sends parts of
    // 1,000 short ids, ~60 KiB). The body is read before the signed headers are checked, so it is
    // kept no larger than that.
    maxBodyBytes: 2 * 1024 * 1024,
    response: rosterAliasesAnswerSchema,
    async handler({ db, headers, body, now }) {
      const device = await pullingDevice(db, headers, now, { method: 'POST', path: HUB_PATHS.downlinkRosterAliases, since: null });
      // The headers checked out, so the timestamp header is a string of the right shape.
      const timestamp = String(headers[PULL_HEADERS.timestamp]);
      const [key] = await db.query(`SELECT public_key FROM devices WHERE device_id = $1`, [device.deviceId], z.object({ public_key: z.string() }));
      if (key === undefined || !verifiesWith(key.public_key, rosterAliasesText(device.deviceId, timestamp, body.aliases), body.signature)) {
        throw new HttpError(401, 'badSignature', message('rosterRoutes.aliasSignature'));
      }
      const recorded = await recordElderAliases(db, { deviceId: device.deviceId, aliases: body.aliases, now });
      if (!recorded.ok) throw aliasRefusal(recorded.error);
      return { body: { received: body.aliases.length, recorded: recorded.value } };
    },
  }),
];
