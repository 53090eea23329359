/**
 * What kiosks call: POST /api/v1/enrol (a one-time code and the kiosk's public key) and
 * POST /api/v1/upload (a signed batch of ledger records). Neither needs an account: the code, and the
 * batch's signature by the enrolled key, are the proof. Both answer in the wire format of
 * shared/hub-api/upload.ts, which the kiosk's client parses.
 */
import { message } from '../../../shared/i18n/index.js';
import { enrolRequestSchema, enrolResponseSchema, MAX_UPLOAD_BYTES, UPLOAD_REFUSALS, uploadAcceptedSchema, uploadBatchSchema, uploadRefusedSchema } from '../../../shared/hub-api/upload.js';
import type { UploadRefusalKind, UploadRefused } from '../../../shared/hub-api/upload.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { getDistrict } from '../../districts/index.js';
import { getCanteen, redeemEnrolmentCode } from '../../enrolment/index.js';
import { ingestBatch, refuseUnreadable, uploadRefusalStatus } from '../../ingest/index.js';
import { HttpError, valueOr } from '../http-error.js';
import { isJsonContentType } from '../request-body.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';

/** Guessing codes from one address is throttled like signing in. */
function throttle(services: { readonly signInLimiter: { attempt(ip: string, nowMs: number): number } }, ip: string, now: string): void {
  const wait = services.signInLimiter.attempt(`enrol:${ip}`, Date.parse(now));
  if (wait > 0) throw new HttpError(429, 'tooManyRequests', message('hub.http.tooManySignIns', { seconds: wait }), { 'Retry-After': String(wait) });
}

function uploadRefusalKind(kind: string): UploadRefusalKind {
  return (UPLOAD_REFUSALS as readonly string[]).includes(kind) ? (kind as UploadRefusalKind) : 'badRequest';
}

/** Each status a refusal is answered with (server/ingest decides which), with the refusal's body. */
const refusedStatuses = Object.fromEntries([...new Set(UPLOAD_REFUSALS.map(uploadRefusalStatus))].map((status) => [status, uploadRefusedSchema]));

export const deviceRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.enrol,
    tag: 'kiosks',
    summary: "A kiosk enrols with a one-time code and its Ed25519 public key; gets its canteen and the district's signing key.",
    auth: 'device',
    body: enrolRequestSchema,
    response: enrolResponseSchema,
    status: 201,
    async handler({ db, body, now, ip, services }) {
      throttle(services, ip, now);
      const device = valueOr(await redeemEnrolmentCode(db, { code: body.code, devicePublicKey: body.publicKey, deviceId: body.deviceId, now }));
      const canteen = valueOr(await getCanteen(db, 'console', device.canteenId));
      const district = await getDistrict(db, canteen.districtId);
      if (district === null) throw new Error(`canteen ${canteen.id} has no district`);
      return {
        body: {
          deviceId: device.deviceId,
          canteen: { id: canteen.id, name: canteen.name, regionCode: canteen.regionCode, districtName: district.name },
          districtKey: district.publicKey,
          enrolledAt: device.enrolledAt,
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.upload,
    tag: 'kiosks',
    summary: 'A signed batch of ledger records (shared/hub-api/upload.ts). 200 accepted; 4xx refused with the reason and the hub head.',
    auth: 'device',
    rawBody: true,
    documentedBody: uploadBatchSchema,
    maxBodyBytes: MAX_UPLOAD_BYTES,
    response: uploadAcceptedSchema,
    alternateResponses: refusedStatuses,
    errorBody: (kind, text): UploadRefused => ({ ok: false, kind: uploadRefusalKind(kind), message: text }),
    async handler({ db, body, now, locale, headers }) {
      // The body is read raw (the ingest words its own refusals), so the server's JSON-only check for
      // parsed bodies never ran: a form post or text/plain is refused here, in the upload's own shape
      // (errorBody above), before anything is parsed or logged.
      if (!isJsonContentType(headers['content-type'])) throw new HttpError(415, 'unsupportedMediaType', message('hub.http.unsupportedMedia'));
      let json: unknown;
      try {
        json = typeof body === 'string' ? JSON.parse(body) : null;
      } catch {
        // Not JSON: the ingest's own refusal (logged against the device when the kiosk named itself in a header).
        const deviceId = headers['x-zhucan-device'];
        const refused = await refuseUnreadable(db, { kind: 'badRequest', receivedAt: now, locale, ...(typeof deviceId === 'string' ? { deviceId } : {}) });
        return { status: uploadRefusalStatus(refused.kind), body: refused };
      }
      const answer = await ingestBatch(db, { body: json, receivedAt: now, locale });
      return answer.ok ? { body: answer } : { status: uploadRefusalStatus(answer.kind), body: answer };
    },
  }),
];
