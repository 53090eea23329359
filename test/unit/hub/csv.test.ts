/** The CSV writer's rules on their own: BOM, CRLF, RFC 4180 quoting, the formula guard, yuan from fen. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { neutraliseFormula, quoteCsv, toCsv } from '../../../server/export/csv.js';
import type { Table } from '../../../server/export/table.js';

/** A CSV text's rows, parsed as Excel would read them (BOM skipped). */
function csvRows(text: string): string[][] {
  return z.array(z.array(z.string())).parse(parse(text, { bom: true }));
}


const table: Table = {
  name: 't',
  title: { zh: '表', en: 'Table' },
  columns: [
    { key: 'name', zh: '名称', en: 'Name', type: 'text' },
    { key: 'n', zh: '数', en: 'N', type: 'int' },
    { key: 'amount', zh: '金额（元）', en: 'Amount (yuan)', type: 'fen' },
    { key: 'day', zh: '日期', en: 'Date', type: 'date' },
    { key: 'ok', zh: '是否', en: 'OK', type: 'bool' },
  ],
  rows: [
    { name: '东山, "长者"\r\n饭堂', n: -3, amount: -5, day: '2026-10-01', ok: true },
    { name: '=1+2', n: 0, amount: 123456789, day: null, ok: false },
  ],
};

describe('CSV', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(quoteCsv('plain 中文')).toBe('plain 中文');
    expect(quoteCsv('a,b')).toBe('"a,b"');
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsv('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises every formula start and nothing else', () => {
    for (const s of ['=SUM(A1)', '+1', '-1', '@cmd', '\t=1', '\r=1']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['1=1', '东山', ' =1', '']) expect(neutraliseFormula(s)).toBe(s);
  });

  it('writes BOM, CRLF, bilingual headers and exact yuan; parses back to the same cells', () => {
    const text = toCsv(table);
    expect(text.startsWith('\uFEFF名称 Name,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4 + 1); // header, a row with an embedded CRLF split in two, a row, the final ''
    const rows = csvRows(text);
    expect(rows).toEqual([
      ['名称 Name', '数 N', '金额（元） Amount (yuan)', '日期 Date', '是否 OK'],
      ['东山, "长者"\r\n饭堂', '-3', '-0.05', '2026-10-01', '是'],
      ["'=1+2", '0', '1234567.89', '', '否'],
    ]);
    expect(csvRows(toCsv(table, 'en'))[2]?.[4]).toBe('no');
  });

  it('refuses a value of the wrong type for its column', () => {
    expect(() => toCsv({ ...table, rows: [{ name: 'x', n: 1.5, amount: 0, day: null, ok: true }] })).toThrow(/column n is int/);
    expect(() => toCsv({ ...table, rows: [{ name: 'x', n: 1, amount: 0.5, day: null, ok: true }] })).toThrow(/column amount is fen/);
  });
});
