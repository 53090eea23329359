/** The hub's ingest of signed kiosk uploads: what the HTTP layer calls. */
export { ingestBatch, refuseUnreadable, type IngestInput } from './ingest.js';
export { uploadRefusalStatus, type IngestRefusal } from './refusal.js';
export { CLOCK_SKEW_LIMIT_MS, LATE_UPLOAD_DAYS } from './store-batch.js';
export { INGEST_ANOMALY_KINDS, type IngestAnomalyKind } from './anomalies.js';
export { birthDateForAge } from './reprice.js';
