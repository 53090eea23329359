/** The district's master roster and roster down: what the HTTP layer (and the edit check) calls. */
export { importRoster, type ImportRefusal, type RosterImportInput } from './import-roster.js';
export { searchRoster, type RosterSearchInput, type SearchRefusal } from './search-roster.js';
export { setElderStatus, type ElderStatusInput, type ElderStatusRefusal } from './elder-status.js';
export { eligibleElders, type EligibleInput } from './eligible.js';
export { rosterPackage, ROSTER_PACKAGE_LIMIT, type RosterPackageInput, type RosterPackageRefusal } from './roster-package.js';
export { canteenArea, type CanteenArea } from './canteen-area.js';
export { currentVersion as rosterVersion } from './roster-versions.js';
export { recordElderAliases, type AliasRefusal } from './elder-aliases.js';
export { getRosterElder, type GetElderRefusal } from './get-elder.js';
