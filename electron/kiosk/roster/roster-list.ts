import type { ReadHandle } from '../store/open.js';
import { ELDER_COLUMNS, loadEldersFromRows } from './elder-rows.js';
import type { Elder } from './elder-rows.js';
import { INITIALS_QUERY } from './name-initials.js';

/**
 * The manager's roster list: a page of elders matching a query and filters, and how many match in
 * all. Unlike the cashier's search (roster-store searchElders, at most 100, best match first) it
 * pages through the whole roster in name order, so a manager can read it from end to end.
 */
export interface RosterListRequest {
  /** Part of the name, pinyin initials (wjg), or the last 4 characters of the ID number; '' for all. */
  readonly query: string;
  /** Only elders holding this status code on `today`. */
  readonly status?: string | undefined;
  readonly active?: boolean | undefined;
  readonly regular?: boolean | undefined;
  /** The canteen's date, for which statuses are held. */
  readonly today: string;
  readonly offset: number;
  readonly limit: number;
}

export interface RosterListPage {
  readonly total: number;
  readonly elders: readonly Elder[];
}

const LAST_FOUR = /^\d{3}[\dX]$/;
const LIKE_SPECIAL = /[\\%_]/g;

/**
 * The SQL is put together from these fixed pieces only (values always bound), so the statement
 * cache holds a bounded number of texts.
 */
const HOLDS_STATUS = `EXISTS (SELECT 1 FROM elder_statuses s WHERE s.elder_id = e.id AND s.code = @status
  AND (s.valid_from IS NULL OR s.valid_from <= @today) AND (s.valid_to IS NULL OR s.valid_to >= @today))`;

export function listElders(db: ReadHandle, req: RosterListRequest): RosterListPage {
  const q = req.query.normalize('NFKC').trim();
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  if (q !== '') {
    const either = ["e.name LIKE @pattern ESCAPE '\\'"];
    args.pattern = `%${q.replace(LIKE_SPECIAL, (c) => `\\${c}`)}%`;
    if (INITIALS_QUERY.test(q)) {
      either.push('e.name_initials GLOB @initials');
      args.initials = `${q.toLowerCase()}*`;
    }
    if (LAST_FOUR.test(q.toUpperCase())) {
      either.push('substr(e.id_masked, -4) = @lastFour');
      args.lastFour = q.toUpperCase();
    }
    where.push(`(${either.join(' OR ')})`);
  }
  if (req.status !== undefined && req.status !== '') {
    where.push(HOLDS_STATUS);
    args.status = req.status;
    args.today = req.today;
  }
  if (req.active !== undefined) {
    where.push('e.active = @active');
    args.active = req.active ? 1 : 0;
  }
  if (req.regular !== undefined) {
    where.push('e.regular = @regular');
    args.regular = req.regular ? 1 : 0;
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const total = db.stmt<{ n: number }>(`SELECT count(*) AS n FROM elders e ${clause}`).get(args)?.n ?? 0;
  const rows = db
    .stmt(`SELECT ${ELDER_COLUMNS} FROM elders e ${clause} ORDER BY e.name, e.id LIMIT @limit OFFSET @offset`)
    .all({ ...args, limit: req.limit, offset: req.offset });
  return { total, elders: loadEldersFromRows(db, rows) };
}
