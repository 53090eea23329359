import type { KioskStore } from './store/open.js';
import type { KioskIdentity } from './settings.js';
import type { PolicyVersions } from './policy-store.js';
import type { Clock } from './clock.js';
import { toLocal } from '../../shared/dates.js';
import type { LocalDateTime } from '../../shared/dates.js';

/** What every kiosk service needs: the store, who this kiosk is, its policy versions, and a clock. */
export interface KioskContext {
  readonly store: KioskStore;
  readonly identity: KioskIdentity;
  readonly policies: PolicyVersions;
  readonly clock: Clock;
}

/** An instant as the canteen's local date and time (in the policy's zone). */
export function localAt(ctx: KioskContext, ms: number): LocalDateTime {
  return toLocal(ms, ctx.policies.latest().timeZone);
}
