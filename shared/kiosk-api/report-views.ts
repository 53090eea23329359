/** Views of the reports screen: a range of days by age band and status, subsidy by budget, the absence list. */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { fenSchema } from '../money.js';
import { AGE_BANDS } from '../pricing/types.js';
import { fundingLineSchema } from './views.js';

export const reportDaySchema = z.strictObject({
  serviceDate: localDateSchema,
  /** Subsidised check-ins by age band (every band present, 0 where none). */
  byAgeBand: z.record(z.enum(AGE_BANDS), z.int().min(0)),
  /** Subsidised check-ins by status code ('none' for an elder without a status). */
  byStatus: z.record(z.string(), z.int().min(0)),
  checkins: z.int().min(0),
  sales: z.int().min(0),
  subsidy: fenSchema,
  personal: fenSchema,
});

export const rangeReportSchema = z.strictObject({
  from: localDateSchema,
  to: localDateSchema,
  days: z.array(reportDaySchema),
  statusNames: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  byFunding: z.array(fundingLineSchema),
  totals: z.strictObject({ checkins: z.int().min(0), sales: z.int().min(0), elders: z.int().min(0), subsidy: fenSchema, personal: fenSchema }),
});
export type RangeReport = z.infer<typeof rangeReportSchema>;

/** A regular who has not come today: 独居 / 空巢 / 失能 first, so staff call them first. */
export const absentElderSchema = z.strictObject({
  elderId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  livesAlone: z.boolean(),
  /** Status names that put the elder first (独居, 空巢, 失能 …). */
  priority: z.array(z.string()),
  lastMeal: localDateSchema.nullable(),
});
export type AbsentElder = z.infer<typeof absentElderSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const exportFileSchema = z.strictObject({ fileName: z.string(), mime: z.string(), base64: z.string() });
