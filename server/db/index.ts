/** The hub's storage layer: what the rest of server/ imports. */
export type { HubDb, HubDbEngine, HubQueries, HubTx, TxOptions } from './hub-db.js';
export { HubDbError, isHubDbError, type HubDbErrorKind } from './errors.js';
export { connectHubDb, openHubDb, type OpenHubDbOptions, type OpenedHubDb } from './open.js';
export { migrate, MIGRATION_LOCK_KEY, type MigrateOutcome } from './migrate.js';
export { HUB_MIGRATIONS, HUB_SCHEMA_VERSION, type HubMigration } from './migrations/index.js';
export { dbCount, dbInstant, dbInt, dbLocalDate, jsonParam, type SqlParam } from './values.js';
