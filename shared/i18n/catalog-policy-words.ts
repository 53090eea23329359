import type { Catalog } from './text.js';

/**
 * A policy's rules in words, for the canteen manager's settings screen (shared/policy/describe.ts).
 * Many entries are phrases that describe.ts nests inside others; a parameter that is itself a phrase
 * reads `{name}` in Chinese and `{name_en}` in English (catalog-basics.ts). Amounts arrive already
 * formatted as yuan ('3.00').
 */
export const policyWordsCatalog = {
  // ---- lists: built pairwise, so each language keeps its own separators ----
  'policyWords.list.item': { 'zh-CN': '{a}、{b}', en: '{a_en}, {b_en}' },
  'policyWords.list.or': { 'zh-CN': '{a}或{b}', en: '{a_en} or {b_en}' },
  'policyWords.list.and': { 'zh-CN': '{a}和{b}', en: '{a_en} and {b_en}' },
  'policyWords.list.clause': { 'zh-CN': '{a}，{b}', en: '{a_en}; {b_en}' },
  'policyWords.money': { 'zh-CN': '¥{amount}', en: '¥{amount}' },

  // ---- who ----
  'policyWords.who': { 'zh-CN': '适用：{who}', en: 'Who: {who_en}' },
  'policyWords.who.alternative': { 'zh-CN': '{a}；或{b}', en: '{a_en}; or {b_en}' },
  'policyWords.who.both': { 'zh-CN': '{a}且{b}', en: '{a_en}, {b_en}' },
  'policyWords.who.minAge': { 'zh-CN': '{min}岁及以上', en: 'aged {min} or older' },
  'policyWords.who.maxAge': { 'zh-CN': '{max}岁及以下', en: 'aged {max} or younger' },
  'policyWords.who.ageRange': { 'zh-CN': '{min}至{max}岁', en: 'aged {min} to {max}' },
  'policyWords.who.exactAge': { 'zh-CN': '{age}岁', en: 'aged {age}' },
  'policyWords.who.statusesAny': { 'zh-CN': '属于{statuses}', en: 'with {statuses_en}' },
  'policyWords.who.statusesAll': { 'zh-CN': '同时属于{statuses}', en: 'with all of {statuses_en}' },

  // ---- conditions (each a line of its own, or a clause in brackets after one benefit) ----
  'policyWords.cond.residency': { 'zh-CN': '须{rules}', en: 'Only for elders with {rules_en}' },
  'policyWords.residency.hukou': { 'zh-CN': '户籍在本{area}', en: 'hukou in this {area_en}' },
  'policyWords.residency.residence': { 'zh-CN': '常住本{area}', en: 'residence in this {area_en}' },
  'policyWords.area.province': { 'zh-CN': '省', en: 'province' },
  'policyWords.area.city': { 'zh-CN': '市', en: 'city' },
  'policyWords.area.district': { 'zh-CN': '区', en: 'district' },
  'policyWords.area.town': { 'zh-CN': '镇街', en: 'town' },
  'policyWords.cond.excludeCareHome': { 'zh-CN': '入住养老机构期间不补贴', en: 'Not while living in a care home' },
  'policyWords.cond.periods': { 'zh-CN': '仅限{periods}', en: 'Only at {periods_en}' },
  'policyWords.cond.workdaysOnly': {
    'zh-CN': '仅限工作日（节假日不补贴，调休上班日照常补贴）',
    en: 'Workdays only (none on public holidays; make-up workdays count)',
  },
  'policyWords.cond.minSpend': { 'zh-CN': '餐费满 ¥{amount} 才补贴', en: 'Only for a meal of ¥{amount} or more' },

  // ---- benefits ----
  'policyWords.benefit.fixedPersonal': { 'zh-CN': '个人付 {amount}', en: 'The elder pays: {amount_en}' },
  'policyWords.benefit.fixedSubsidy': { 'zh-CN': '补贴 {amount}', en: 'Subsidy: {amount_en}' },
  'policyWords.benefit.discount': { 'zh-CN': '按 {rate} 折付费', en: 'The elder pays {rate}/10 of the price' },
  'policyWords.benefit.named': { 'zh-CN': '{name}：{text}', en: '{name_en}: {text_en}' },
  'policyWords.benefit.when': { 'zh-CN': '{text}（{when}）', en: '{text_en} ({when_en})' },
  'policyWords.amount.period': { 'zh-CN': '{period} ¥{amount}', en: '{period_en} ¥{amount}' },
  'policyWords.amount.otherPeriodsNone': {
    'zh-CN': '{amounts}（其他餐段不适用）',
    en: '{amounts_en} (not in other meal periods)',
  },

  // ---- funding ----
  'policyWords.funding': { 'zh-CN': '资金来源：{parts}', en: 'Paid by: {parts_en}' },
  'policyWords.funding.plus': { 'zh-CN': '{a} + {b}', en: '{a_en} + {b_en}' },
  'policyWords.funding.amount': { 'zh-CN': '{source} {amount}', en: '{source_en} {amount_en}' },
  'policyWords.funding.rest': { 'zh-CN': '{source} 余额', en: '{source_en} the rest' },
  'policyWords.funding.all': { 'zh-CN': '{source} 全额', en: '{source_en} in full' },
  'policyWords.funding.share': { 'zh-CN': '{source} {percent}%', en: '{source_en} {percent}%' },
  'policyWords.funding.local': {
    'zh-CN': '{source}部分仅补贴本{area}户籍的老人，其他老人自付这部分',
    en: 'The {source_en} part is paid only for elders with hukou in this {area_en}; others pay that part themselves',
  },

  // ---- limits and caps ----
  'policyWords.limit.perPeriod': { 'zh-CN': '每餐段限 {count} 次', en: 'At most {count} per meal period' },
  'policyWords.limit.perDay': { 'zh-CN': '每天最多 {count} 次', en: 'At most {count} a day' },
  'policyWords.limit.perWeek': { 'zh-CN': '每周最多 {count} 次', en: 'At most {count} a week (Monday to Sunday)' },
  'policyWords.limit.perMonth': { 'zh-CN': '每月最多 {count} 次', en: 'At most {count} a calendar month' },
  'policyWords.maxSubsidy': { 'zh-CN': '每餐补贴最多 ¥{amount}', en: 'Subsidy of at most ¥{amount} a meal' },
  'policyWords.minPersonal': { 'zh-CN': '个人每餐最少付 ¥{amount}', en: 'The elder pays at least ¥{amount} a meal' },
} as const satisfies Catalog;
