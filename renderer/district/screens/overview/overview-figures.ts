/**
 * What needs someone's attention at a canteen, from the hub's overview row: no kiosk enrolled,
 * nothing uploaded yet, silent for over a day, a kiosk clock off. Pure: the screen and the unit tests
 * give it the row and the time (the hub's, from the overview's `asOf`).
 */
import type { OverviewCanteen } from '../../../../shared/hub-api/overview-views.js';

/** A kiosk that has not uploaded for this long is worth a phone call (it uploads whenever it has a network). */
export const STALE_MS = 24 * 60 * 60 * 1000;
/** The clock rule: a kiosk clock more than 5 minutes off the hub's. */
export const SKEW_MS = 5 * 60 * 1000;

export type CanteenFlag = 'notEnrolled' | 'neverUploaded' | 'stale' | 'clockSkew';

export function canteenFlags(c: Pick<OverviewCanteen, 'activeDevices' | 'lastUploadAt' | 'worstClockSkewMs'>, nowMs: number): CanteenFlag[] {
  const flags: CanteenFlag[] = [];
  if (c.activeDevices === 0) flags.push('notEnrolled');
  else if (c.lastUploadAt === null) flags.push('neverUploaded');
  else if (nowMs - Date.parse(c.lastUploadAt) > STALE_MS) flags.push('stale');
  if (c.activeDevices > 0 && c.worstClockSkewMs !== null && Math.abs(c.worstClockSkewMs) > SKEW_MS) flags.push('clockSkew');
  return flags;
}
