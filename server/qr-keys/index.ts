/** A district's QR public keys: added and retired at the hub's console, sent to kiosks by roster down. */
export {
  addDistrictQrKey,
  listDistrictQrKeys,
  qrKeysChanged,
  retireDistrictQrKey,
  type AddQrKeyInput,
  type DistrictQrKey,
  type QrKeyRefusal,
  type RetireQrKeyInput,
} from './district-qr-keys.js';
