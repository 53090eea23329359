/**
 * Pulls the policy package from the hub and applies it: one signed GET (shared/hub-api/downlink.ts),
 * then applyPolicyPackage. The uploader calls this when it has a network; a refusal or an unreachable
 * hub changes nothing at the kiosk, and the next call simply tries again.
 */
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { PULL_HEADERS, POLICY_PACKAGE_PATH, pullStatementText } from '../../../shared/hub-api/downlink.js';
import { apiErrorSchema } from '../../../shared/hub-api/routes.js';
import { message } from '../../../shared/i18n/text.js';
import { err } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { getSetting } from '../settings.js';
import type { KioskStore } from '../store/open.js';
import { applyPolicyPackage, appliedPackageVersion } from './apply-policy-package.js';
import type { AppliedPackage } from './apply-policy-package.js';
import type { DownlinkRefusal } from './refusal.js';

/** The part of the WHATWG fetch a pull uses: Node's fetch fits, and so does a test's fake. */
export type DownlinkFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** How long one pull may take before the hub counts as unreachable. */
export const PULL_TIMEOUT_MS = 30_000;
/** A package far larger than any district's policies is not read (a proxy's page, a runaway answer). */
export const MAX_PACKAGE_CHARS = 8 * 1024 * 1024;

export interface FetchAndApplyOptions {
  readonly store: KioskStore;
  /** The hub's base URL as enrolment stored it (no trailing slash). */
  readonly hubUrl: string;
  /** The kiosk's device key (its private half signs the pull). */
  readonly deviceKey: KeyObject;
  /** The district's public key from enrolment (SPKI DER base64): checks the package. */
  readonly districtKey: string;
  readonly fetch: DownlinkFetch;
  /** The kiosk's clock, UTC ISO with ms: the pull's timestamp and each version's installed_at. */
  readonly now: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export async function fetchAndApply(options: FetchAndApplyOptions): Promise<Result<AppliedPackage, DownlinkRefusal>> {
  const deviceId = getSetting(options.store.read, 'device_id');
  if (deviceId === null) return err({ kind: 'notSetUp', message: message('downlink.notSetUp') });
  const since = appliedPackageVersion(options.store.read);
  const timestamp = new Date(Date.parse(options.now)).toISOString();
  const signature = sign(null, Buffer.from(pullStatementText(deviceId, timestamp, { method: 'GET', path: POLICY_PACKAGE_PATH, since }), 'utf8'), options.deviceKey).toString('base64');
  const timeout = AbortSignal.timeout(options.timeoutMs ?? PULL_TIMEOUT_MS);
  const url = `${options.hubUrl.replace(/\/+$/, '')}${POLICY_PACKAGE_PATH}?since=${since}`;

  let status: number;
  let text: string;
  try {
    const res = await options.fetch(url, {
      method: 'GET',
      headers: {
        accept: 'application/json',
        // Chinese first, as everything the canteen reads; the hub words its refusals in it.
        'accept-language': 'zh-CN, en;q=0.5',
        [PULL_HEADERS.deviceId]: deviceId,
        [PULL_HEADERS.timestamp]: timestamp,
        [PULL_HEADERS.signature]: signature,
      },
      signal: options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    return err({ kind: 'unreachable', message: message('downlink.unreachable', { detail: e instanceof Error ? e.message : String(e) }) });
  }
  if (text.length > MAX_PACKAGE_CHARS) return err({ kind: 'unreachable', message: message('downlink.tooLarge', { status }) });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ kind: 'unreachable', message: message('downlink.notJson', { status }) });
  }
  if (status !== 200) {
    const refused = apiErrorSchema.safeParse(json);
    if (!refused.success) return err({ kind: 'unreachable', message: message('downlink.notJson', { status }) });
    return err({
      kind: 'hubRefused',
      hubKind: refused.data.error.kind,
      message: message('downlink.hubRefused', { status, kind: refused.data.error.kind, text: refused.data.error.message }),
    });
  }
  return applyPolicyPackage(options.store, json, options.districtKey, options.now);
}
