import type { Catalog } from './text.js';

/** What the kiosk back end says to a cashier or manager when it cannot do what was asked. */
export const kioskCatalog = {
  'kiosk.notSetUp': { 'zh-CN': '本机尚未设置食堂信息，请先运行设置（zhucan demo 或启用向导）', en: 'This kiosk is not set up yet: run the set-up first (zhucan demo or the set-up wizard)' },
  'kiosk.policyConflict': {
    'zh-CN': '补贴政策 {id} 第 {version} 版已安装且内容不同；已生效的版本不能修改，请发布新版本',
    en: 'Policy {id} version {version} is already installed with other content; publish a new version instead',
  },
  'kiosk.noPolicy': { 'zh-CN': '{date} 没有生效的补贴政策（{id}）', en: 'No version of policy {id} is in force on {date}' },
  'kiosk.noPolicyInstalled': { 'zh-CN': '尚未安装补贴政策（{id}）', en: 'No version of policy {id} is installed' },
  'kiosk.storedPolicy': { 'zh-CN': '本机保存的补贴政策 {id} 第 {version} 版', en: 'stored policy {id} version {version}' },
  'kiosk.operatorUnknown': { 'zh-CN': '操作员 {id} 不存在或已停用', en: 'Operator {id} does not exist or is disabled' },
  'kiosk.managerOnly': { 'zh-CN': '此操作需要管理员', en: 'This needs a manager' },

  'checkin.unidentified.invalidCard': { 'zh-CN': '读卡内容无效，请重新刷卡', en: 'The card read is not valid: swipe again' },
  'checkin.unidentified.unknownCard': { 'zh-CN': '未登记的卡，可按姓名查找或按原价售餐', en: 'Unknown card: find the elder by name, or sell at full price' },
  'checkin.unidentified.lostCard': { 'zh-CN': '此卡已挂失，请核实身份后补办', en: 'This card was reported lost: check who it is and issue a new card' },
  'checkin.unidentified.replacedCard': { 'zh-CN': '此卡已换新卡停用，请使用新卡', en: 'This card was replaced: use the new card' },
  'checkin.unidentified.invalidId': { 'zh-CN': '身份证号无效', en: 'Invalid resident ID number' },
  'checkin.unidentified.unknownId': { 'zh-CN': '花名册中没有此身份证号的老人', en: 'No elder with this ID number in the roster' },
  'checkin.unidentified.unknownElder': { 'zh-CN': '花名册中没有这位老人', en: 'This elder is not in the roster' },
  'checkin.outsidePeriods': { 'zh-CN': '{time} 不在任何供餐时段内', en: '{time} is outside every meal period' },
  'checkin.backfillFuture': { 'zh-CN': '补录的用餐时间不能晚于现在', en: 'A back-filled meal cannot be later than now' },
  'checkin.notFree': { 'zh-CN': '本餐需要付款，不能记为免费', en: 'This meal has a part to pay: it cannot be recorded as free' },

  'sale.unknownPeriod': { 'zh-CN': '没有餐段“{period}”', en: 'No meal period "{period}"' },
  'sale.badQuantity': { 'zh-CN': '份数应为 1 到 100 的整数', en: 'Quantity must be a whole number from 1 to 100' },
  'sale.badAmount': { 'zh-CN': '金额应为以分计的非负整数', en: 'The amount must be a whole, non-negative number of fen' },

  'void.needsReason': { 'zh-CN': '撤销需要填写原因（200字以内）', en: 'A void needs a reason (up to 200 characters)' },
  'void.noSuchRecord': { 'zh-CN': '没有第 {seq} 号记录', en: 'There is no record {seq}' },
  'void.notAMeal': { 'zh-CN': '第 {seq} 号记录不是售餐记录，不能撤销', en: 'Record {seq} is not a meal and cannot be voided' },
  'void.alreadyVoided': { 'zh-CN': '第 {seq} 号记录已被第 {by} 号记录撤销', en: 'Record {seq} was already voided by record {by}' },
  'void.otherDay': {
    'zh-CN': '第 {seq} 号记录属于 {date}，只能当天撤销；请联系区民政局更正',
    en: 'Record {seq} belongs to {date}: voids are same-day only; ask the district to correct it',
  },

  'close.badRecord': { 'zh-CN': '{date} 有无法读取的账目记录，请运行 zhucan verify', en: 'A ledger record of {date} cannot be read: run zhucan verify' },
  'close.future': { 'zh-CN': '{date} 还没有到，不能日结', en: '{date} has not come yet: it cannot be closed' },
  'close.already': { 'zh-CN': '{date} 已经日结', en: '{date} is already closed' },
} as const satisfies Catalog;
