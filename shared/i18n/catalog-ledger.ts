import type { Catalog } from './text.js';

/**
 * The ledger: chain verification (`zhucan verify`, the hub on upload) and refusals when appending.
 * Read by a canteen manager or district staff, so they say what happened, not how hashing works.
 */
export const ledgerCatalog = {
  'ledger.problem.gap': {
    'zh-CN': '账本缺少第 {seq} 号记录（接下来的是第 {found} 号），可能有记录被删除。',
    en: 'Record {seq} is missing from the ledger (the next one is {found}); records may have been deleted.',
  },
  'ledger.problem.order': {
    'zh-CN': '账本记录顺序错乱：这里应是第 {seq} 号记录，却是第 {found} 号。',
    en: 'Ledger records are out of order: record {seq} was expected here, but record {found} came instead.',
  },
  'ledger.problem.prev': {
    'zh-CN': '第 {seq} 号记录与上一条记录接不上，账本链条在这里断开。',
    en: 'Record {seq} does not link to the record before it; the ledger chain is broken here.',
  },
  'ledger.problem.hash': {
    'zh-CN': '第 {seq} 号记录在写入后被改动过。',
    en: 'Record {seq} has been changed after it was written.',
  },
  'ledger.problem.device': {
    'zh-CN': '第 {seq} 号记录来自另一台设备（{found}），本账本属于设备 {expected}。',
    en: 'Record {seq} comes from another device ({found}); this ledger belongs to device {expected}.',
  },
  'ledger.problem.malformed': {
    'zh-CN': '第 {seq} 号记录无法读取（{fields}），可能被手工改动过。',
    en: 'Record {seq} cannot be read ({fields}); it may have been edited by hand.',
  },
  'ledger.append.dayClosed': {
    'zh-CN': '{date} 已经日结，不能再记录这一天的用餐或销售。',
    en: '{date} has been closed (day close done); no more meals or sales can be recorded for that day.',
  },
  'ledger.append.alreadyClosed': {
    'zh-CN': '{date} 已经日结过了，不能重复日结。',
    en: '{date} has already been closed; it cannot be closed twice.',
  },
  'ledger.append.wrongDevice': {
    'zh-CN': '本机账本属于设备 {expected}，不能写入设备 {found} 的记录。',
    en: 'This ledger belongs to device {expected}; a record of device {found} cannot be added to it.',
  },
  'ledger.append.invalidDraft': {
    'zh-CN': '记录内容不完整或格式不对（{fields}），没有保存。',
    en: 'The record is incomplete or malformed ({fields}); it was not saved.',
  },
  'ledger.schema.hashHex': {
    'zh-CN': '应为 64 位小写十六进制数字',
    en: 'must be 64 lower-case hex digits',
  },
  'ledger.schema.wholeNumber': {
    'zh-CN': '只能是整数（金额以分为单位）',
    en: 'must be a whole number (amounts are in fen)',
  },
  'ledger.schema.notJson': {
    'zh-CN': '这个值无法写入账本',
    en: 'this value cannot be stored in the ledger',
  },
  'ledger.schema.notObject': {
    'zh-CN': '应为一个对象（键和值）',
    en: 'must be an object (keys and values)',
  },
  'ledger.schema.voidNeedsTarget': {
    'zh-CN': '撤销记录必须写明撤销的是哪一条',
    en: 'a void must name the record it reverses',
  },
  'ledger.schema.targetOnlyForVoid': {
    'zh-CN': '只有撤销记录才能指向另一条记录',
    en: 'only a void may point at another record',
  },
  'ledger.schema.targetNotEarlier': {
    'zh-CN': '撤销只能针对之前的记录',
    en: 'a void can only reverse an earlier record',
  },
  'ledger.what.draft': { 'zh-CN': '账本记录草稿', en: 'ledger record draft' },
  'ledger.what.row': { 'zh-CN': '账本记录', en: 'ledger record' },
  'ledger.row.notRow': { 'zh-CN': '不是一行账本记录', en: 'not a ledger row' },
  'ledger.row.notJson': { 'zh-CN': '内容不是有效的 JSON', en: 'not valid JSON' },
  'ledger.row.notCanonical': { 'zh-CN': '内容与写入时的格式不同', en: 'not in the form it was written in' },
} as const satisfies Catalog;
