/** The district's tables as files: bilingual column headings of every export, and the overview. */
import type { Catalog } from './text.js';

export const hubExportCatalog: Catalog = {
  // ---- the settlement file's state, in its title and file name ----
  'hubExport.settlementState.draft': { 'zh-CN': '未审批', en: 'not approved' },
  'hubExport.settlementState.approved': { 'zh-CN': '已审批 第{revision}版', en: 'approved, revision {revision}' },
  'hubExport.settlementState.changed': { 'zh-CN': '审批后有变动', en: 'changed since approval' },
  'hubExport.sheet.canteens': { 'zh-CN': '助餐点', en: 'Canteens' },
  'hubExport.sheet.policies': { 'zh-CN': '补贴政策', en: 'Subsidy policies' },
  'hubExport.col.regionCode': { 'zh-CN': '行政区划代码', en: 'Region code' },
  'hubExport.col.address': { 'zh-CN': '地址', en: 'Address' },
  'hubExport.col.operator': { 'zh-CN': '运营方', en: 'Operator' },
  'hubExport.col.createdAt': { 'zh-CN': '建档时间', en: 'Created at' },
  'hubExport.col.policyId': { 'zh-CN': '政策编号', en: 'Policy id' },
  'hubExport.col.version': { 'zh-CN': '版本', en: 'Version' },
  'hubExport.col.policyName': { 'zh-CN': '政策名称', en: 'Policy name' },
  'hubExport.col.effectiveFrom': { 'zh-CN': '生效日期', en: 'In force from' },
  'hubExport.col.effectiveTo': { 'zh-CN': '有效期至', en: 'In force until' },
  'hubExport.col.publishedAt': { 'zh-CN': '发布时间', en: 'Published at' },
  'hubExport.col.publishedBy': { 'zh-CN': '发布人账号编号', en: 'Published by (account id)' },
};
