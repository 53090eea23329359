/** The kiosk API's own messages: sign-in and roles, bad calls, and what stops a call at the door. */
import type { Catalog } from './text.js';

export const apiCatalog: Catalog = {
  'api.signedOut': { 'zh-CN': '请先登录（选择收银员并输入密码）', en: 'Sign in first (choose the cashier and enter the PIN)' },
  'api.locked': { 'zh-CN': '屏幕已锁定，请输入密码解锁', en: 'The screen is locked: enter the PIN to unlock' },
  'api.needManager': { 'zh-CN': '此操作需要店长密码', en: 'This needs a manager PIN' },
  'api.unlockOther': { 'zh-CN': '只有{name}本人或店长可以解锁', en: 'Only {name} or a manager can unlock' },
  'api.cannotDisableSelf': { 'zh-CN': '不能停用正在登录的自己', en: 'You cannot disable the operator who is signed in' },
  'api.pinShape': { 'zh-CN': '密码为 4–8 位数字', en: 'A PIN is 4–8 digits' },
  'api.unknownMethod': { 'zh-CN': '没有这个操作：{method}', en: 'No such action: {method}' },
  'api.input': { 'zh-CN': '“{method}”的输入有误', en: 'The input of "{method}" is wrong' },
  'api.internal': { 'zh-CN': '程序内部错误，已记录。请重试；如反复出现请联系维护人员', en: 'Internal error (logged). Try again; if it repeats, call support' },
  'api.closed': { 'zh-CN': '收银程序正在关闭，未执行', en: 'The kiosk is shutting down: not done' },
  'api.offline': { 'zh-CN': '连接不到收银程序，未执行。请检查程序是否在运行', en: 'Cannot reach the kiosk program: not done. Check that it is running' },
  'api.elderNotFound': { 'zh-CN': '名单中没有这位长者', en: 'This elder is not in the roster' },
  'api.noPolicyToday': { 'zh-CN': '{date} 没有生效的补贴政策，请店长安装政策', en: 'No subsidy policy is in force on {date}: a manager must install one' },
  'api.readerError': { 'zh-CN': '读卡器出错：{detail}', en: 'Reader error: {detail}' },
};
