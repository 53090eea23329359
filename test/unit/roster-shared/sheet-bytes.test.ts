/**
 * The pure half of reading a roster file (shared/roster/sheet-bytes.ts, sheet-cells.ts): what the
 * bytes are and in which encoding, judged as a fatal TextDecoder judges UTF-8; and the text of each
 * kind of .xlsx cell.
 */
import { describe, expect, it } from 'vitest';
import { csvEncoding, isUtf8, sheetKind } from '../../../shared/roster/sheet-bytes.js';
import { cellText, guessDelimiter, isBlankRow } from '../../../shared/roster/sheet-cells.js';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
function decodesAsUtf8(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the bytes of a roster file', () => {
  it('tells an .xlsx, an old .xls, an empty file and CSV apart', () => {
    expect(sheetKind(new Uint8Array())).toBe('empty');
    expect(sheetKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(sheetKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]))).toBe('xls');
    expect(sheetKind(utf8('姓名,身份证号'))).toBe('csv');
  });

  it('chooses UTF-16 by its byte-order mark, UTF-8 when the bytes are UTF-8, GB18030 otherwise', () => {
    expect(csvEncoding(new Uint8Array([0xff, 0xfe, 0x59, 0x5d]))).toBe('utf-16le');
    expect(csvEncoding(new Uint8Array([0xfe, 0xff, 0x5d, 0x59]))).toBe('utf-16be');
    expect(csvEncoding(utf8('姓名,王秀英'))).toBe('utf-8');
    expect(csvEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('姓名')]))).toBe('utf-8');
    // 姓名 in GBK, as Excel in China saves "CSV".
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]);
    expect(csvEncoding(gbk)).toBe('gb18030');
    expect(new TextDecoder(csvEncoding(gbk)).decode(gbk)).toBe('姓名');
  });

  it('judges UTF-8 exactly as a fatal decoder does, edge cases included', () => {
    const cases: number[][] = [
      [],
      [0x41],
      [0xc2, 0x80],
      [0xc1, 0xbf], // overlong
      [0xe0, 0x9f, 0x80], // overlong
      [0xe0, 0xa0, 0x80],
      [0xed, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80], // surrogate
      [0xef, 0xbf, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf], // overlong
      [0xf0, 0x90, 0x80, 0x80],
      [0xf4, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf5, 0x80, 0x80, 0x80],
      [0x80], // stray continuation
      [0xe5, 0xa7], // cut off
      [0xe5, 0xa7, 0x93, 0x41],
      [0xd0, 0xd5, 0xc3, 0xfb],
    ];
    for (const c of cases) expect([c, isUtf8(new Uint8Array(c))]).toEqual([c, decodesAsUtf8(new Uint8Array(c))]);
    // And both kinds of answer occur.
    expect(cases.filter((c) => isUtf8(new Uint8Array(c)))).toHaveLength(9);
  });
});

describe('the cells of a roster file', () => {
  it('reads each kind of .xlsx cell as the text the manager sees', () => {
    expect(cellText(null)).toBe('');
    expect(cellText('王秀英')).toBe('王秀英');
    expect(cellText(13800138000)).toBe('13800138000');
    // An 18-digit ID number Excel stored as a number: digits already lost, shown in exponent form.
    expect(cellText(4.401061950031512e17)).toBe('4.401061950031512E+17');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(true)).toBe('是');
    expect(cellText(new Date(Date.UTC(2025, 0, 1)))).toBe('2025-01-01');
    expect(cellText({ richText: [{ text: '王' }, { text: '秀英' }] })).toBe('王秀英');
    expect(cellText({ hyperlink: 'mailto:x', text: '链接' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText({ result: 42 })).toBe('42');
    expect(cellText({ result: { error: '#DIV/0!' } })).toBe('');
    expect(cellText({})).toBe('');
  });

  it('takes the separator the header line holds most of, and skips blank rows', () => {
    expect(guessDelimiter('姓名\t身份证号\t卡号\n王,1')).toBe('\t');
    expect(guessDelimiter('姓名;身份证号\n')).toBe(';');
    expect(guessDelimiter('姓名')).toBe(',');
    expect(isBlankRow(['', ' ', '\t'])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});
