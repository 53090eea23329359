/**
 * The absence list (DESIGN.md §1): regulars who have not eaten here on the date, so staff can call
 * them — the canteen doubles as a daily welfare check. Those most at risk first: elders living alone,
 * then those holding a status such as 独居, 空巢, 失能 or 半失能; then by name.
 */
import type { AbsentElder } from '../../../shared/kiosk-api/report-views.js';
import type { Policy } from '../../../shared/policy/schema.js';
import type { ReadHandle } from '../store/open.js';

/**
 * What marks a status as "call first", in its name (the policy's Chinese name) or its code (the
 * pinyin codes policies use: dujv / duju 独居, kongchao 空巢, shineng 失能, banshineng 半失能).
 * 失能 also matches 半失能; shineng also matches banshineng.
 */
const PRIORITY_NAME_WORDS = ['独居', '空巢', '失能'] as const;
const PRIORITY_CODE_WORDS = ['dujv', 'duju', 'kongchao', 'shineng'] as const;

export function isPriorityStatus(code: string, name: string): boolean {
  const c = code.toLowerCase();
  return PRIORITY_NAME_WORDS.some((w) => name.includes(w)) || PRIORITY_CODE_WORDS.some((w) => c.includes(w));
}

/**
 * Active regulars without a check-in on the date that was not voided, with their last such meal on
 * or before it. Each elder's look-ups use ledger_by_elder_date; the voids, ledger_by_target.
 * +l.kind: without it the planner takes (service_date, kind) and reads every check-in of the day for
 * each regular; the elder's own rows are a handful (as checkin.ts RECENT_CHECKIN_SQL).
 */
export const ABSENT_SQL = `SELECT e.id, e.name, e.phone, e.lives_alone,
    (SELECT max(m.service_date) FROM ledger m
      WHERE m.elder_id = e.id AND m.service_date <= @date AND m.kind = 'checkin'
        AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = m.seq)) AS last_meal
  FROM elders e
  WHERE e.regular = 1 AND e.active = 1
    AND NOT EXISTS (SELECT 1 FROM ledger l
      WHERE l.elder_id = e.id AND l.service_date = @date AND +l.kind = 'checkin'
        AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq))`;

/** Statuses held on the date by active regulars. */
export const HELD_STATUSES_SQL = `SELECT s.elder_id, s.code FROM elder_statuses s JOIN elders e ON e.id = s.elder_id
  WHERE e.regular = 1 AND e.active = 1
    AND (s.valid_from IS NULL OR s.valid_from <= @date) AND (s.valid_to IS NULL OR s.valid_to >= @date)
  ORDER BY s.elder_id, s.code`;

interface AbsentRow {
  id: string;
  name: string;
  phone: string | null;
  lives_alone: number;
  last_meal: string | null;
}

export function absentRegulars(read: ReadHandle, policy: Policy, date: string): AbsentElder[] {
  const nameOf = (code: string): string => policy.statuses.find((s) => s.code === code)?.name ?? code;
  const priority = new Map<string, string[]>();
  for (const s of read.stmt<{ elder_id: string; code: string }>(HELD_STATUSES_SQL).all({ date })) {
    const name = nameOf(s.code);
    if (!isPriorityStatus(s.code, name)) continue;
    const list = priority.get(s.elder_id) ?? [];
    if (!list.includes(name)) list.push(name);
    priority.set(s.elder_id, list);
  }
  const collator = new Intl.Collator('zh-CN');
  return read
    .stmt<AbsentRow>(ABSENT_SQL)
    .all({ date })
    .map((r) => ({
      elderId: r.id,
      name: r.name,
      phone: r.phone,
      livesAlone: r.lives_alone === 1,
      priority: priority.get(r.id) ?? [],
      lastMeal: r.last_meal,
    }))
    .sort(
      (a, b) =>
        Number(b.livesAlone) - Number(a.livesAlone) ||
        Number(b.priority.length > 0) - Number(a.priority.length > 0) ||
        collator.compare(a.name, b.name) ||
        (a.elderId < b.elderId ? -1 : a.elderId > b.elderId ? 1 : 0),
    );
}
