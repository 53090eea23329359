import type { Migration } from './migration.js';
import { m0001Initial } from './0001-initial.js';
import { m0002QrCodes } from './0002-qr-codes.js';
import { m0003CardWiegandKey } from './0003-card-wiegand-key.js';
import { m0004ElderNameInitials } from './0004-elder-name-initials.js';
import { m0005QrKeys } from './0005-qr-keys.js';
import { m0006HubLink } from './0006-hub-link.js';
import { m0007ElderAliases } from './0007-elder-aliases.js';

export { KIOSK_APPLICATION_ID, type Migration } from './migration.js';

/** Every migration, in order; version n is at index n - 1. Append only. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002QrCodes, m0003CardWiegandKey, m0004ElderNameInitials, m0005QrKeys, m0006HubLink, m0007ElderAliases];

/** The schema version this build writes (PRAGMA user_version). */
export const LATEST_VERSION: number = MIGRATIONS.length;
