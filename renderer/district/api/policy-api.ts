/**
 * The district's subsidy policies (shared/hub-api/policy-views.ts): the published versions, one in
 * full, the check of a draft, its simulation on a past month's real meals, and publishing.
 *
 * The bodies match server/http/routes/policy-routes.ts. A draft's problems come back as a 200 with
 * `{summary, problems}` (draftProblemsSchema): the form shows each beside its field, which an
 * `{error: {kind, message}}` refusal could not carry. The screen runs the same pure checks
 * (validatePolicyDraft, nextVersionProblems) before it sends anything, so the form has its
 * field-by-field words before the hub is asked, and a hub that refuses with a
 * plain error (publishing: 400 naming the first field) is shown as that error.
 */
import { z } from 'zod';
import { draftProblemsSchema, simulationReportSchema } from '../../../shared/hub-api/policy-views.js';
import type { DraftProblems, SimulationReport } from '../../../shared/hub-api/policy-views.js';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { localDateSchema } from '../../../shared/dates.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { Policy } from '../../../shared/policy/schema.js';
import type { ApiResult } from './api-result.js';
import type { HubClient } from './hub-client.js';

export const POLICY_PATHS = {
  policies: HUB_PATHS.policies,
  policy: HUB_PATHS.policy,
  policyCheck: HUB_PATHS.policyCheck,
  policySimulate: HUB_PATHS.policySimulate,
} as const;

/** One published version in the list (server/policies listPolicies). */
export const policyListingSchema = z.strictObject({
  policyId: z.string(),
  version: z.int().min(1),
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  name: z.string(),
  publishedAt: z.iso.datetime({ precision: 3 }),
  publishedBy: z.int().nullable(),
});
export type PolicyListing = z.infer<typeof policyListingSchema>;

const policyListSchema = z.strictObject({ policies: z.array(policyListingSchema) }).transform((o) => o.policies);

/** One version in full, with when and by whom it was published; the screen needs the document. */
const publishedPolicySchema = z
  .strictObject({ policy: policySchema, publishedAt: z.iso.datetime({ precision: 3 }), publishedBy: z.int().nullable() })
  .transform((o) => o.policy);

/** Publishing answers the stored version ('unchanged' when the very same content was already out). */
const publishAnswerSchema = z.strictObject({ outcome: z.enum(['published', 'unchanged']), published: policyListingSchema });
export type PublishAnswer = z.infer<typeof publishAnswerSchema>;

/** A simulation answers its report, or the draft's problems. */
const simulateAnswerSchema = z.union([simulationReportSchema, draftProblemsSchema]);

export function listPolicies(client: HubClient): Promise<ApiResult<PolicyListing[]>> {
  return client.get(POLICY_PATHS.policies, policyListSchema);
}

export function getPolicy(client: HubClient, policyId: string, version: number): Promise<ApiResult<Policy>> {
  return client.get(hubPath(POLICY_PATHS.policy, { policyId, version }), publishedPolicySchema);
}

/** The hub's check of a draft as the next version: no problems means it may be published. */
export function checkDraft(client: HubClient, draft: unknown): Promise<ApiResult<DraftProblems>> {
  return client.send('POST', POLICY_PATHS.policyCheck, draftProblemsSchema, { draft });
}

export function simulateDraft(client: HubClient, draft: unknown, month?: string): Promise<ApiResult<SimulationReport | DraftProblems>> {
  return client.send('POST', POLICY_PATHS.policySimulate, simulateAnswerSchema, month === undefined ? { draft } : { draft, month });
}

export function publishPolicy(client: HubClient, policy: Policy): Promise<ApiResult<PublishAnswer>> {
  return client.send('POST', POLICY_PATHS.policies, publishAnswerSchema, { policy });
}

export function isReport(answer: SimulationReport | DraftProblems): answer is SimulationReport {
  return 'totals' in answer;
}
