/**
 * What kiosks pull down: GET /api/v1/downlink/policies, the district's policy versions signed with
 * the district key. The kiosk has no account; it proves itself by signing the pull headers with the
 * key it registered at enrolment (server/downlink verifyDeviceRequest), so the route is 'device' and
 * the handler does the whole of the authentication before anything is read.
 */
import { z } from 'zod';
import { policyPackageSchema, sinceSchema } from '../../../shared/hub-api/downlink.js';
import type { PullRefusalKind } from '../../../shared/hub-api/downlink.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { assertNever } from '../../../shared/assert.js';
import type { HubRefusal } from '../../accounts/index.js';
import { policyPackage, verifyDeviceRequest } from '../../downlink/index.js';
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
      const device = await verifyDeviceRequest(db, headers, now);
      if (!device.ok) throw pullRefusal(device.error);
      const pkg = await policyPackage(db, { deviceId: device.value.deviceId, since: query.since, now });
      if (!pkg.ok) throw pullRefusal(pkg.error);
      return { body: pkg.value };
    },
  }),
];
