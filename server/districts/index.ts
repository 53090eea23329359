/** Districts and their signing keys. */
export { createDistrict, districtSigningKey, getDistrict, listDistricts, type CreateDistrictRefusal, type District, type DistrictSigningKey } from './districts.js';
