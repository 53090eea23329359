/** Districts and their signing keys, and a district admin's view of its kiosks and tokens. */
export { createDistrict, districtSigningKey, getDistrict, listDistricts, type CreateDistrictRefusal, type District, type DistrictSigningKey } from './districts.js';
export { accountIdByLogin, canteenDevices, listApiTokens, revokeDevice } from './district-admin.js';
