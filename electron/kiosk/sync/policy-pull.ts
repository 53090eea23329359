/**
 * The uploader's second errand: once the hub has acknowledged everything, ask it for new policy
 * versions (electron/kiosk/downlink fetchAndApply) with what enrolment stored — the hub's address,
 * the district's key — and the device key that signs uploads. A kiosk that uploads is online, so
 * that is when it can learn a new policy; a kiosk offline for weeks keeps pricing with what it has.
 *
 * Never throws and never stops uploads: whatever goes wrong (no route on an older hub, a forged
 * package, the store refusing) comes back as an outcome the status shows, and the next round tries
 * again. fetchAndApply applies a package whole or not at all, so a failed pull changes nothing.
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { fetchAndApply, PULL_TIMEOUT_MS } from '../downlink/fetch-and-apply.js';
import type { DownlinkFetch } from '../downlink/fetch-and-apply.js';
import type { PolicyRef } from '../downlink/apply-policy-package.js';
import type { DownlinkRefusalKind } from '../downlink/refusal.js';
import type { KioskStore } from '../store/open.js';
import type { DeviceKeyPair } from './device-key.js';
import type { HubLink } from './hub-link.js';

/** How often an idle, caught-up uploader asks for policies (and at every `zhucan sync --once`). */
export const POLICY_PULL_EVERY_MS = 6 * 60 * 60_000;
/** After a pull that failed, how long before the next round asks again (not every 30 s poll). */
export const POLICY_PULL_RETRY_MS = 5 * 60_000;

export const systemDownlinkFetch: DownlinkFetch = (url, init) => fetch(url, init);

/** The last pull, for the status: what was installed, or why nothing was. */
export type PolicyPullOutcome =
  | {
      readonly ok: true;
      /** The kiosk's clock when the pull ended. */
      readonly at: string;
      readonly packageVersion: number;
      /** Versions new to this kiosk, installed by this pull. */
      readonly installed: readonly PolicyRef[];
      /** The hub had nothing newer. */
      readonly upToDate: boolean;
    }
  | { readonly ok: false; readonly at: string; readonly kind: DownlinkRefusalKind | 'internal'; readonly problem: Message };

export interface PolicyPullOptions {
  /** GET with the pull's headers; Node's fetch by default. */
  readonly fetch?: DownlinkFetch;
  /** How often a caught-up uploader pulls (POLICY_PULL_EVERY_MS by default). */
  readonly everyMs?: number;
}

export interface PolicyPullInput {
  readonly store: KioskStore;
  readonly link: HubLink;
  readonly key: DeviceKeyPair;
  readonly fetch: DownlinkFetch;
  /** The kiosk's clock, UTC ISO with ms. */
  readonly now: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export async function pullPolicies(input: PolicyPullInput): Promise<PolicyPullOutcome> {
  try {
    const result = await fetchAndApply({
      store: input.store,
      hubUrl: input.link.hubUrl,
      deviceKey: input.key.privateKey,
      districtKey: input.link.districtKey,
      fetch: input.fetch,
      now: input.now,
      timeoutMs: input.timeoutMs ?? PULL_TIMEOUT_MS,
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    if (!result.ok) return { ok: false, at: input.now, kind: result.error.kind, problem: result.error.message };
    const applied = result.value;
    return { ok: true, at: input.now, packageVersion: applied.packageVersion, installed: applied.installed, upToDate: applied.upToDate };
  } catch (e) {
    // A store failure or a bug: shown, never allowed to break the upload loop that called us.
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, at: input.now, kind: 'internal', problem: message('sync.problem.internal', { detail }) };
  }
}
