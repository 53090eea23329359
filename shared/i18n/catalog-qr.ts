import type { Catalog } from './text.js';

/** Signed QR codes (docs/qr.md): why a scanned code was refused, and issuing one. */
export const qrCatalog = {
  'qr.malformed': { 'zh-CN': '二维码内容无效，请重新扫码', en: 'The QR code is not valid: scan again' },
  'qr.badSignature': { 'zh-CN': '二维码签名不符，可能是伪造的码，请核实身份', en: 'The QR code signature does not match (possibly forged): check who it is' },
  'qr.unknownKey': { 'zh-CN': '二维码由本机不认识的密钥签发', en: 'The QR code was signed by a key this kiosk does not trust' },
  'qr.unknownElder': { 'zh-CN': '二维码上的老人不在花名册中', en: 'The elder named by the QR code is not in the roster' },
  'qr.revoked': { 'zh-CN': '已重新打印，旧码作废，请使用新打印的码', en: 'This code was re-printed: the old code is void, use the new one' },
  'qr.notIssued': { 'zh-CN': '本机没有签发过此卡码，请重新打印', en: 'This kiosk has no record of this card code: print a new one' },
  'qr.expired': { 'zh-CN': '手机码已过期，请刷新后再扫', en: 'The phone code has expired: refresh it and scan again' },
  'qr.notYetValid': { 'zh-CN': '手机码的签发时间晚于本机时间，请核对手机和本机的时间', en: 'The phone code is issued later than this kiosk\'s time: check the clocks' },
  'qr.used': { 'zh-CN': '此手机码已使用过，每个码只能用一次，请刷新', en: 'This phone code was already used (each code works once): refresh it' },
  'qr.ttlTooLong': { 'zh-CN': '手机码有效期不能超过 {max} 秒', en: 'A phone code cannot be valid for more than {max} s' },
  'qr.noSigningKey': { 'zh-CN': '本机没有签发二维码的私钥', en: 'This kiosk holds no key to sign QR codes' },
  'qr.badPublicKey': { 'zh-CN': '公钥无效（应为 Ed25519 公钥）', en: 'Not a valid Ed25519 public key' },
} as const satisfies Catalog;
