/**
 * Finding elders on the district roster: by name (any part of it), by pinyin initials (wjg finds
 * 王建国), or by the last 4 characters of the ID number — what a clerk on the phone with a canteen
 * has to hand. Pages by keyset (name, elder id), so page 2 is as quick as page 1 and stays right
 * while the roster changes. Initials and last 4 are index look-ups; a part of a name scans the
 * district's rows (a few hundred thousand at most: tens of milliseconds; a trigram index is the next
 * step if a city-wide hub needs it).
 */
import { z } from 'zod';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { RosterSearchQuery, RosterSearchResult } from '../../shared/hub-api/roster-views.js';
import type { SqlParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { INITIALS_QUERY } from './name-initials.js';
import { ELDER_COLUMNS, elderRow, viewsOf } from './roster-rows.js';

export interface RosterSearchInput extends Partial<RosterSearchQuery> {
  readonly districtId: number;
}

export type SearchRefusal = HubRefusal<'forbidden' | 'badCursor'>;

const LAST4 = /^\d{3}[\dXx]$/;

// The cursor is opaque to the caller: the last row's (name, id), base64url JSON.
const cursorSchema = z.tuple([z.string(), z.string()]);

function encodeCursor(name: string, elderId: string): string {
  return Buffer.from(JSON.stringify([name, elderId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** LIKE's own characters in a typed query are matched as themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchRoster(db: HubQueries, actor: Actor, input: RosterSearchInput): Promise<Result<RosterSearchResult, SearchRefusal>> {
  const allowed = requireMemberOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const where: string[] = ['e.district_id = $1'];
  const params: SqlParam[] = [input.districtId];
  const add = (sql: (n: string) => string, value: SqlParam): void => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };

  const q = (input.q ?? '').normalize('NFKC').trim();
  if (q !== '') {
    if (LAST4.test(q)) add((p) => `right(e.id_number, 4) = ${p}`, q.toUpperCase());
    // Latin letters of a name are kept in its initials (Robert → "robert"), so "rob" finds it too.
    else if (INITIALS_QUERY.test(q)) add((p) => `e.name_initials LIKE ${p}`, `${escapeLike(q.toLowerCase())}%`);
    else add((p) => `e.name LIKE ${p}`, `%${escapeLike(q)}%`);
  }
  const status = input.status ?? 'all';
  if (status === 'active') where.push('e.active');
  if (status === 'suspended') where.push('NOT e.active');
  if (input.cursor !== undefined) {
    const after = decodeCursor(input.cursor);
    if (after === undefined) return refuse('badCursor', 'hub.roster.badCursor');
    params.push(after[0], after[1]);
    where.push(`(e.name, e.elder_id) > ($${params.length - 1}, $${params.length})`);
  }
  params.push(limit + 1);
  const rows = await db.query(
    `SELECT ${ELDER_COLUMNS} FROM roster_elders e WHERE ${where.join(' AND ')} ORDER BY e.name, e.elder_id LIMIT $${params.length}`,
    params,
    elderRow,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(last.name, last.elder_id) : null;
  return ok({ elders: await viewsOf(db, page), nextCursor });
}
