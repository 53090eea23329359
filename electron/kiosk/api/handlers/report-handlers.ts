/**
 * The reports screen's methods: a range of days, a calendar month, the absence list and either
 * exported as a file. Reading only: nothing here writes to the store.
 */
import type { AbsentElder } from '../../../../shared/kiosk-api/report-views.js';
import type { Message } from '../../../../shared/i18n/text.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import { policyInForce } from '../../../../shared/policy/select.js';
import type { Result } from '../../../../shared/result.js';
import type { Kiosk } from '../../kiosk.js';
import { localAt } from '../../kiosk-context.js';
import { absentRegulars } from '../../reports/absence.js';
import { exportAbsence, exportRangeReport } from '../../reports/export-report.js';
import { monthRange, rangeReport } from '../../reports/range-report.js';
import { ApiFailure } from '../handler-types.js';
import type { Handlers } from '../handler-types.js';

function refusedOn<T>(r: Result<T, Message>): T {
  if (!r.ok) throw new ApiFailure('refused', r.error);
  return r.value;
}

function policyOn(kiosk: Kiosk, date: string): Policy {
  return policyInForce(kiosk.context.policies.all(), date) ?? kiosk.context.policies.latest();
}

/** The absence list of the date; by default today at the canteen. */
function absent(kiosk: Kiosk, date: string | undefined): { day: string; list: AbsentElder[] } {
  const day = date ?? localAt(kiosk.context, kiosk.context.clock()).date;
  return { day, list: absentRegulars(kiosk.context.store.read, policyOn(kiosk, day), day) };
}

export const reportHandlers = {
  'reports.range': (input, ctx) => refusedOn(rangeReport(ctx.kiosk.context, input.from, input.to)),
  'reports.month': (input, ctx) => {
    const { from, to } = monthRange(input.month);
    return refusedOn(rangeReport(ctx.kiosk.context, from, to));
  },
  'reports.absent': (input, ctx) => absent(ctx.kiosk, input.serviceDate).list,
  'reports.export': async (input, ctx) => {
    const file =
      input.report === 'range'
        ? await exportRangeReport(refusedOn(rangeReport(ctx.kiosk.context, input.from, input.to)), input.format)
        : // The absence list is of one day: `from` (the screen sends the same date as `to`).
          await exportAbsence(absent(ctx.kiosk, input.from).list, input.from, input.format);
    return { fileName: file.fileName, mime: file.mime, base64: Buffer.from(file.bytes).toString('base64') };
  },
} satisfies Handlers<'reports.range' | 'reports.month' | 'reports.absent' | 'reports.export'>;
