/** The district's published subsidy policies: what the HTTP layer and the ingest call. */
export { getPolicy, listPolicies, publishPolicy, type PolicyListing, type PublishedPolicy, type PublishOutcome, type PublishPolicyRefusal } from './policies.js';
export { loadDistrictPolicies, type DistrictPolicies } from './in-force.js';
