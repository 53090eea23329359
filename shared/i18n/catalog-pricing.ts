import type { Catalog } from './text.js';

/** What a cashier reads when a meal is priced or refused. Never a status word on the elder's screen. */
export const pricingCatalog = {
  'pricing.refusal.notRegistered': { 'zh-CN': '未登记的老人，按原价', en: 'Not registered: full price' },
  'pricing.refusal.suspended': { 'zh-CN': '该老人的助餐资格已暂停', en: "This elder's meal subsidy is suspended" },
  'pricing.refusal.noPolicy': { 'zh-CN': '{date} 没有生效的补贴政策', en: 'No subsidy policy in force on {date}' },
  'pricing.refusal.outsidePeriods': { 'zh-CN': '现在不在供餐时段内', en: 'Outside every meal period' },
  'pricing.refusal.noQualifyingTier': {
    'zh-CN': '{age}岁，不符合补贴条件（需年满{minAge}岁或属于补贴类别）',
    en: 'Aged {age}: not eligible (must be {minAge} or older, or in a subsidised category)',
  },
  'pricing.refusal.noQualifyingTier.statusOnly': {
    'zh-CN': '{age}岁，不属于任何补贴类别',
    en: 'Aged {age}: in no subsidised category',
  },
  'pricing.refusal.statusExpired': {
    'zh-CN': '类别“{status}”不在有效期内（{from} 至 {to}），请管理员核实续期',
    en: 'Category "{status}" is not valid today ({from} to {to}); ask the manager to renew it',
  },
  'pricing.refusal.residency': { 'zh-CN': '户籍或居住地不符合补贴条件', en: 'Residence does not qualify for the subsidy' },
  'pricing.refusal.residency.hukou.province': { 'zh-CN': '户籍不在本省，不享受补贴', en: 'Hukou outside this province: no subsidy' },
  'pricing.refusal.residency.hukou.city': { 'zh-CN': '户籍不在本市，不享受补贴', en: 'Hukou outside this city: no subsidy' },
  'pricing.refusal.residency.hukou.district': { 'zh-CN': '户籍不在本区，不享受补贴', en: 'Hukou outside this district: no subsidy' },
  'pricing.refusal.residency.hukou.town': { 'zh-CN': '户籍不在本镇街，不享受补贴', en: 'Hukou outside this town: no subsidy' },
  'pricing.refusal.residency.residence.province': { 'zh-CN': '不常住本省，不享受补贴', en: 'Not resident in this province: no subsidy' },
  'pricing.refusal.residency.residence.city': { 'zh-CN': '不常住本市，不享受补贴', en: 'Not resident in this city: no subsidy' },
  'pricing.refusal.residency.residence.district': { 'zh-CN': '不常住本区，不享受补贴', en: 'Not resident in this district: no subsidy' },
  'pricing.refusal.residency.residence.town': { 'zh-CN': '不常住本镇街，不享受补贴', en: 'Not resident in this town: no subsidy' },
  'pricing.refusal.excluded': { 'zh-CN': '入住养老机构期间不享受助餐补贴', en: 'No meal subsidy while living in a care home' },
  'pricing.refusal.periodNotCovered': { 'zh-CN': '本政策只补贴{periods}', en: 'The policy subsidises only: {periods}' },
  'pricing.refusal.holiday': { 'zh-CN': '{date} 是休息日或节假日，不享受补贴', en: '{date} is not a workday: no subsidy' },
  'pricing.refusal.belowMinSpend': {
    'zh-CN': '餐费 {amount} 元，未达到补贴起点 {min} 元',
    en: 'Meal of {amount} yuan is below the {min} yuan minimum for the subsidy',
  },
  'pricing.refusal.limitPeriod': {
    'zh-CN': '本餐段已享受过补贴（{time} 已就餐）',
    en: 'Subsidy already used this meal period (ate at {time})',
  },
  'pricing.refusal.limitDay': {
    'zh-CN': '今天的补贴已用完（已用 {count} 次，首次 {time}）',
    en: "Today's subsidy is used up ({count} used, first at {time})",
  },
  'pricing.refusal.limitWeek': { 'zh-CN': '本周的补贴已用完（已用 {count} 次）', en: "This week's subsidy is used up ({count} used)" },
  'pricing.refusal.limitMonth': { 'zh-CN': '本月的补贴已用完（已用 {count} 次）', en: "This month's subsidy is used up ({count} used)" },

  'pricing.rule.tier': { 'zh-CN': '补贴类别：{tier}', en: 'Tier: {tier_en}' },
  'pricing.rule.fixedSubsidy': { 'zh-CN': '定额补贴 {amount} 元', en: 'Fixed subsidy of {amount} yuan' },
  'pricing.rule.fixedPersonal': {
    'zh-CN': '个人定额付 {personal} 元，补贴 {amount} 元',
    en: 'Elder pays a fixed {personal} yuan; subsidy {amount} yuan',
  },
  'pricing.rule.discount': { 'zh-CN': '{rate}折，补贴 {amount} 元', en: '{rate}/10 of the price; subsidy {amount} yuan' },
  'pricing.rule.notThisPeriod': { 'zh-CN': '本餐段不适用', en: 'Does not apply to this meal period' },
  'pricing.rule.fundingLost.province': {
    'zh-CN': '{source} {amount} 元不适用：户籍不在本省',
    en: '{source} part of {amount} yuan lost: hukou outside this province',
  },
  'pricing.rule.fundingLost.city': {
    'zh-CN': '{source} {amount} 元不适用：户籍不在本市',
    en: '{source} part of {amount} yuan lost: hukou outside this city',
  },
  'pricing.rule.fundingLost.district': {
    'zh-CN': '{source} {amount} 元不适用：户籍不在本区',
    en: '{source} part of {amount} yuan lost: hukou outside this district',
  },
  'pricing.rule.fundingLost.town': {
    'zh-CN': '{source} {amount} 元不适用：户籍不在本镇街',
    en: '{source} part of {amount} yuan lost: hukou outside this town',
  },
  'pricing.rule.cap': { 'zh-CN': '每餐补贴最多 {max} 元', en: 'Subsidy capped at {max} yuan a meal' },
  'pricing.rule.minPersonal': { 'zh-CN': '个人最少支付 {min} 元', en: 'The elder pays at least {min} yuan' },
} as const satisfies Catalog;
