/**
 * One table abstraction for everything the hub exports: typed columns with both languages' headers,
 * and rows of plain values. Each writer (CSV, XLSX, JSON) decides how a type looks in its format, so
 * a new table gets all three formats by being described once.
 *
 * Values: 'fen' cells are integer fen (shown as yuan, never rounded), 'date' cells 'YYYY-MM-DD'
 * (a calendar date), 'instant' cells UTC ISO strings, 'bool' booleans, null an empty cell.
 */
import { t } from '../../shared/i18n/index.js';

export type ColumnType = 'text' | 'int' | 'fen' | 'date' | 'instant' | 'bool';

export interface Column {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly type: ColumnType;
}

export type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

export interface Table {
  /** A file- and sheet-safe name ('daily-counts'). */
  readonly name: string;
  /** The sheet's title in both languages. */
  readonly title: { readonly zh: string; readonly en: string };
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
}

/** The header language: Chinese, English, or both ("日期 Date") for sheets passed between offices. */
export type HeaderLanguage = 'zh-CN' | 'en' | 'both';

/** A column whose headers are the catalog message `msg` in both languages. */
export function columnOf(key: string, msg: string, type: ColumnType): Column {
  return { key, zh: t(msg, undefined, 'zh-CN'), en: t(msg, undefined, 'en'), type };
}

/** A column whose headers come from the catalog key 'hub.export.col.<labelKey>'. */
export function column(key: string, labelKey: string, type: ColumnType): Column {
  return columnOf(key, `hub.export.col.${labelKey}`, type);
}

/** Rows whose cells are the items' own fields of the columns' keys (a missing field is an empty cell). */
export function pickRows<T extends { readonly [K in keyof T]: Cell }>(columns: readonly Column[], items: readonly T[]): Row[] {
  return items.map((item) => Object.fromEntries(columns.map((c) => [c.key, (item as Readonly<Record<string, Cell>>)[c.key] ?? null])));
}

/** A table whose title is the catalog message `msg` in both languages. */
export function titledBy(name: string, msg: string, columns: readonly Column[], rows: readonly Row[]): Table {
  return { name, title: { zh: t(msg, undefined, 'zh-CN'), en: t(msg, undefined, 'en') }, columns, rows };
}

/** A table whose title comes from the catalog key 'hub.export.sheet.<sheetKey>'. */
export function titled(name: string, sheetKey: string, columns: readonly Column[], rows: readonly Row[]): Table {
  return titledBy(name, `hub.export.sheet.${sheetKey}`, columns, rows);
}

export function headerText(c: Column, language: HeaderLanguage): string {
  if (language === 'zh-CN') return c.zh;
  if (language === 'en') return c.en;
  return `${c.zh} ${c.en}`;
}

export function boolText(value: boolean, language: HeaderLanguage): string {
  return t(value ? 'hub.export.yes' : 'hub.export.no', undefined, language === 'en' ? 'en' : 'zh-CN');
}

/** A cell's value of the wrong type is a bug in a table builder: said loudly, not written wrongly. */
export function cellError(table: Table, c: Column, value: Cell): Error {
  return new TypeError(`export ${table.name}: column ${c.key} is ${c.type}, got ${JSON.stringify(value)}`);
}
