/** Roster down at the kiosk: verify the district's signed package and apply it in one transaction. */
export {
  applyRosterPackage,
  appliedRosterVersion,
  ROSTER_DISTRICT_SETTING,
  ROSTER_VERSION_SETTING,
  type ApplyOptions,
  type RosterApplyOutcome,
} from './apply-package.js';
export { districtKey, verifyRosterPackage, type RosterDownRefusal, type RosterDownRefusalKind, type VerifyOptions } from './verify-package.js';
export { rosterAliases } from './aliases.js';
