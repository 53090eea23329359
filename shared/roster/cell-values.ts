// Reading roster cells (text, dates, yes/no, lists), shared: hub and kiosk read cells alike.
import { isCalendarDate } from '../dates.js';

/**
 * Reading the small values of a roster cell: yes / no, dates as clerks write them, and lists.
 * Each returns undefined for a value it cannot read; the caller words the problem, because only it
 * knows the column and the line.
 */

// Every regular expression here is built once, at load: a 100,000-row import calls these per cell.
const LIST_SEPARATORS = /[;；、,，|｜]/;
const DATE_YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

// Anything but printable ASCII and ordinary whitespace.
const NON_ASCII = /[^ -~\t\r\n]/;

/**
 * Full-width digits and letters (２０２５, ＹＥＳ), as a Chinese input method types them, made
 * ASCII. NFKC only runs on a cell that has a non-ASCII character, which most cells do not.
 */
export function ascii(cell: string): string {
  return NON_ASCII.test(cell) ? cell.normalize('NFKC') : cell;
}

const YES: ReadonlySet<string> = new Set(['是', '有', 'yes', 'y', 'true', '1', '√', '✓']);
const NO: ReadonlySet<string> = new Set(['否', '无', '没有', 'no', 'n', 'false', '0', '']);

/** 是/否, yes/no, 1/0, true/false (an empty cell is no). */
export function readYesNo(cell: string): boolean | undefined {
  const v = ascii(cell).trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

/**
 * 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日 or 20250301 → '2025-03-01'; '' → null (no date).
 * undefined for anything else, including a day that is not on the calendar.
 */
export function readDate(cell: string): string | null | undefined {
  const v = ascii(cell).trim();
  if (v === '') return null;
  const m = DATE_YMD.exec(v) ?? DATE_COMPACT.exec(v);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(y, mo, d)) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "A;B；C、D,E|F" → ['A', …]: the separators clerks use between several values in one cell. */
export function readList(cell: string): string[] {
  if (cell.trim() === '') return [];
  return cell
    .split(LIST_SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Empty (after trimming) is null: the column is there but says nothing for this elder. */
export function readText(cell: string): string | null {
  const v = cell.trim();
  return v === '' ? null : v;
}
