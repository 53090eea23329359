/**
 * What the hub sends down to a kiosk: the district's published policy versions, in a package signed
 * with the district's Ed25519 key (the kiosk learnt the public half at enrolment,
 * enrolResponseSchema.districtKey). One definition for both sides; change it additively only.
 *
 * The kiosk asks with a signed GET (no account, no cookie): it signs `zhucan-pull\n<deviceId>\n<timestamp>`
 * with its device key, so only an enrolled, unrevoked kiosk learns the district's policies, and a
 * captured request stops working after PULL_MAX_SKEW_MS.
 *
 * The package signature covers the canonical JSON (shared/ledger/canonical.ts) of everything in the
 * package but the signature itself, prefixed so it can never be mistaken for another signed thing.
 * The kiosk recomputes that text from what it received: a changed policy, device, version or date
 * fails the check, whatever the JSON's spacing or key order on the way.
 */
import { z } from 'zod';
import { canonicalJson } from '../ledger/canonical.js';
import { rosterAliasesSchema, rosterPackagePayloadSchema } from '../roster/package.js';
import type { RosterAliases } from '../roster/package.js';
import { API_PREFIX } from './routes.js';
import { deviceIdSchema } from './upload.js';

/** GET path of the policy package; `?since=<the kiosk's last applied packageVersion>` (0 at first). */
export const POLICY_PACKAGE_PATH = `${API_PREFIX}/downlink/policies`;
/** Version of the package layout; a new layout gets a new number, never a silent change. */
export const DOWNLINK_PACKAGE_VERSION = 1;
/** How far a pull request's timestamp may be from the hub's clock (either way). */
export const PULL_MAX_SKEW_MS = 5 * 60 * 1000;

/** The request headers of a signed pull (lower case, as Node gives them). */
export const PULL_HEADERS = {
  deviceId: 'x-zhucan-device',
  timestamp: 'x-zhucan-timestamp',
  signature: 'x-zhucan-signature',
} as const;

const base64Signature = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, { error: 'downlink.signatureShape' });

/**
 * The request a signature is for: method, the API path (without any prefix a proxy adds in front of
 * the hub) and `?since=` when the route has one. Signed with it, a request's headers cannot be
 * replayed against another route or another `since` — headers seen on a small incremental pull
 * cannot fetch a whole roster with `?since=0`.
 */
export interface PullTarget {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly since: number | null;
}

/** What a device signs for a request: the device, the instant (UTC ISO with ms) and the request itself. */
export function pullStatementText(deviceId: string, timestamp: string, target: PullTarget): string {
  return `zhucan-pull\n${deviceId}\n${timestamp}\n${target.method} ${target.path}${target.since === null ? '' : `?since=${target.since}`}`;
}

export const pullRequestSchema = z.strictObject({
  deviceId: deviceIdSchema,
  timestamp: z.iso.datetime({ precision: 3 }),
  signature: base64Signature,
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** `?since=` as the hub reads it: a whole number ≥ 0; absent means 0 (a kiosk that never applied one). */
export const sinceSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0);

/**
 * A policy package. `policies` are the documents exactly as the district published them (the kiosk
 * validates each with shared/policy/schema.ts before installing anything); kept as plain JSON
 * objects here so the signed text is computed from what arrived, not from what a schema made of it.
 */
export const policyPackageSchema = z.strictObject({
  v: z.literal(DOWNLINK_PACKAGE_VERSION),
  districtId: z.int().min(1),
  /** The kiosk the package is for: another kiosk's package is refused (each pull is authenticated). */
  deviceId: deviceIdSchema,
  /** The hub's clock when it made the package (UTC ISO with ms). */
  issuedAt: z.iso.datetime({ precision: 3 }),
  /**
   * How many policy versions the district had published when the package was made. Never goes down
   * (a published version is never removed), so the kiosk refuses a package older than one it applied.
   */
  packageVersion: z.int().min(0),
  /** Every version the district has published when the kiosk is behind; empty when it is up to date. */
  policies: z.array(z.record(z.string(), z.unknown())),
  /** Ed25519 signature by the district key of policyPackageText(package), base64 (64 bytes). */
  signature: base64Signature,
});
export type PolicyPackage = z.infer<typeof policyPackageSchema>;
export type UnsignedPolicyPackage = Omit<PolicyPackage, 'signature'>;

/** The exact text the district signs (UTF-8). Throws CanonicalJsonError for a value JSON cannot carry exactly. */
export function policyPackageText(pkg: UnsignedPolicyPackage): string {
  const { v, districtId, deviceId, issuedAt, packageVersion, policies } = pkg;
  return `zhucan-downlink\n${canonicalJson({ v, districtId, deviceId, issuedAt, packageVersion, policies })}`;
}

/**
 * Why the hub will not send a package, as `error.kind` of the hub's error body (apiErrorSchema in
 * routes.ts). Statuses: badRequest 400, unknownDevice / badSignature / clockSkew 401, revoked 403,
 * noKey 503 (the district has no signing key yet).
 */
export const PULL_REFUSALS = ['badRequest', 'unknownDevice', 'revoked', 'clockSkew', 'badSignature', 'noKey'] as const;
export type PullRefusalKind = (typeof PULL_REFUSALS)[number];

// ---- roster down (shared/roster/package.ts holds the package itself and the bytes it signs) ----

/** GET path of the roster package; `?since=<the roster version the kiosk has applied>` (0 at first). Same signed headers as a policy pull. */
export const ROSTER_PACKAGE_PATH = `${API_PREFIX}/downlink/roster`;
/** POST path of the kiosk's report of the local elders it re-keyed to district ids. Same signed headers. */
export const ROSTER_ALIASES_PATH = `${API_PREFIX}/downlink/roster-aliases`;

/** The roster package as the hub sends it: the payload the district signed, and the signature. */
export const rosterPackageAnswerSchema = z.strictObject({ payload: rosterPackagePayloadSchema, signature: base64Signature });

/**
 * Why the hub will not send a roster package: the pull's refusals, and the kiosk being ahead of the
 * hub (409: the hub's database went back to a backup; the kiosk resets its roster version to 0).
 */
export const ROSTER_PULL_REFUSALS = [...PULL_REFUSALS, 'aheadOfHub'] as const;
export type RosterPullRefusalKind = (typeof ROSTER_PULL_REFUSALS)[number];

/** Aliases per report: the hub takes at most rosterAliasesSchema's 10,000; a kiosk sends them in parts this size. */
export const ROSTER_ALIASES_PER_REPORT = 1000;

/**
 * What the kiosk signs for an alias report: the headers authenticate the device and the moment; this
 * signature ties the body to them, so a captured request cannot carry other aliases.
 */
export function rosterAliasesText(deviceId: string, timestamp: string, aliases: RosterAliases['aliases']): string {
  return `zhucan-roster-aliases\n${deviceId}\n${timestamp}\n${canonicalJson(aliases)}`;
}

/** The body of an alias report: the pairs (old local id → district id) and the device's signature of rosterAliasesText. */
export const rosterAliasesBodySchema = rosterAliasesSchema.extend({ signature: base64Signature });
export type RosterAliasesBody = z.infer<typeof rosterAliasesBodySchema>;

/** The hub's answer: the pairs this report carried (received) and those new to the hub (recorded). */
export const rosterAliasesAnswerSchema = z.strictObject({ received: z.int().min(0), recorded: z.int().min(0) });
export type RosterAliasesAnswer = z.infer<typeof rosterAliasesAnswerSchema>;

/** Why the hub will not take an alias report: the pull's refusals, a district id not on its roster (400), a local id already reported as another elder (409). */
export const ROSTER_ALIAS_REFUSALS = [...PULL_REFUSALS, 'unknownElder', 'aliasConflict'] as const;
export type RosterAliasRefusalKind = (typeof ROSTER_ALIAS_REFUSALS)[number];
