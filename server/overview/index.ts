/** The district overview: every canteen's kiosks, uploads, today's meals and open anomalies in one answer. */
export { districtOverview, districtToday } from './overview.js';
