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
  'qr.retiredKey': {
    'zh-CN': '签发此二维码的密钥已停用，码已作废：请重新打印卡或刷新手机码',
    en: 'The key that signed this QR code has been retired, so the code is void: print a new card or refresh the phone code',
  },
  'qr.key.kioskRetired': {
    'zh-CN': '本机的二维码签名密钥 {keyId} 已停用，不能再签发二维码。请负责人生成新密钥：zhucan qr key new-kiosk',
    en: "This kiosk's QR signing key {keyId} is retired and signs nothing. A manager makes a new one with: zhucan qr key new-kiosk",
  },
  'qr.key.kioskInUse': {
    'zh-CN': '本机已有在用的签名密钥 {keyId}；只有停用它之后才能生成新密钥（zhucan qr key retire --id {keyId}，它签发的码随即作废）',
    en: 'This kiosk already signs with key {keyId}; a new key is made only after retiring it (zhucan qr key retire --id {keyId}, which voids every code it signed)',
  },
  'qr.key.duplicate': { 'zh-CN': '区级公钥 {keyId} 已安装过', en: 'District key {keyId} is already installed' },
  'qr.key.duplicateKiosk': { 'zh-CN': '{keyId} 是本机自己的密钥，不能作为区级公钥安装', en: "{keyId} is this kiosk's own key: it cannot be installed as a district key" },
  'qr.key.duplicateRetired': { 'zh-CN': '密钥 {keyId} 已停用，停用后不能再安装', en: 'Key {keyId} was retired, and a retired key cannot be installed again' },
  'qr.key.unknown': { 'zh-CN': '本机没有编号为 {keyId} 的密钥（zhucan qr key list 列出全部密钥）', en: 'This kiosk has no key {keyId} (zhucan qr key list shows them all)' },
  'qr.key.alreadyRetired': { 'zh-CN': '密钥 {keyId} 已于 {at} 停用', en: 'Key {keyId} was already retired at {at}' },
  'qr.key.badId': { 'zh-CN': '密钥编号应为8位十六进制数字（如 0a1b2c3d）', en: 'A key id is 8 hexadecimal digits (e.g. 0a1b2c3d)' },
  'qr.key.notEd25519': { 'zh-CN': '这不是 Ed25519 公钥（而是 {type} 密钥）', en: 'This is not an Ed25519 public key (it is a {type} key)' },
  'qr.key.badBytes': {
    'zh-CN': '公钥无效：{bytes} 字节既不是32字节的 Ed25519 原始公钥，也不是有效的 SPKI 公钥',
    en: 'Not a valid public key: {bytes} bytes are neither a raw 32-byte Ed25519 key nor a valid SPKI key',
  },
  'qr.key.badPem': { 'zh-CN': 'PEM 公钥无效（应以 -----BEGIN PUBLIC KEY----- 开头）', en: 'Not a valid PEM public key (it must start with -----BEGIN PUBLIC KEY-----)' },
  'qr.key.notBase64': {
    'zh-CN': '公钥既不是 PEM 也不是 Base64 文本（也不是存在的文件）',
    en: 'The public key is neither PEM nor Base64 text (nor a file that exists)',
  },
  'qr.key.isPrivate': {
    'zh-CN': '这是私钥，不是公钥：本机只安装公钥，私钥不应离开区里',
    en: 'This is a private key, not a public one: a kiosk installs public keys only, and the private key must not leave the district',
  },
} as const satisfies Catalog;
