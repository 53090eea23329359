import type { Catalog } from './text.js';

/**
 * Strings of the basic modules: resident ID numbers, dates, money, region codes and the boundary
 * parser. Messages address a cashier or clerk: say what is wrong and what to type instead.
 * Where a parameter is itself a translated phrase, the English template reads `{name_en}` and the
 * Chinese `{name}` (see shared/parse.ts), because placeholders are filled with plain strings.
 */
export const basicsCatalog = {
  'id.empty': { 'zh-CN': '请输入身份证号', en: 'Enter the resident ID number' },
  'id.characters': {
    'zh-CN': '身份证号只能由数字组成，18位号码的最后一位可以是X',
    en: 'A resident ID number is digits only; the last of its 18 characters may be X',
  },
  'id.length': {
    'zh-CN': '身份证号应为18位（旧证为15位），现在是{length}位',
    en: 'A resident ID number has 18 characters (15 digits on old cards); this one has {length}',
  },
  'id.birthDateInvalid': {
    'zh-CN': '身份证号中的出生日期{date}不存在，请核对号码',
    en: 'The birth date in this ID number, {date}, does not exist; check the number',
  },
  'id.birthDateTooEarly': {
    'zh-CN': '身份证号中的出生日期{date}早于1880年，请核对号码',
    en: 'The birth date in this ID number, {date}, is before 1880; check the number',
  },
  'id.checkChar': {
    'zh-CN': '身份证号校验位不符：按前17位计算，最后一位应为{expected}，而不是{actual}。号码中可能有抄错的数字，请逐位核对',
    en: 'The check character does not match: from the first 17 characters the last should be {expected}, not {actual}. A digit may be mistyped; check each one',
  },

  'date.format': {
    'zh-CN': '日期格式不对，请写成“年-月-日”，如 2025-03-01',
    en: 'Write the date as year-month-day, e.g. 2025-03-01',
  },
  'date.notExist': {
    'zh-CN': '日期 {input} 不存在，请核对月份和天数',
    en: 'The date {input} does not exist; check the month and day',
  },
  'date.time': {
    'zh-CN': '时间格式不对，请写成“时:分”（24小时制），如 11:30',
    en: 'Write the time as hours:minutes on a 24-hour clock, e.g. 11:30',
  },
  'date.timeZone': {
    'zh-CN': '不认识的时区“{input}”，请写成 Asia/Shanghai 这样的时区名',
    en: 'Unknown time zone "{input}"; use a name such as Asia/Shanghai',
  },

  'money.amount': { 'zh-CN': '{amount}元', en: '¥{amount}' },
  'money.notWholeFen': {
    'zh-CN': '金额必须是以“分”为单位的整数（如 12.50 元写作 1250）',
    en: 'Amounts are whole fen (12.50 yuan is written 1250)',
  },
  'money.negative': { 'zh-CN': '金额不能为负数', en: 'The amount cannot be negative' },
  'money.empty': { 'zh-CN': '请输入金额', en: 'Enter an amount' },
  'money.notAnAmount': {
    'zh-CN': '金额格式不对，请写成 12 或 12.50 这样的数字',
    en: 'Write the amount as a number such as 12 or 12.50',
  },
  'money.tooManyDecimals': {
    'zh-CN': '金额最多两位小数（精确到分）',
    en: 'An amount has at most two decimal places (fen)',
  },
  'money.tooLarge': { 'zh-CN': '金额太大，请核对', en: 'The amount is too large; check it' },

  'region.code': {
    'zh-CN': '行政区划代码应为6位、9位或12位数字，如 440103（区县）或 440103001（街道）',
    en: 'A region code has 6, 9 or 12 digits, e.g. 440103 (district) or 440103001 (street)',
  },

  'parse.invalid': { 'zh-CN': '{what}有误（{count}处）', en: 'Problems in {what_en} ({count})' },
  'parse.root': { 'zh-CN': '（整体）', en: '(root)' },
  'parse.required': { 'zh-CN': '缺少此项', en: 'Required, but missing' },
  'parse.type': {
    'zh-CN': '应为{expected}，实际是{received}',
    en: 'Should be {expected_en}, but is {received_en}',
  },
  'parse.type.string': { 'zh-CN': '文本', en: 'text' },
  'parse.type.number': { 'zh-CN': '数字', en: 'a number' },
  'parse.type.int': { 'zh-CN': '整数', en: 'a whole number' },
  'parse.type.boolean': { 'zh-CN': '是/否（true 或 false）', en: 'true or false' },
  'parse.type.array': { 'zh-CN': '列表', en: 'a list' },
  'parse.type.object': { 'zh-CN': '对象（字段表）', en: 'an object' },
  'parse.type.null': { 'zh-CN': '空值（null）', en: 'null' },
  'parse.type.undefined': { 'zh-CN': '空', en: 'nothing' },
  'parse.type.bigint': { 'zh-CN': '大整数', en: 'a big integer' },
  'parse.type.date': { 'zh-CN': '日期', en: 'a date' },
  'parse.type.nan': { 'zh-CN': '非数字（NaN）', en: 'NaN' },
  'parse.type.other': { 'zh-CN': '其他类型', en: 'another kind of value' },
  'parse.tooSmall.empty': { 'zh-CN': '不能为空', en: 'Cannot be empty' },
  'parse.tooSmall.string': { 'zh-CN': '至少{minimum}个字符', en: 'At least {minimum} characters' },
  'parse.tooSmall.array': { 'zh-CN': '至少{minimum}项', en: 'At least {minimum} items' },
  'parse.tooSmall.number': { 'zh-CN': '不能小于{minimum}', en: 'Must be at least {minimum}' },
  'parse.tooSmall.numberExclusive': { 'zh-CN': '必须大于{minimum}', en: 'Must be more than {minimum}' },
  'parse.tooBig.string': { 'zh-CN': '最多{maximum}个字符', en: 'At most {maximum} characters' },
  'parse.tooBig.array': { 'zh-CN': '最多{maximum}项', en: 'At most {maximum} items' },
  'parse.tooBig.number': { 'zh-CN': '不能大于{maximum}', en: 'Must be at most {maximum}' },
  'parse.tooBig.numberExclusive': { 'zh-CN': '必须小于{maximum}', en: 'Must be less than {maximum}' },
  'parse.exact.string': { 'zh-CN': '应为{length}个字符', en: 'Must be exactly {length} characters' },
  'parse.exact.array': { 'zh-CN': '应为{length}项', en: 'Must have exactly {length} items' },
  'parse.format': { 'zh-CN': '格式不对（应为 {format}）', en: 'Wrong format (should be {format})' },
  'parse.pattern': { 'zh-CN': '格式不对', en: 'Wrong format' },
  'parse.multipleOf': { 'zh-CN': '应为{divisor}的倍数', en: 'Must be a multiple of {divisor}' },
  'parse.unrecognizedKeys': {
    'zh-CN': '有不认识的字段：{keys}（可能拼写有误）',
    en: 'Unknown fields: {keys} (perhaps misspelt)',
  },
  'parse.oneOf': { 'zh-CN': '应为以下之一：{options}', en: 'Should be one of: {options}' },
  'parse.union': { 'zh-CN': '不符合任何一种允许的写法', en: 'Matches none of the allowed forms' },
  'parse.invalidKey': { 'zh-CN': '字段名无效', en: 'Invalid key' },
  'parse.invalidElement': { 'zh-CN': '集合中有无效的项', en: 'Invalid item in the set' },
  'parse.other': { 'zh-CN': '不符合要求', en: 'Not valid' },
} as const satisfies Catalog;
