/**
 * Why the kiosk did not apply what the hub sent down. A refusal leaves the kiosk exactly as it was:
 * the policies it had, the package version it had applied. The status strip shows `message`.
 */
import type { Message } from '../../../shared/i18n/text.js';
import type { ParseIssue } from '../../../shared/parse.js';

export const DOWNLINK_REFUSALS = [
  /** Not a policy package (message and issues name the field). */
  'malformed',
  /** Not signed by the district key this kiosk learnt at enrolment: forged, or changed on the way. */
  'badSignature',
  /** Signed, but for another kiosk. */
  'wrongDevice',
  /** Older than the package this kiosk has applied (a replay, or a hub restored from an old backup). */
  'stale',
  /** A policy in the package fails its schema (issues name the paths). */
  'invalidPolicy',
  /** A policy version this kiosk holds with other content: a version never changes once out. */
  'conflict',
  /** The kiosk has no device id yet (not set up). */
  'notSetUp',
  /** fetchAndApply: no answer from the hub, or an answer of another shape. */
  'unreachable',
  /** fetchAndApply: the hub refused the pull; `hubKind` is its reason (shared/hub-api/downlink.ts PULL_REFUSALS). */
  'hubRefused',
] as const;
export type DownlinkRefusalKind = (typeof DOWNLINK_REFUSALS)[number];

export interface DownlinkRefusal {
  readonly kind: DownlinkRefusalKind;
  readonly message: Message;
  readonly issues?: readonly ParseIssue[];
  readonly hubKind?: string;
}
