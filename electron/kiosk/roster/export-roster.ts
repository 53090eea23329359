import { rename, writeFile, rm } from 'node:fs/promises';
import type { KioskStore } from '../store/open.js';
import { allElders } from './elder-rows.js';
import type { Elder, ElderStatusRow } from './elder-rows.js';
import type { StatusName } from '../../../shared/roster/import-parse.js';
import { EXPORT_MARK, FIELD_HEADERS, ROSTER_FIELDS } from '../../../shared/roster/roster-columns.js';

/**
 * Writes the kiosk's roster as CSV for the manager to read, print or hand to the district.
 *
 * The ID number column holds the masked form (**************123X): the kiosk never stored the plain
 * number, only a keyed hash and the mask (PIPL), so it cannot write it. Such a file must not be
 * taken for a roster to import, so:
 *  - line 1 is a note (cell A1) starting with EXPORT_MARK, saying it is an export and cannot be
 *    imported; the importer refuses any file that starts with it;
 *  - line 2 holds the same Chinese headers an import file uses, plus 暂停 (suspended);
 *  - should someone delete line 1, every row still fails on import as "ID number masked".
 * Only active cards are listed (a lost card is no use to anyone reading the list); photos are not
 * exported.
 *
 * UTF-8 with a byte-order mark, which Excel in China needs to show Chinese from a CSV.
 */
export interface ExportOptions {
  /** Names for status codes (特困 for 'tekun'); codes are written as they are without it. */
  readonly statuses?: readonly StatusName[];
}

export interface ExportOutcome {
  readonly rows: number;
}

export const EXPORT_NOTE = `${EXPORT_MARK}：身份证号已遮盖，本文件只供查看，不能用于导入 / Zhucan roster export: ID numbers are masked; for reading only, not for import`;
const SUSPENDED_HEADER = '暂停';

// A cell Excel would run as a formula ("=HYPERLINK(…)" typed as a name) is written as text.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const yesNo = (b: boolean): string => (b ? '是' : '否');

/** Status names, and their dates: one date for all when they agree, else each status's own. */
function statusCells(statuses: readonly ElderStatusRow[], names: ReadonlyMap<string, string>): [string, string, string] {
  const nameOf = (code: string): string => names.get(code) ?? code;
  const list = statuses.map((s) => nameOf(s.code)).join('、');
  const froms = new Set(statuses.map((s) => s.validFrom ?? ''));
  const tos = new Set(statuses.map((s) => s.validTo ?? ''));
  const dates = (pick: (s: ElderStatusRow) => string | null, distinct: Set<string>): string =>
    distinct.size <= 1 ? ([...distinct][0] ?? '') : statuses.map((s) => `${nameOf(s.code)}:${pick(s) ?? ''}`).join('、');
  return [list, dates((s) => s.validFrom, froms), dates((s) => s.validTo, tos)];
}

function elderLine(e: Elder, names: ReadonlyMap<string, string>): string {
  const [statuses, from, to] = statusCells(e.statuses, names);
  const cells: Record<(typeof ROSTER_FIELDS)[number], string> = {
    name: e.name,
    idNumber: e.idMasked,
    cards: e.cards.filter((c) => c.state === 'active').map((c) => c.uid).join('；'),
    statuses,
    statusFrom: from,
    statusTo: to,
    hukouRegion: e.hukouRegion ?? '',
    residenceRegion: e.residenceRegion ?? '',
    careHome: yesNo(e.careHome),
    phone: e.phone ?? '',
    dietAlert: e.dietAlert ?? '',
    livesAlone: yesNo(e.livesAlone),
    regular: yesNo(e.regular),
  };
  return [...ROSTER_FIELDS.map((f) => cells[f]), yesNo(!e.active)].map(csvCell).join(',');
}

export async function exportRoster(store: KioskStore, filePath: string, format: 'csv', opts: ExportOptions = {}): Promise<ExportOutcome> {
  if (format !== 'csv') throw new RangeError(`exportRoster: unsupported format ${String(format)}`);
  const names = new Map((opts.statuses ?? []).map((s) => [s.code, s.name]));
  const lines = [csvCell(EXPORT_NOTE), [...ROSTER_FIELDS.map((f) => FIELD_HEADERS[f][0] ?? f), SUSPENDED_HEADER].map(csvCell).join(',')];
  let rows = 0;
  for (const elder of allElders(store.read)) {
    lines.push(elderLine(elder, names));
    rows++;
  }
  // Written beside the target and renamed over it, so a full disk never leaves half a roster.
  // Owner-only permissions where the OS has them: the file holds names and phone numbers.
  const temp = `${filePath}.${process.pid}.partial`;
  try {
    await writeFile(temp, `\uFEFF${lines.join('\r\n')}\r\n`, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, filePath);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return { rows };
}
