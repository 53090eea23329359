/** The district's master roster at the hub, and roster down to the kiosks (verify and apply). */
import type { Catalog } from './text.js';

export const hubRosterCatalog: Catalog = {
  // ---- the hub: import, search, status ----
  'hub.roster.tooLarge': { 'zh-CN': '花名册文件超过 {mb} MB，请分成几个文件导入', en: 'The roster file is larger than {mb} MB: split it into several files' },
  'hub.roster.formatMismatch': {
    'zh-CN': '文件标为 {said}，内容却是 {found}，请确认选对了文件',
    en: 'The file was sent as {said} but its content is {found}: check that it is the right file',
  },
  'hub.roster.columnsIgnored': {
    'zh-CN': '区花名册不保存这些列（由各食堂在本机维护）：{columns}',
    en: 'The district roster does not keep these columns (each canteen keeps them at its kiosk): {columns}',
  },
  'hub.roster.cardTaken': {
    'zh-CN': '卡号 {uid} 已绑定在区花名册的另一位老人名下',
    en: 'Card {uid} is already bound to another elder on the district roster',
  },
  'hub.roster.nameShape': {
    'zh-CN': '姓名不能超过 {max} 个字，且不能含控制字符',
    en: 'The name must be at most {max} characters, with no control characters',
  },
  'hub.roster.aheadOfHub': {
    'zh-CN': '本机花名册为第 {kiosk} 版，区里只到第 {hub} 版（区里数据可能从备份恢复过）；请将本机花名册版本重置为 0 后重新同步',
    en: 'The kiosk’s roster is at version {kiosk} but the hub’s only at {hub} (the hub may have been restored from a backup): reset the kiosk’s roster version to 0 and sync again',
  },
  'hub.roster.badCursor': { 'zh-CN': '翻页标记无效，请从第一页重新查询', en: 'The page marker is not valid: search again from the first page' },
  'hub.roster.reasonNeeded': {
    'zh-CN': '暂停享受补贴须写明原因（如住院、迁出、核查中），不超过 500 字',
    en: 'Suspending an elder needs a reason (in hospital, moved away, under review …), at most 500 characters',
  },
  'hub.roster.reasonShape': { 'zh-CN': '说明不超过 500 字，且不能含控制字符', en: 'The note must be at most 500 characters, with no control characters' },
  'hub.roster.unknownElder': { 'zh-CN': '本区花名册中没有这位老人', en: 'There is no such elder on this district’s roster' },
  'hub.roster.badSince': { 'zh-CN': '花名册版本号须为非负整数', en: 'The roster version must be a whole number, 0 or more' },
  'hub.roster.unknownDevice': { 'zh-CN': '该设备未在本中心接入，不能下发花名册', en: 'This device is not enrolled with the hub: no roster is sent to it' },
  'hub.roster.aliasUnknownElder': {
    'zh-CN': '上报的老人编号不在本区花名册中，未记录',
    en: 'A reported elder id is not on this district’s roster: nothing was recorded',
  },
  'hub.roster.aliasConflict': {
    'zh-CN': '本机的某个本地老人编号此前已对应另一位区花名册老人，未记录；请联系区民政局核对',
    en: 'A local elder id of this kiosk was already reported as another district elder: nothing was recorded; ask the district to check it',
  },
  'hub.roster.revokedDevice': { 'zh-CN': '该设备已被区里停用，不再下发花名册', en: 'This device was revoked by the district: no roster is sent to it any more' },

  // ---- the kiosk: verifying and applying a roster package ----
  'rosterDown.what': { 'zh-CN': '区花名册更新包', en: 'The district roster update' },
  'rosterDown.badElderId': { 'zh-CN': '不是区里给的老人编号', en: 'Not an elder id the district gives' },
  'rosterDown.noDistrictKey': {
    'zh-CN': '本机没有区里的公钥（或公钥无效），无法核对花名册更新；请重新接入',
    en: 'This kiosk has no valid district public key to check the roster update with: enrol it again',
  },
  'rosterDown.badEnvelope': { 'zh-CN': '花名册更新包格式不对，未应用，本机花名册未改动', en: 'The roster update is malformed: not applied, the roster here is unchanged' },
  'rosterDown.badSignature': {
    'zh-CN': '花名册更新包的签名与区里的公钥不符，可能被篡改，未应用，本机花名册未改动',
    en: 'The roster update’s signature does not match the district’s key (it may have been tampered with): not applied, the roster here is unchanged',
  },
  'rosterDown.wrongDevice': { 'zh-CN': '这份花名册更新是发给另一台设备的，未应用', en: 'This roster update is for another device: not applied' },
  'rosterDown.wrongDistrict': { 'zh-CN': '这份花名册更新来自另一个区，未应用', en: 'This roster update comes from another district: not applied' },
  'rosterDown.gap': {
    'zh-CN': '本机花名册为第 {have} 版，这份更新从第 {from} 版起，中间有缺失，未应用；请重新同步',
    en: 'The roster here is at version {have} but this update starts after version {from}; changes in between are missing: not applied, sync again',
  },
  'rosterDown.conflict': {
    'zh-CN': '区里的老人编号 {elderId} 在本机已属于另一个身份证号，花名册更新未应用；请联系区民政局核对',
    en: 'The district elder id {elderId} already belongs to another ID number here: the roster update was not applied; ask the district to check it',
  },
  'rosterDown.badElder.idNumber': {
    'zh-CN': '花名册更新中老人 {elderId} 的身份证号无效，整份更新未应用',
    en: 'Elder {elderId} in the roster update has an invalid ID number: nothing of the update was applied',
  },
  'rosterDown.badElder.name': {
    'zh-CN': '花名册更新中老人 {elderId} 的姓名为空或首尾有空格，整份更新未应用',
    en: 'Elder {elderId} in the roster update has an empty name or one with surrounding spaces: nothing of the update was applied',
  },
  'rosterDown.badElder.twice': {
    'zh-CN': '花名册更新中老人 {elderId}（或其身份证号）出现了两次，整份更新未应用',
    en: 'Elder {elderId} (or their ID number) is in the roster update twice: nothing of the update was applied',
  },
  'rosterDown.badElder.statusDates': {
    'zh-CN': '花名册更新中老人 {elderId} 的类别截止日期早于起始日期，整份更新未应用',
    en: 'Elder {elderId} in the roster update has a status that ends before it starts: nothing of the update was applied',
  },
  'rosterDown.badElder.statusTwice': {
    'zh-CN': '花名册更新中老人 {elderId} 的同一类别同一起始日期出现了两次，整份更新未应用',
    en: 'Elder {elderId} in the roster update has the same status from the same date twice: nothing of the update was applied',
  },
  'rosterDown.badElder.card': {
    'zh-CN': '花名册更新中老人 {elderId} 的卡号无效或重复，整份更新未应用',
    en: 'Elder {elderId} in the roster update has an invalid or repeated card number: nothing of the update was applied',
  },
};
