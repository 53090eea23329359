/**
 * Instants as the canteen reads them, for `zhucan sync`'s lines: a technician at the canteen compares
 * "last successful upload" with the clock on the wall, not with UTC. The kiosk's zone is its policy's
 * (every version of a policy has the same zone; kiosk-context.ts localAt reads it the same way).
 * Stored instants and --json stay UTC ISO.
 */
import { toLocal } from '../../../shared/dates.js';
import { PolicyVersions } from '../policy-store.js';
import { kioskIdentity } from '../settings.js';
import type { ReadHandle } from '../store/open.js';

/** The kiosk's time zone, or null on a kiosk not set up or with no policy installed yet. */
export function kioskTimeZone(read: ReadHandle): string | null {
  try {
    return new PolicyVersions(read, kioskIdentity(read).policyId).latest().timeZone;
  } catch {
    // Not set up, no policy, or a stored policy that does not read back: the instants are then
    // shown as stored (UTC ISO, unambiguous) rather than in a guessed zone.
    return null;
  }
}

/** 'YYYY-MM-DD HH:mm:ss' in `timeZone`; the ISO instant itself when the zone is unknown or the text is no instant. */
export function localStamp(iso: string, timeZone: string | null): string {
  const ms = Date.parse(iso);
  if (timeZone === null || Number.isNaN(ms)) return iso;
  const local = toLocal(ms, timeZone);
  return `${local.date} ${local.time}`;
}
