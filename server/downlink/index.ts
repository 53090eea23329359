/** Down to the kiosk: the signed policy package and the check of a kiosk's signed pull — what the HTTP layer calls. */
export { verifyDeviceRequest, verifiesWith, type PullingDevice, type PullRefusal, type RequestHeaders } from './device-request.js';
export { policyPackage, type PolicyPackageRefusal } from './policy-package.js';
