import type { Catalog } from './text.js';

/**
 * The roster (花名册) and the operators of a canteen. A canteen manager reads these while importing
 * the district's list, binding a card or signing in: each says what is wrong and what to do, and
 * none repeats a resident ID number (a line number or the masked form instead).
 */
export const rosterCatalog = {
  // Cards
  'roster.card.empty': { 'zh-CN': '请刷卡或输入卡号', en: 'Swipe the card or type its number' },
  'roster.card.format': {
    'zh-CN': '卡号“{input}”不对：卡号应为4到20位的数字或字母A–F',
    en: 'Card number "{input}" is not valid: a card number has 4 to 20 digits or letters A–F',
  },
  'roster.card.isIdNumber': {
    'zh-CN': '这是身份证号，不是卡号。请刷卡或输入卡上的卡号',
    en: 'This is a resident ID number, not a card number. Swipe the card or type the number on it',
  },
  'roster.card.taken': {
    'zh-CN': '卡{uid}已绑定给{name}，不能再绑定给别人。如果卡已遗失，请先在{name}名下挂失',
    en: 'Card {uid} is already bound to {name} and cannot be bound to anyone else. If it was lost, report it lost under {name} first',
  },
  'roster.card.wasLost': {
    'zh-CN': '卡{uid}已挂失，不能再使用。请给老人发一张新卡',
    en: 'Card {uid} was reported lost and cannot be used again. Issue the elder a new card',
  },
  'roster.card.wasReplaced': {
    'zh-CN': '卡{uid}已被新卡替换，不能再使用',
    en: 'Card {uid} has been replaced by a new card and cannot be used again',
  },
  'roster.card.alreadyLost': { 'zh-CN': '卡{uid}已经挂失过了', en: 'Card {uid} has already been reported lost' },
  'roster.card.unknown': { 'zh-CN': '没有找到卡{uid}，它没有绑定给任何老人', en: 'Card {uid} was not found; it is not bound to any elder' },
  'roster.card.notThisElders': {
    'zh-CN': '卡{uid}不是这位老人的卡，无法替换',
    en: 'Card {uid} is not this elder’s card, so it cannot be replaced',
  },

  // Elders and statuses
  'roster.elder.unknown': {
    'zh-CN': '花名册中没有这位老人（可能已被其他人删除或编号有误）',
    en: 'This elder is not on the roster (perhaps removed, or the number is wrong)',
  },
  'roster.status.invalid': {
    'zh-CN': '类别“{code}”的名称或日期有误',
    en: 'The status "{code}" has a missing name or a wrong date',
  },
  'roster.status.endsBeforeStart': {
    'zh-CN': '类别“{code}”的截止日期早于起始日期',
    en: 'The status "{code}" ends before it starts',
  },
  'roster.status.twice': {
    'zh-CN': '类别“{code}”从同一天起重复填写了两次',
    en: 'The status "{code}" is given twice from the same date',
  },

  // Roster files: the file as a whole
  'roster.file.unreadable': {
    'zh-CN': '无法打开文件：{file}。请确认文件还在、没有被Excel等程序占用',
    en: 'The file cannot be opened: {file}. Check that it still exists and is not open in Excel or another program',
  },
  'roster.file.empty': { 'zh-CN': '文件是空的，没有任何内容', en: 'The file is empty' },
  'roster.file.xls': {
    'zh-CN': '这是旧版Excel文件（.xls）。请在Excel中“另存为” .xlsx 或 CSV 后再导入',
    en: 'This is an old Excel file (.xls). In Excel, use "Save As" .xlsx or CSV, then import that',
  },
  'roster.file.xlsxBroken': {
    'zh-CN': '无法读取这个Excel文件，文件可能已损坏。请在Excel中打开并重新保存后再试',
    en: 'This Excel file cannot be read; it may be damaged. Open it in Excel, save it again, and retry',
  },
  'roster.file.csvBroken': {
    'zh-CN': 'CSV文件第{line}行附近的引号没有配对，文件格式有误。请在Excel中打开并重新保存后再试',
    en: 'Near line {line} of the CSV file a quotation mark is not closed. Open it in Excel, save it again, and retry',
  },
  'roster.file.isExport': {
    'zh-CN': '这是从助餐导出的花名册，身份证号已遮盖，不能用于导入。请使用民政局下发的名单或自己填写的名单',
    en: 'This is a roster exported from Zhucan; its ID numbers are masked, so it cannot be imported. Use the list from the district or your own list',
  },
  'roster.file.missingColumns': {
    'zh-CN': '第一行（表头）缺少必须的列：{columns}。请在表头加上这一列',
    en: 'The first line (the headers) lacks a required column: {columns}. Add it to the headers',
  },
  'roster.file.columnTwice': {
    'zh-CN': '表头中“{first}”和“{second}”是同一列，只能保留一个',
    en: 'The headers "{first}" and "{second}" name the same column; keep only one',
  },
  'roster.file.unknownColumns': {
    'zh-CN': '以下列不认识，已忽略：{columns}',
    en: 'These columns are not recognised and were ignored: {columns}',
  },
  'roster.file.titleRows': {
    'zh-CN': '第{lines}行不是表头，当作标题跳过；表头在第{header}行',
    en: 'Line {lines} is not the header and was skipped as a title; the headers are on line {header}',
  },
  'roster.file.noRows': { 'zh-CN': '文件只有表头，没有老人的数据', en: 'The file has headers but no elders' },

  // Roster files: one row
  'roster.row.nameEmpty': { 'zh-CN': '姓名为空', en: 'The name is empty' },
  'roster.row.idMasked': {
    'zh-CN': '身份证号被遮盖了（含*号），需要完整的18位号码',
    en: 'The ID number is masked (has *); the full 18-character number is needed',
  },
  'roster.row.idAsNumber': {
    'zh-CN': '身份证号被Excel存成了数字，后几位已经丢失。请把这一列设为“文本”格式后重新输入号码',
    en: 'Excel stored the ID number as a number and lost its last digits. Format the column as Text and type the numbers again',
  },
  'roster.row.idDuplicate': {
    'zh-CN': '身份证号与第{first}行重复（同一位老人出现了两次）',
    en: 'The ID number is the same as on line {first} (the same elder twice)',
  },
  'roster.row.converted15': {
    'zh-CN': '15位旧身份证号已转换为18位：{masked}',
    en: 'The old 15-digit ID number was converted to 18 characters: {masked}',
  },
  'roster.row.cardDuplicate': {
    'zh-CN': '卡号{uid}与第{first}行重复，一张卡只能给一位老人',
    en: 'Card {uid} is also on line {first}; a card belongs to one elder only',
  },
  'roster.row.cardTaken': {
    'zh-CN': '卡号{uid}已绑定给花名册中的{name}',
    en: 'Card {uid} is already bound to {name} on the roster',
  },
  'roster.row.cardLostKept': {
    'zh-CN': '卡号{uid}之前已挂失，仍保持挂失，没有重新启用',
    en: 'Card {uid} was reported lost earlier; it stays lost and was not re-enabled',
  },
  'roster.row.cardReplacedKept': {
    'zh-CN': '卡号{uid}之前已被新卡替换，没有重新启用',
    en: 'Card {uid} was replaced by a new card earlier; it was not re-enabled',
  },
  'roster.row.statusUnknown': {
    'zh-CN': '类别“{status}”不认识，可填写：{known}',
    en: 'Status "{status}" is not known; use one of: {known}',
  },
  'roster.row.dateBad': {
    'zh-CN': '“{column}”的日期“{input}”不对，请写成 2025-03-01 这样的日期',
    en: 'The date "{input}" in "{column}" is not valid; write a date such as 2025-03-01',
  },
  'roster.row.dateOrder': {
    'zh-CN': '类别截止日期{to}早于起始日期{from}',
    en: 'The status ends ({to}) before it starts ({from})',
  },
  'roster.row.regionBad': {
    'zh-CN': '“{column}”的“{input}”不是行政区划代码，应为6位、9位或12位数字，如 440106 或 440106001',
    en: '"{input}" in "{column}" is not a region code; it has 6, 9 or 12 digits, e.g. 440106 or 440106001',
  },
  'roster.row.yesNoBad': {
    'zh-CN': '“{column}”应填“是”或“否”，现在是“{input}”',
    en: '"{column}" should be yes or no, not "{input}"',
  },

  // Operators
  'operator.nameEmpty': { 'zh-CN': '请输入工作人员姓名', en: 'Enter the staff member’s name' },
  'operator.pinFormat': { 'zh-CN': '密码应为4到8位数字', en: 'The PIN is 4 to 8 digits' },
  'operator.pinWeak': {
    'zh-CN': '密码太容易被猜到（如0000、1234、9876），请换一个',
    en: 'This PIN is too easy to guess (like 0000, 1234 or 9876); choose another',
  },
  'operator.idTaken': { 'zh-CN': '工号{id}已被使用，请换一个', en: 'Staff number {id} is already in use; choose another' },
  'operator.unknown': { 'zh-CN': '没有这个工号的工作人员', en: 'No staff member has this number' },
  'operator.wrongPin': { 'zh-CN': '密码不对，请重新输入', en: 'Wrong PIN; try again' },
  'operator.inactive': {
    'zh-CN': '{name}的账号已停用，请联系食堂负责人',
    en: 'The account of {name} is disabled; ask the canteen manager',
  },
  'operator.needManager': { 'zh-CN': '这项操作需要负责人（经理）登录', en: 'This needs a manager to sign in' },
  'operator.needCashier': { 'zh-CN': '这项操作需要收银员登录', en: 'This needs a cashier to sign in' },
} as const satisfies Catalog;
