/** The hub's counting: daily counts, monthly settlement and its approval, average daily elders. */
export { dailyCounts, MAX_DAYS_DISTRICT, MAX_DAYS_ONE_CANTEEN, type DailyCountsQuery } from './daily-counts.js';
export { approveSettlement, settlement, type ApproveRefusal, type SettlementQuery } from './settlement.js';
export { averageDailyElders, GRADE_ELDERS_PER_DAY } from './average-elders.js';
export { checkMonth, checkRange, SERVICE_TIME_ZONE, type DateRange, type MonthRange, type RangeRefusal } from './range.js';
export type { ReadRefusal } from './access.js';
