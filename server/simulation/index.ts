/** A policy draft at the hub: its checks against what is published, and its simulation on a past month's real meals — what the HTTP layer and the bench call. */
export { checkPolicyDraft, publishedVersions, type DraftCheckRefusal } from './draft-check.js';
export { birthDateFor, pricingElderFor } from './meal-facts.js';
export { monthRange, previousMonth } from './month.js';
export { simulatePolicy, SIMULATION_CHUNK, type SimulationInput, type SimulationRefusal } from './simulate.js';
export { simulateDraft, type SimulateDraftRefusal } from './simulate-draft.js';
