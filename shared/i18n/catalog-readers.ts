import type { Catalog } from './text.js';

/**
 * Card readers and scanners. A cashier reads these right after a swipe or a scan: each says what the
 * reader sent in terms of its shape (never the characters themselves, which could be an ID number)
 * and what to do — usually swipe again, or ask the manager to check the reader's setting.
 */
export const readersCatalog = {
  'reader.uid.empty': { 'zh-CN': '读卡器没有读到卡号，请重新刷卡', en: 'The reader sent no card number; swipe the card again' },
  'reader.uid.hex': {
    'zh-CN': '读卡器发来的卡号有{length}个字符，不是8位十六进制卡号。请重新刷卡；如仍不行，请负责人检查读卡器的卡号格式设置',
    en: 'The reader sent {length} characters, not an 8-digit hexadecimal card number. Swipe again; if it keeps happening, ask the manager to check the reader’s card number format',
  },
  'reader.uid.dec10': {
    'zh-CN': '读卡器发来的卡号有{length}个字符，不是10位数字卡号。请重新刷卡；如仍不行，请负责人检查读卡器的卡号格式设置',
    en: 'The reader sent {length} characters, not a 10-digit card number. Swipe again; if it keeps happening, ask the manager to check the reader’s card number format',
  },
  'reader.uid.dec10Range': {
    'zh-CN': '读卡器发来的10位卡号超出范围（最大4294967295），请重新刷卡',
    en: 'The 10-digit card number from the reader is out of range (at most 4294967295); swipe again',
  },
  'reader.uid.wiegand26': {
    'zh-CN': '读卡器发来的卡号有{length}个字符，不是8位韦根卡号（3位区号+5位卡号）。请重新刷卡；如仍不行，请负责人检查读卡器的卡号格式设置',
    en: 'The reader sent {length} characters, not an 8-digit Wiegand card number (3-digit facility + 5-digit card). Swipe again; if it keeps happening, ask the manager to check the reader’s card number format',
  },
  'reader.uid.wiegand26Range': {
    'zh-CN': '韦根卡号超出范围（区号最大255，卡号最大65535），请重新刷卡',
    en: 'The Wiegand card number is out of range (facility at most 255, card at most 65535); swipe again',
  },
  'reader.scan.idInvalid': {
    'zh-CN': '读到的身份证号无效（长度、出生日期或校验位不对），请重新读取身份证',
    en: 'The resident ID number read is not valid (its length, birth date or check character is wrong); read the ID card again',
  },
  'reader.card.ambiguous': {
    'zh-CN': '此读卡器无法区分两张卡，请在主读卡器上刷卡，或按姓名查找长者',
    en: 'This reader cannot tell two cards apart; swipe on the main reader or find the elder by name',
  },
  'reader.service.noCashier': { 'zh-CN': '请先登录收银员，再刷卡', en: 'No cashier is signed in: sign in, then swipe again' },
  'reader.service.failed': {
    'zh-CN': '本次刷卡未能处理，未记录。请重新刷卡；如仍不行，请联系负责人',
    en: 'This swipe could not be handled and nothing was recorded. Swipe again; if it keeps happening, call the manager',
  },
  'reader.service.unknownReader': {
    'zh-CN': '收到未配置的读卡器的数据，未记录。请负责人检查读卡器设置',
    en: 'A scan came from a reader that is not configured; nothing was recorded. Ask the manager to check the reader settings',
  },
  'reader.service.configInvalid': { 'zh-CN': '读卡器设置无法读取：{problem}', en: 'The reader settings cannot be read: {problem}' },
  'reader.unavailable': { 'zh-CN': '读卡器不可用：{reason}', en: 'Readers unavailable: {reason}' },
  'reader.settingName': { 'zh-CN': '读卡器设置', en: 'reader settings' },
  'reader.usb': { 'zh-CN': 'USB 设备 {vidpid}', en: 'USB device {vidpid}' },
  'reader.kind.keyboard': { 'zh-CN': '键盘模式', en: 'keyboard' },
  'reader.kind.hidPos': { 'zh-CN': 'HID-POS 模式', en: 'HID-POS' },
  'reader.kind.vendor': { 'zh-CN': '厂商数据模式', en: 'vendor data' },
  'reader.kind.other': { 'zh-CN': '用途页 {page}', en: 'usage page {page}' },
  'reader.config.otherFormat': {
    'zh-CN': '{field} 设置只用于 {field} 格式的读卡器，这个读卡器的格式是 {format}',
    en: 'The {field} settings are for readers of format {field} only; this reader’s format is {format}',
  },
  'reader.config.sameByte': { 'zh-CN': '与 {other} 是同一个字节，请核对读卡器手册中的报告格式', en: 'The same byte as {other}: check the report layout in the reader’s manual' },
  'reader.config.offsetZero': { 'zh-CN': '第0字节是报告编号，不能放续传标志', en: 'Byte 0 is the report id: the continuation flag cannot be there' },
} as const satisfies Catalog;
