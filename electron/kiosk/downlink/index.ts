/** What the hub sends down, at the kiosk: check a signed policy package and apply it whole, or pull one and apply it. */
export { applyPolicyPackage, appliedPackageVersion, DOWNLINK_POLICY_VERSION_KEY, type AppliedPackage, type PolicyRef } from './apply-policy-package.js';
export { checkPackage } from './package-check.js';
export { fetchAndApply, MAX_PACKAGE_CHARS, PULL_TIMEOUT_MS, type DownlinkFetch, type FetchAndApplyOptions } from './fetch-and-apply.js';
export { DOWNLINK_REFUSALS, type DownlinkRefusal, type DownlinkRefusalKind } from './refusal.js';
