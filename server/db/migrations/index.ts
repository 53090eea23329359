import type { HubMigration } from './migration.js';
import { m0001Initial } from './0001-initial.js';
import { m0002SessionsApiTokens } from './0002-sessions-api-tokens.js';
import { m0003IngestCounting } from './0003-ingest-counting.js';
import { m0004Settlement } from './0004-settlement.js';
import { m0005Roster } from './0005-roster.js';
import { m0006DistrictQrKeys } from './0006-district-qr-keys.js';
import { m0007IngestAnomalyKinds } from './0007-ingest-anomaly-kinds.js';

export type { HubMigration } from './migration.js';

/** Every migration, in order; version n is at index n - 1. Append only. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [m0001Initial, m0002SessionsApiTokens, m0003IngestCounting, m0004Settlement, m0005Roster, m0006DistrictQrKeys, m0007IngestAnomalyKinds];

/** The schema version this build writes. */
export const HUB_SCHEMA_VERSION: number = HUB_MIGRATIONS.length;
