/** Canteens and kiosk enrolment: what the HTTP layer calls. */
export { createCanteen, getCanteen, listCanteens, type Canteen, type CreateCanteenRefusal, type NewCanteen } from './canteens.js';
export {
  CODE_ALPHABET,
  createEnrolmentCode,
  DEFAULT_CODE_TTL_HOURS,
  MAX_CODE_TTL_HOURS,
  normaliseCode,
  parseEd25519PublicKey,
  redeemEnrolmentCode,
  type CreateCodeRefusal,
  type Device,
  type NewEnrolmentCode,
  type RedeemRefusal,
} from './codes.js';
export { canteenDevices, revokeDevice } from './devices.js';
