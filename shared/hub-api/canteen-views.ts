/**
 * What the hub's HTTP API says about canteens, their kiosks (devices) and enrolment codes: request
 * and response bodies shared by the hub and the district web app. Change additively only.
 */
import { z } from 'zod';
import { deviceIdSchema } from './upload.js';

const instantSchema = z.iso.datetime({ precision: 3 });

export const canteenViewSchema = z.strictObject({
  id: z.int().min(1),
  name: z.string(),
  /** 行政区划 code: 6 digits (county) or 9 (town). */
  regionCode: z.string(),
  address: z.string(),
  operatorName: z.string(),
  createdAt: instantSchema,
});
export type CanteenView = z.infer<typeof canteenViewSchema>;

export const canteenListSchema = z.strictObject({ canteens: z.array(canteenViewSchema) });
export type CanteenList = z.infer<typeof canteenListSchema>;

/** POST /api/v1/canteens (admin). */
export const newCanteenRequestSchema = z.strictObject({
  name: z.string().min(1).max(200),
  regionCode: z.string().regex(/^[0-9]{6}([0-9]{3})?$/),
  address: z.string().max(500).default(''),
  operatorName: z.string().max(200).default(''),
});
export type NewCanteenRequest = z.input<typeof newCanteenRequestSchema>;

/** A kiosk enrolled for a canteen, with how its uploads stand. */
export const deviceViewSchema = z.strictObject({
  deviceId: deviceIdSchema,
  enrolledAt: instantSchema,
  revokedAt: instantSchema.nullable(),
  /** The last record the hub holds of this kiosk's chain (0: none yet). */
  headSeq: z.int().min(0),
  lastUploadAt: instantSchema.nullable(),
  /** The kiosk's clock minus the hub's on its last batch, in ms (positive: the kiosk is ahead). */
  clockSkewMs: z.int().nullable(),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

/** GET /api/v1/canteens/:id. */
export const canteenDetailSchema = z.strictObject({
  canteen: canteenViewSchema,
  devices: z.array(deviceViewSchema),
});
export type CanteenDetail = z.infer<typeof canteenDetailSchema>;

/** POST /api/v1/canteens/:id/codes (admin). */
export const newEnrolmentCodeRequestSchema = z.strictObject({
  /** How long the code stays usable; 72 h by default, at most 14 days. */
  ttlHours: z.int().min(1).max(24 * 14).optional(),
});
export type NewEnrolmentCodeRequest = z.infer<typeof newEnrolmentCodeRequestSchema>;

/** The code is shown this once (to read out or print); the hub keeps only its hash. */
export const enrolmentCodeViewSchema = z.strictObject({
  code: z.string(),
  canteenId: z.int().min(1),
  expiresAt: instantSchema,
});
export type EnrolmentCodeView = z.infer<typeof enrolmentCodeViewSchema>;

/** POST /api/v1/devices/:deviceId/revoke (admin): the kiosk's uploads are refused from now on. */
export const deviceRevokedSchema = z.strictObject({
  deviceId: deviceIdSchema,
  revokedAt: instantSchema,
});
export type DeviceRevoked = z.infer<typeof deviceRevokedSchema>;
