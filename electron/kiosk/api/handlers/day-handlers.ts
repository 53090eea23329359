/** Day close (日结) and the day's report; the current display; the policy for settings (readers: reader-handlers.ts). */
import { message } from '../../../../shared/i18n/text.js';
import { describePolicy } from '../../../../shared/policy/describe.js';
import { localAt } from '../../kiosk-context.js';
import type { DisplayBoard } from '../display-board.js';
import { fromKioskFailure, unwrap } from '../failures.js';
import { ApiFailure } from '../handler-types.js';
import type { HandlerContext, Handlers } from '../handler-types.js';
import { dayReportView } from '../views/day-view.js';
import { periodView } from '../views/checkin-view.js';

const BACKFILLED_SQL = `SELECT count(*) AS n FROM ledger l
  WHERE l.service_date = ? AND l.kind IN ('checkin', 'sale') AND json_extract(l.body, '$.backfilled') = 1
    AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq)`;

function today(ctx: HandlerContext): string {
  return localAt(ctx.kiosk.context, ctx.kiosk.context.clock()).date;
}

function view(ctx: HandlerContext, report: Parameters<typeof dayReportView>[1]): ReturnType<typeof dayReportView> {
  const c = ctx.kiosk.context;
  const policy = c.policies.all().length > 0 ? c.policies.latest() : null;
  if (policy === null) throw new ApiFailure('failed', message('api.noPolicyToday', { date: report.serviceDate }));
  const backfilled = c.store.read.stmt<{ n: number }>(BACKFILLED_SQL).get(report.serviceDate)?.n ?? 0;
  return dayReportView(policy, report, { backfilled });
}

export function dayHandlers(display: DisplayBoard) {
  return {
    'day.report': (input, ctx) => view(ctx, unwrap(ctx.kiosk.dayReport(input.serviceDate ?? today(ctx)), fromKioskFailure)),
    'day.close': (input, ctx) => view(ctx, unwrap(ctx.kiosk.closeDay({ serviceDate: input.serviceDate, operatorId: ctx.actorId }), fromKioskFailure)),
    'display.current': () => display.current,
    'policy.describe': (_input, ctx) => {
      const c = ctx.kiosk.context;
      const date = today(ctx);
      const policy = c.policies.inForce(date);
      const versions = c.policies.all();
      return {
        id: policy.id,
        name: policy.name,
        region: policy.region.name,
        timeZone: policy.timeZone,
        inForce: { version: policy.version, effectiveFrom: policy.effectiveFrom },
        versions: versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom })),
        periods: policy.periods.map(periodView),
        rules: describePolicy(policy).map((r) => ({ tier: r.tier, text: [...r.text] })),
        funding: policy.funding.map((f) => ({ id: f.id, name: f.name })),
        statuses: policy.statuses.map((st) => ({ code: st.code, name: st.name })),
      };
    },
  } satisfies Handlers<'day.report' | 'day.close' | 'display.current' | 'policy.describe'>;
}
