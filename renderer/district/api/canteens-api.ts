/** Canteens, their kiosks and enrolment codes (shared/hub-api/canteen-views.ts). */
import {
  canteenDetailSchema,
  canteenListSchema,
  canteenViewSchema,
  deviceRevokedSchema,
  enrolmentCodeViewSchema,
  HUB_PATHS,
  hubPath,
} from '../../../shared/hub-api/routes.js';
import type { CanteenDetail, CanteenList, CanteenView, DeviceRevoked, EnrolmentCodeView, NewCanteenRequest } from '../../../shared/hub-api/routes.js';
import type { ApiResult } from './api-result.js';
import type { HubClient } from './hub-client.js';

export function listCanteens(client: HubClient): Promise<ApiResult<CanteenList>> {
  return client.get(HUB_PATHS.canteens, canteenListSchema);
}

export function canteenDetail(client: HubClient, id: number): Promise<ApiResult<CanteenDetail>> {
  return client.get(hubPath(HUB_PATHS.canteen, { id }), canteenDetailSchema);
}

export function createCanteen(client: HubClient, request: NewCanteenRequest): Promise<ApiResult<CanteenView>> {
  return client.send('POST', HUB_PATHS.canteens, canteenViewSchema, request);
}

export function createEnrolmentCode(client: HubClient, canteenId: number, ttlHours?: number): Promise<ApiResult<EnrolmentCodeView>> {
  return client.send('POST', hubPath(HUB_PATHS.canteenCodes, { id: canteenId }), enrolmentCodeViewSchema, ttlHours === undefined ? {} : { ttlHours });
}

export function revokeDevice(client: HubClient, deviceId: string): Promise<ApiResult<DeviceRevoked>> {
  return client.send('POST', hubPath(HUB_PATHS.deviceRevoke, { deviceId }), deviceRevokedSchema, {});
}
