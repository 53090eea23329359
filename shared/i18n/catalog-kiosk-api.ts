import type { Catalog } from './text.js';

/** The kiosk API's roster and report methods (electron/kiosk/api/handlers/roster-handlers.ts, report-handlers.ts). */
export const kioskApiCatalog = {
  'kioskApi.roster.unknownStatus': {
    'zh-CN': '补贴政策中没有身份“{code}”，请从列表中选择',
    en: 'The subsidy policy has no status "{code}": choose one from the list',
  },
  'kioskApi.roster.alreadyRegistered': {
    'zh-CN': '此身份证号已登记（{name}），请在名单中找到并编辑',
    en: 'This ID number is already registered ({name}): find them in the roster and edit',
  },
  'kioskApi.roster.previewGone': {
    'zh-CN': '导入预览已过期或不存在（预览保留 30 分钟），请重新选择文件',
    en: 'The import preview has expired or does not exist (previews are kept 30 minutes): choose the file again',
  },
  'kioskApi.report.backwards': {
    'zh-CN': '结束日期 {to} 早于开始日期 {from}',
    en: 'The end date {to} is before the start date {from}',
  },
  'kioskApi.report.tooLong': {
    'zh-CN': '报表最多 {max} 天，请缩短日期范围',
    en: 'A report covers at most {max} days: shorten the range',
  },
} as const satisfies Catalog;
