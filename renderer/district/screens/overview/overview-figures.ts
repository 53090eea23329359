/**
 * The overview's figures per canteen, from what the hub's lists say: when its kiosks last reached
 * the hub, what needs someone's attention, today's meals and the open anomalies. Pure: the screen
 * and the unit tests give it the lists and the time.
 */
import type { CanteenDetail, CanteenView } from '../../../../shared/hub-api/routes.js';
import type { Anomaly, DailyCountRow } from '../../../../shared/hub-api/counting-views.js';

/** A kiosk that has not uploaded for this long is worth a phone call (it uploads whenever it has a network). */
export const STALE_MS = 24 * 60 * 60 * 1000;
/** The clock rule: a kiosk clock more than 5 minutes off the hub's. */
export const SKEW_MS = 5 * 60 * 1000;

export type CanteenFlag = 'notEnrolled' | 'neverUploaded' | 'stale' | 'clockSkew';

export interface CanteenOverview {
  readonly canteen: CanteenView;
  /** Enrolled, not revoked. */
  readonly activeDevices: number;
  readonly lastUploadAt: string | null;
  readonly flags: readonly CanteenFlag[];
  readonly mealsToday: number;
  readonly claimableToday: number;
  readonly openAnomalies: number;
}

export function canteenOverview(detail: CanteenDetail, todayRows: readonly DailyCountRow[], open: readonly Anomaly[], nowMs: number): CanteenOverview {
  const active = detail.devices.filter((d) => d.revokedAt === null);
  const uploads = active.map((d) => d.lastUploadAt).filter((at): at is string => at !== null);
  const lastUploadAt = uploads.length === 0 ? null : uploads.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  const flags: CanteenFlag[] = [];
  if (active.length === 0) flags.push('notEnrolled');
  else if (lastUploadAt === null) flags.push('neverUploaded');
  else if (nowMs - Date.parse(lastUploadAt) > STALE_MS) flags.push('stale');
  if (active.some((d) => d.clockSkewMs !== null && Math.abs(d.clockSkewMs) > SKEW_MS)) flags.push('clockSkew');
  const id = detail.canteen.id;
  const mine = todayRows.filter((r) => r.canteenId === id);
  return {
    canteen: detail.canteen,
    activeDevices: active.length,
    lastUploadAt,
    flags,
    mealsToday: mine.reduce((n, r) => n + r.meals, 0),
    claimableToday: mine.reduce((n, r) => n + (r.claimable ? r.meals : 0), 0),
    openAnomalies: open.filter((a) => a.canteenId === id).length,
  };
}

/** Runs `work` over `items` with at most `limit` at once, results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
