import type { Catalog } from './text.js';

/** What a district clerk reads when a policy file is wrong (with the path of each problem). */
export const policyCatalog = {
  'policy.id.pattern': { 'zh-CN': '只能用小写字母、数字、- 和 _', en: 'use lower-case letters, digits, - and _ only' },
  'policy.who.empty': { 'zh-CN': '至少写一个条件（年龄或类别）', en: 'state at least one condition (an age or a status)' },
  'policy.who.maxBelowMin': { 'zh-CN': 'maxAge 小于 minAge', en: 'maxAge is below minAge' },
  'policy.duplicate.period': { 'zh-CN': '餐段编号重复', en: 'duplicate meal period id' },
  'policy.duplicate.status': { 'zh-CN': '类别编码重复', en: 'duplicate status code' },
  'policy.duplicate.funding': { 'zh-CN': '资金来源编号重复', en: 'duplicate funding source id' },
  'policy.duplicate.tier': { 'zh-CN': '档次编号重复', en: 'duplicate tier id' },
  'policy.effectiveTo.beforeFrom': { 'zh-CN': '截止日期早于生效日期', en: 'effectiveTo is before effectiveFrom' },
  'policy.period.endBeforeStart': { 'zh-CN': '结束时间须晚于开始时间', en: 'end must be after start' },
  'policy.period.overlap': { 'zh-CN': '与餐段 {id} 的时间重叠', en: 'overlaps meal period {id}' },
  'policy.calendar.both': { 'zh-CN': '同一天既是假日又是调休工作日', en: 'the date is both a holiday and a make-up workday' },
  'policy.unknownPeriod': { 'zh-CN': '未定义的餐段“{id}”', en: 'unknown meal period "{id}"' },
  'policy.unknownStatus': { 'zh-CN': '类别“{code}”未在 statuses 中定义', en: 'status "{code}" is not in statuses' },
  'policy.unknownSource': { 'zh-CN': '未定义的资金来源“{id}”', en: 'unknown funding source "{id}"' },
  'policy.shares.mixed': { 'zh-CN': '按比例分担时每一项都须是 shareBp', en: 'with shares, every part must be a shareBp' },
  'policy.shares.sum': { 'zh-CN': '比例合计须为 10000（现为 {sum}）', en: 'shares must sum to 10000 (they sum to {sum})' },
  'policy.rest.notLast': { 'zh-CN': 'rest 只能是最后一项', en: 'the rest part must come last' },
} as const satisfies Catalog;
