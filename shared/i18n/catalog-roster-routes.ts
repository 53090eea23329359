/** The hub's roster HTTP routes and the kiosk's roster pull. */
import type { Catalog } from './text.js';

export const rosterRoutesCatalog: Catalog = {
  'rosterRoutes.aliasIsDistrictId': {
    'zh-CN': '本机老人编号不能是区编号：只有本机自己登记的老人才会改用区编号',
    en: 'A local elder id cannot be a district id: only elders this kiosk registered itself are re-keyed to district ids',
  },
  'rosterRoutes.badBase64Char': {
    'zh-CN': '上传的文件内容不是有效的 base64 编码（第 {at} 个字符“{char}”不属于 base64），文件未读取，花名册未改动；请重新选择文件上传',
    en: 'The uploaded file is not valid base64 (character {at}, "{char}", is not base64): it was not read and the roster is unchanged. Choose the file and upload it again',
  },
  'rosterRoutes.badBase64Length': {
    'zh-CN': '上传的文件内容不完整（base64 长度 {length} 不是 4 的倍数，可能被截断），文件未读取，花名册未改动；请重新选择文件上传',
    en: 'The uploaded file is incomplete (its base64 length, {length}, is not a multiple of 4: it may have been cut short): it was not read and the roster is unchanged. Upload it again',
  },
  'rosterRoutes.fileTooLarge': {
    'zh-CN': '花名册文件超过 {mb} MB，未读取，花名册未改动；请分成几个文件导入',
    en: 'The roster file is larger than {mb} MB and was not read; the roster is unchanged. Split it into several files',
  },
  'rosterRoutes.aliasSignature': {
    'zh-CN': '本机上报的老人编号对应关系签名未通过验证，未记录',
    en: 'The signature of the kiosk’s report of re-keyed elders did not verify: nothing was recorded',
  },
};
