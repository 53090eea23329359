import type { HubMigration } from './migration.js';

/**
 * Two anomaly kinds the ingest raises (docs/hub-ingest.md):
 *   afterOwnClose — a record a kiosk wrote for a day after its own close of that day (the kiosk
 *                   refuses to, so the kiosk is broken or was tampered with);
 *   unknownPeriod — a check-in in a meal period the policy it was priced with does not have.
 * The kind check is the one 0003 created (PostgreSQL named it anomalies_kind_check), widened.
 * (The ingest's speed work needed no schema change: docs/benchmarks.md.)
 */
const SQL = `
ALTER TABLE anomalies DROP CONSTRAINT anomalies_kind_check;
ALTER TABLE anomalies ADD CONSTRAINT anomalies_kind_check CHECK (kind IN (
  'duplicateElder', 'editCheck', 'chainBreak', 'gap', 'reusedSeq', 'clockSkew', 'lateUpload', 'outOfLine',
  'priceMismatch', 'unknownPolicy', 'closeMismatch', 'forgedSignature', 'afterOwnClose', 'unknownPeriod'));
`;

export const m0007IngestAnomalyKinds: HubMigration = {
  version: 7,
  name: 'ingest-anomaly-kinds',
  sql: SQL,
};
