/**
 * GET /api/v1/overview: the district web app's first screen in one answer — every canteen of the
 * caller's district with its kiosks, last upload, worst kiosk clock, today's meals and open
 * anomalies, and the district's totals. One request instead of one per canteen, so a district of
 * 2,000 canteens opens as fast as one of 20. Change additively only.
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { API_PREFIX } from './routes.js';

/** The overview's path (kept here, beside its schema, rather than in HUB_PATHS). */
export const OVERVIEW_PATH = `${API_PREFIX}/overview`;

const instantSchema = z.iso.datetime({ precision: 3 });
const count = z.int().min(0);

export const overviewCanteenSchema = z.strictObject({
  canteenId: z.int().min(1),
  name: z.string(),
  /** 行政区划 code of the canteen (county, town or village). */
  regionCode: z.string(),
  /** Enrolled kiosks not revoked: the ones that can still upload. */
  activeDevices: count,
  revokedDevices: count,
  /**
   * The latest batch any of its active kiosks uploaded; null when none has. A revoked kiosk's
   * uploads do not count: a replacement kiosk that stays silent must show as such.
   */
  lastUploadAt: instantSchema.nullable(),
  /**
   * Of its active kiosks, the clock furthest off the hub's on its last batch, in ms (sign kept:
   * positive means the kiosk is ahead); null when no active kiosk has uploaded.
   */
  worstClockSkewMs: z.int().nullable(),
  /** Meals with today's service date (the district's calendar), voided ones excluded, sales to anyone included. */
  mealsToday: count,
  /** Of them, meals the policy subsidises (claimable). */
  claimableToday: count,
  openAnomalies: count,
});
export type OverviewCanteen = z.infer<typeof overviewCanteenSchema>;

export const overviewTotalsSchema = z.strictObject({
  canteens: count,
  activeDevices: count,
  revokedDevices: count,
  mealsToday: count,
  claimableToday: count,
  /** Every open anomaly of the district, those tied to no canteen (an unknown kiosk's upload) too. */
  openAnomalies: count,
});
export type OverviewTotals = z.infer<typeof overviewTotalsSchema>;

export const overviewSchema = z.strictObject({
  districtId: z.int().min(1),
  /** Today in the district's calendar (Asia/Shanghai): the service date of "today's meals". */
  today: localDateSchema,
  /** The hub's clock when it answered: what "stale" is measured against. */
  asOf: instantSchema,
  /** By name. */
  canteens: z.array(overviewCanteenSchema),
  totals: overviewTotalsSchema,
});
export type Overview = z.infer<typeof overviewSchema>;
