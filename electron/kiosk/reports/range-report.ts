/**
 * The manager's report over a range of days (a month, usually): per day, subsidised check-ins by age
 * band and by status, all check-ins, full-price sales and the money; over the range, the subsidy by
 * budget and how many distinct elders were served — the figures the district asks a canteen for.
 *
 * Counted as the day close counts (shared/ledger/day-totals.ts): voided records and the voids are
 * left out; a check-in is subsidised when its subsidy is above 0; `sales` is meals sold at full price
 * to anyone (a sale record's quantity); `personal` is all the canteen took from buyers (elders' parts
 * and full-price sales); `elders` are distinct elders served with a subsidy.
 */
import { addDays, daysBetween } from '../../../shared/dates.js';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { RangeReport } from '../../../shared/kiosk-api/report-views.js';
import { checkinBodySchema, saleBodySchema } from '../../../shared/ledger/bodies.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { policyInForce } from '../../../shared/policy/select.js';
import { AGE_BANDS } from '../../../shared/pricing/types.js';
import type { AgeBand } from '../../../shared/pricing/types.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import type { KioskContext } from '../kiosk-context.js';

/** A year and a day: a leap year's whole year fits. */
export const MAX_RANGE_DAYS = 366;
/** The byStatus key of an elder who held no status. */
export const NO_STATUS = 'none';

/**
 * Every check-in and sale of the range that was not voided, in one query: a range on
 * ledger_by_date_kind (service_date, kind), the voids by ledger_by_target. Not one query per day.
 */
export const RANGE_SQL = `SELECT l.kind, l.service_date, l.elder_id, l.body FROM ledger l
  WHERE l.service_date BETWEEN ? AND ? AND l.kind IN ('checkin', 'sale')
    AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq)`;

interface RangeRow {
  kind: 'checkin' | 'sale';
  service_date: string;
  elder_id: string | null;
  body: string;
}

type Day = RangeReport['days'][number];
type MutableDay = { -readonly [K in keyof Day]: Day[K] } & { byAgeBand: Record<AgeBand, number>; byStatus: Record<string, number> };

/** The days from..to, both included, or why not (backwards, longer than MAX_RANGE_DAYS). */
export function rangeDays(from: string, to: string): Result<string[], Message> {
  const span = daysBetween(from, to);
  if (span < 0) return err(message('kioskApi.report.backwards', { from, to }));
  if (span + 1 > MAX_RANGE_DAYS) return err(message('kioskApi.report.tooLong', { max: MAX_RANGE_DAYS }));
  return ok(Array.from({ length: span + 1 }, (_, i) => addDays(from, i)));
}

/** The policy versions in force on some day of the range, oldest first; the latest when none is. */
function versionsOver(ctx: KioskContext, days: readonly string[]): Policy[] {
  const all = ctx.policies.all();
  const seen = new Map<string, Policy>();
  for (const d of days) {
    const p = policyInForce(all, d);
    if (p !== null) seen.set(`${p.id}@${p.version}`, p);
  }
  const versions = [...seen.values()].sort((a, b) => a.version - b.version);
  return versions.length > 0 ? versions : [ctx.policies.latest()];
}

export function rangeReport(ctx: KioskContext, from: string, to: string): Result<RangeReport, Message> {
  const dates = rangeDays(from, to);
  if (!dates.ok) return dates;
  const versions = versionsOver(ctx, dates.value);

  // Names: the newest version in the range wins; codes a version dropped keep their older name.
  const statusNames = new Map<string, string>();
  const sourceNames = new Map<string, string>();
  for (const p of versions) {
    for (const s of p.statuses) statusNames.set(s.code, s.name);
    for (const f of p.funding) sourceNames.set(f.id, f.name);
  }

  const days = new Map<string, MutableDay>();
  const blankStatuses = (): Record<string, number> => Object.fromEntries([...statusNames.keys(), NO_STATUS].map((c) => [c, 0]));
  for (const d of dates.value) {
    days.set(d, {
      serviceDate: d,
      byAgeBand: Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>,
      byStatus: blankStatuses(),
      checkins: 0,
      sales: 0,
      subsidy: 0,
      personal: 0,
    });
  }

  const bySource = new Map<string, number>([...sourceNames.keys()].map((s) => [s, 0]));
  const elders = new Set<string>();
  const totals = { checkins: 0, sales: 0, elders: 0, subsidy: 0, personal: 0 };

  for (const row of ctx.store.read.stmt<RangeRow>(RANGE_SQL).iterate(from, to)) {
    const day = days.get(row.service_date);
    // BETWEEN on valid dates cannot give a day outside the range; a malformed date would.
    if (day === undefined) continue;
    // Bodies are checked when written and by verification: a bad one here is a damaged file.
    const json: unknown = JSON.parse(row.body);
    if (row.kind === 'sale') {
      const b = saleBodySchema.parse(json);
      day.sales += b.quantity;
      day.personal += b.personal;
      continue;
    }
    const b = checkinBodySchema.parse(json);
    day.checkins += 1;
    day.subsidy += b.subsidy;
    day.personal += b.personal;
    for (const f of b.funding) bySource.set(f.source, (bySource.get(f.source) ?? 0) + f.amount);
    if (b.subsidy <= 0) continue;
    day.byAgeBand[b.facts.ageBand] += 1;
    // An elder holding two statuses counts under each: the district checks meals per category
    // against the eligible elders of that category.
    const codes = b.facts.statuses.length === 0 ? [NO_STATUS] : [...new Set(b.facts.statuses)];
    for (const c of codes) {
      if (c !== NO_STATUS && !statusNames.has(c)) {
        statusNames.set(c, c);
        for (const other of days.values()) other.byStatus[c] ??= 0;
      }
      day.byStatus[c] = (day.byStatus[c] ?? 0) + 1;
    }
    if (row.elder_id !== null) elders.add(row.elder_id);
  }

  const dayList = [...days.values()];
  for (const d of dayList) {
    totals.checkins += d.checkins;
    totals.sales += d.sales;
    totals.subsidy += d.subsidy;
    totals.personal += d.personal;
  }
  totals.elders = elders.size;

  const order = versions[versions.length - 1]?.funding.map((f) => f.id) ?? [];
  const rank = (s: string): number => (order.includes(s) ? order.indexOf(s) : order.length);
  return ok({
    from,
    to,
    days: dayList,
    statusNames: [...statusNames].map(([code, name]) => ({ code, name })),
    byFunding: [...bySource]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([source, amount]) => ({ source, name: sourceNames.get(source) ?? source, amount })),
    totals,
  });
}

/** The calendar month 'YYYY-MM' as a range. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = addDays(from, 31);
  return { from, to: addDays(`${next.slice(0, 7)}-01`, -1) };
}
