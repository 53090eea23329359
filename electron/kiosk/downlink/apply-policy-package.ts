/**
 * Applies a policy package from the hub: every check first (signature, device, newer than the last
 * applied, every policy valid), then ONE write transaction that installs all its versions and records
 * the package version — all of it or none of it. A version this kiosk already holds with the same
 * content is left as it is; with other content the whole package is refused, because a version that
 * priced meals must never change under them (policy-store.ts).
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { parseWith } from '../../../shared/parse.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { KioskError } from '../kiosk-error.js';
import { installPolicy } from '../policy-store.js';
import { getSetting, setSetting } from '../settings.js';
import type { KioskStore, ReadHandle } from '../store/open.js';
import { checkPackage } from './package-check.js';
import type { DownlinkRefusal } from './refusal.js';

/** The settings key of the last applied package version (absent: none yet, 0). */
export const DOWNLINK_POLICY_VERSION_KEY = 'downlink_policy_version';
const DEVICE_ID_KEY = 'device_id';

export interface PolicyRef {
  readonly id: string;
  readonly version: number;
}

export interface AppliedPackage {
  readonly packageVersion: number;
  /** Versions new to this kiosk. */
  readonly installed: readonly PolicyRef[];
  /** Versions it already held, unchanged. */
  readonly unchanged: readonly PolicyRef[];
  /** The hub had nothing newer than what this kiosk applied: nothing was written. */
  readonly upToDate: boolean;
}

/** The package version this kiosk last applied; 0 when it never applied one. */
export function appliedPackageVersion(read: ReadHandle): number {
  const text = getSetting(read, DOWNLINK_POLICY_VERSION_KEY);
  if (text === null) return 0;
  // Written only by this module, as decimal digits; anything else means the row was edited by hand,
  // and starting again from 0 is safe (a package installs idempotently).
  return /^\d{1,15}$/.test(text) ? Number(text) : 0;
}

/** Thrown inside the transaction to roll it back with a refusal; never escapes this module. */
class Abort extends Error {
  constructor(readonly refusal: DownlinkRefusal) {
    super(refusal.kind);
  }
}

/**
 * Checks and applies `raw` (the JSON the hub sent). `districtKey`: the district's public key from
 * enrolment (SPKI DER base64). `now`: the kiosk's clock (UTC ISO), kept as each version's installed_at.
 */
export function applyPolicyPackage(store: KioskStore, raw: unknown, districtKey: string, now: string): Result<AppliedPackage, DownlinkRefusal> {
  const deviceId = getSetting(store.read, DEVICE_ID_KEY);
  if (deviceId === null) return err({ kind: 'notSetUp', message: message('downlink.notSetUp') });
  const checked = checkPackage(raw, districtKey, deviceId);
  if (!checked.ok) return checked;
  const pkg = checked.value;

  const policies: Policy[] = [];
  for (const [index, document] of pkg.policies.entries()) {
    const parsed = parseWith(policySchema, document, message('downlink.policyWhat', { index: index + 1 }));
    if (!parsed.ok) return err({ kind: 'invalidPolicy', message: parsed.error.message, issues: parsed.error.issues });
    policies.push(parsed.value);
  }

  const newer = (applied: number): DownlinkRefusal | null => {
    if (pkg.packageVersion > applied) return null;
    return { kind: 'stale', message: message('downlink.stale', { got: pkg.packageVersion, applied }) };
  };
  const applied = appliedPackageVersion(store.read);
  // The hub answers "nothing new" with an empty package of the version the kiosk already has.
  if (pkg.packageVersion === applied && policies.length === 0) return ok({ packageVersion: applied, installed: [], unchanged: [], upToDate: true });
  const early = newer(applied);
  if (early !== null) return err(early);

  try {
    return ok(
      store.write((tx) => {
        // Again inside the transaction: another process (the CLI) may have applied one meanwhile.
        const stale = newer(appliedPackageVersion(tx));
        if (stale !== null) throw new Abort(stale);
        const installed: PolicyRef[] = [];
        const unchanged: PolicyRef[] = [];
        for (const policy of policies) {
          // A nested write: a savepoint of this transaction, so a conflict undoes every install before it.
          const outcome = installPolicy(store, policy, now);
          (outcome === 'installed' ? installed : unchanged).push({ id: policy.id, version: policy.version });
        }
        setSetting(tx, DOWNLINK_POLICY_VERSION_KEY, String(pkg.packageVersion));
        return { packageVersion: pkg.packageVersion, installed, unchanged, upToDate: false };
      }),
    );
  } catch (e) {
    if (e instanceof Abort) return err(e.refusal);
    if (e instanceof KioskError && e.kind === 'policyConflict') return err({ kind: 'conflict', message: conflictMessage(e) });
    throw e;
  }
}

/** "Nothing was installed", with the version that clashed (the KioskError's own id and version). */
function conflictMessage(e: KioskError): Message {
  const params = e.text.params ?? {};
  return message('downlink.conflict', { id: params['id'] ?? '', version: params['version'] ?? '' });
}
