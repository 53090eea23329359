/** Anomalies: listing, reading with their records, resolving, and month-wide detection. */
export { getAnomaly, listAnomalies, MAX_PAGE, type AnomalyFilter, type ListRefusal } from './list.js';
export { resolveAnomaly, NOTE_MAX, type ResolveRefusal } from './resolve.js';
export { detectAnomalies, MAX_DETECT_DAYS, type DetectInput, type DetectStep } from './detect.js';
export { anomalyMessage } from './messages.js';
export { HISTORY_DAYS, MAD_FACTOR, MIN_DIFFERENCE, MIN_HISTORY, outOfLineDays } from './out-of-line-rule.js';
