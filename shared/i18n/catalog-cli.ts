import type { Catalog } from './text.js';

export const cliCatalog = {
  'cli.fileUnreadable': { 'zh-CN': '无法读取文件 {file}（{reason}）', en: 'Cannot read the file {file} ({reason})' },
  'cli.notJson': { 'zh-CN': '文件 {file} 不是有效的 JSON：{reason}', en: 'The file {file} is not valid JSON: {reason}' },
  'cli.policyFile': { 'zh-CN': '补贴政策文件 {file}', en: 'policy file {file}' },
  'cli.eaten': { 'zh-CN': '已就餐记录（--eaten）', en: 'meals already eaten (--eaten)' },
  'cli.qrKey.none': { 'zh-CN': '本机还没有二维码密钥（第一次签发时生成本机密钥）', en: 'No QR keys yet (the first issue makes the kiosk key)' },
  'cli.qrKey.kind.kiosk': { 'zh-CN': '本机', en: 'kiosk' },
  'cli.qrKey.kind.district': { 'zh-CN': '区级', en: 'district' },
  'cli.qrKey.created': { 'zh-CN': '生成于 {at}', en: 'created {at}' },
  'cli.qrKey.createdUnknown': { 'zh-CN': '生成时间未记录', en: 'created before times were recorded' },
  'cli.qrKey.retired': { 'zh-CN': '已停用 {at}', en: 'retired {at}' },
  'cli.qrKey.active': { 'zh-CN': '在用', en: 'in use' },
  'cli.qrKey.signing': { 'zh-CN': '签发新码', en: 'signs new codes' },
  'cli.qrKey.private': { 'zh-CN': '本机持有私钥', en: 'private key held here' },
  'cli.qrKey.publicOnly': { 'zh-CN': '仅公钥', en: 'public key only' },
  'cli.qrKey.installed': {
    'zh-CN': '已安装区级公钥 {keyId}：由它签发的二维码可以签到',
    en: 'District key {keyId} installed: QR codes it signs are accepted',
  },
  'cli.qrKey.retiredNow': {
    'zh-CN': '密钥 {keyId} 已停用：它签发的所有二维码（打印的卡码和手机码）即刻起一律拒绝签到，不能恢复',
    en: 'Key {keyId} retired: every QR code it signed (printed cards and phone codes) is refused from now on, for good',
  },
  'cli.qrKey.retiredKiosk': {
    'zh-CN': '本机需生成新密钥才能再签发：zhucan qr key new-kiosk；然后为老人重新打印二维码卡',
    en: 'To issue codes again, make a new kiosk key: zhucan qr key new-kiosk; then re-print the elders’ QR cards',
  },
  'cli.qrKey.newKiosk': {
    'zh-CN': '已生成本机新签名密钥 {keyId}：此后签发的二维码用它签名',
    en: 'New kiosk signing key {keyId}: codes issued from now on are signed with it',
  },
  'cli.qrKey.fileUnreadable': { 'zh-CN': '无法读取公钥文件 {file}（{reason}）', en: 'Cannot read the public key file {file} ({reason})' },
} as const satisfies Catalog;
