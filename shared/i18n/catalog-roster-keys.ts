/** District QR keys and card versions in the roster package; the kiosk's elder aliases. */
import type { Catalog } from './text.js';

export const rosterKeysCatalog: Catalog = {
  // The package format (shared/roster/package.ts).
  'rosterKeys.formatMismatch': {
    'zh-CN': '更新包格式编号与内容不符：第 2 版格式才带二维码密钥，且必须带',
    en: 'The package format does not match its content: format 2, and only format 2, carries QR keys',
  },
  'rosterKeys.badPackageKey': {
    'zh-CN': '花名册更新包里的二维码密钥 {keyId} 无效（不是 Ed25519 公钥、编号不符或重复），未应用，本机花名册和密钥未改动',
    en: 'QR key {keyId} in the roster update is not valid (not an Ed25519 public key, a wrong id, or twice): not applied, the roster and keys here are unchanged',
  },

  // The hub's district QR keys (server/qr-keys).
  'rosterKeys.badWho': { 'zh-CN': '操作人记录无效（1–200 个字符，不含控制字符）', en: 'The record of who did it is not valid (1–200 characters, no control characters)' },
  'rosterKeys.badKey': {
    'zh-CN': '不是 Ed25519 公钥（需 SPKI DER 的 Base64）',
    en: 'Not an Ed25519 public key (expected SPKI DER in Base64)',
  },
  'rosterKeys.unknownDistrict': { 'zh-CN': '本中心没有编号为 {districtId} 的区（zhucan hub district list 列出全部）', en: 'This hub has no district {districtId} (zhucan hub district list shows them all)' },
  'rosterKeys.duplicate': { 'zh-CN': '本区已有二维码公钥 {keyId}', en: 'This district already has QR key {keyId}' },
  'rosterKeys.duplicateRetired': {
    'zh-CN': '二维码公钥 {keyId} 已于 {at} 停用，停用后不能再添加',
    en: 'QR key {keyId} was retired at {at}, and a retired key cannot be added again',
  },
  'rosterKeys.badKeyId': { 'zh-CN': '密钥编号应为8位十六进制数字（如 0a1b2c3d）', en: 'A key id is 8 hexadecimal digits (e.g. 0a1b2c3d)' },
  'rosterKeys.unknownKey': { 'zh-CN': '区 {districtId} 没有编号为 {keyId} 的二维码公钥', en: 'District {districtId} has no QR key {keyId}' },
  'rosterKeys.alreadyRetired': { 'zh-CN': '二维码公钥 {keyId} 已于 {at} 停用', en: 'QR key {keyId} was already retired at {at}' },

  // `zhucan hub qr-key …` (bin/cli/hub-qr-keys.ts).
  'rosterKeys.cli.added': {
    'zh-CN': '已为区 {districtId} 添加二维码公钥 {keyId}（花名册版本 {version}）；各食堂一体机下次同步花名册时即认此密钥签发的码',
    en: 'QR key {keyId} added to district {districtId} (roster version {version}); each canteen kiosk trusts codes it signed from its next roster sync',
  },
  'rosterKeys.cli.retired': {
    'zh-CN': '已停用区 {districtId} 的二维码公钥 {keyId}（花名册版本 {version}）；各一体机下次同步花名册后，此密钥签发的全部二维码（含已打印的卡）一律作废。停用不可撤销',
    en: 'QR key {keyId} of district {districtId} retired (roster version {version}); once each kiosk syncs its roster, every code the key signed — printed cards included — is refused. Retiring is final',
  },
  'rosterKeys.cli.none': { 'zh-CN': '区 {districtId} 还没有二维码公钥', en: 'District {districtId} has no QR keys yet' },
  'rosterKeys.cli.inUse': { 'zh-CN': '使用中', en: 'in use' },
  'rosterKeys.cli.retiredAt': { 'zh-CN': '{at} 由 {by} 停用', en: 'retired {at} by {by}' },
  'rosterKeys.cli.addedAt': { 'zh-CN': '{at} 由 {by} 添加', en: 'added {at} by {by}' },
  'rosterKeys.cli.fileUnreadable': { 'zh-CN': '读不了文件 {file}：{reason}', en: 'Cannot read file {file}: {reason}' },
};
