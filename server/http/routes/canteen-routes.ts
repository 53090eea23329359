/**
 * Canteens and their kiosks: list, create, one canteen with its devices, enrolment codes, revoking
 * a device. Another district's canteen answers exactly like a canteen that does not exist (404), so
 * an account learns nothing about other districts.
 */
import { z } from 'zod';
import {
  canteenDetailSchema,
  canteenListSchema,
  canteenViewSchema,
  deviceRevokedSchema,
  enrolmentCodeViewSchema,
  HUB_PATHS,
  newCanteenRequestSchema,
  newEnrolmentCodeRequestSchema,
} from '../../../shared/hub-api/routes.js';
import type { CanteenView } from '../../../shared/hub-api/routes.js';
import { deviceIdSchema } from '../../../shared/hub-api/upload.js';
import { message } from '../../../shared/i18n/index.js';
import type { HubRefusal } from '../../accounts/index.js';
import { canteenDevices, createCanteen, createEnrolmentCode, getCanteen, listCanteens, revokeDevice } from '../../enrolment/index.js';
import type { Canteen } from '../../enrolment/index.js';
import { canteensTable } from '../../export/index.js';
import { HttpError, refusalError, valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { idParamsSchema, signedIn } from './route-helpers.js';

function canteenView(c: Canteen): CanteenView {
  return { id: c.id, name: c.name, regionCode: c.regionCode, address: c.address, operatorName: c.operatorName, createdAt: c.createdAt };
}

/** 'forbidden' because the row is another district's reads as 'unknown'. */
function hidingOtherDistricts(refusal: HubRefusal<string>): HttpError {
  if (refusal.kind === 'forbidden' && refusal.message.key === 'hub.forbidden') return new HttpError(404, 'unknown', message('hub.canteen.unknown'));
  return refusalError(refusal);
}

export const canteenRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.canteens,
    tag: 'canteens',
    summary: 'The canteens of the district. Exportable: ?format=csv|xlsx|json.',
    auth: 'session',
    scope: 'counts:read',
    response: canteenListSchema,
    exportable: { table: (body) => canteensTable(body.canteens) },
    async handler({ db, actor }) {
      return { body: { canteens: (await listCanteens(db, signedIn(actor))).map(canteenView) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.canteens,
    tag: 'canteens',
    summary: 'A new canteen of the district (admin).',
    auth: 'admin',
    body: newCanteenRequestSchema,
    response: canteenViewSchema,
    status: 201,
    async handler({ db, actor, body, now }) {
      const admin = signedIn(actor);
      const made = valueOr(await createCanteen(db, { actor: admin, districtId: admin.districtId, name: body.name, regionCode: body.regionCode, address: body.address, operatorName: body.operatorName, now }));
      return { body: canteenView(made) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.canteen,
    tag: 'canteens',
    summary: 'One canteen with its kiosks: enrolment, revocation, chain head, last upload, clock skew.',
    auth: 'session',
    scope: 'counts:read',
    params: idParamsSchema,
    response: canteenDetailSchema,
    async handler({ db, actor, params }) {
      const found = await getCanteen(db, signedIn(actor), params.id);
      if (!found.ok) throw hidingOtherDistricts(found.error);
      return { body: { canteen: canteenView(found.value), devices: await canteenDevices(db, found.value.id) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.canteenCodes,
    tag: 'canteens',
    summary: 'A one-time enrolment code for a kiosk of the canteen (admin); the code is in this answer only.',
    auth: 'admin',
    params: idParamsSchema,
    body: newEnrolmentCodeRequestSchema,
    response: enrolmentCodeViewSchema,
    status: 201,
    async handler({ db, actor, params, body, now }) {
      const made = await createEnrolmentCode(db, { actor: signedIn(actor), canteenId: params.id, now, ...(body.ttlHours === undefined ? {} : { ttlHours: body.ttlHours }) });
      if (!made.ok) throw hidingOtherDistricts(made.error);
      return { body: made.value };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.deviceRevoke,
    tag: 'canteens',
    summary: "Revokes a kiosk (admin): its uploads are refused from now on; what it sent stays counted.",
    auth: 'admin',
    params: z.strictObject({ deviceId: deviceIdSchema }),
    response: deviceRevokedSchema,
    async handler({ db, actor, params, now }) {
      return { body: valueOr(await revokeDevice(db, { actor: signedIn(actor), deviceId: params.deviceId, now })) };
    },
  }),
];
