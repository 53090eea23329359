/**
 * The district's subsidy policies over HTTP: the published versions, one in full, the hub's check of
 * a draft as the next version, its simulation on a past month's real meals, and publishing (admin).
 *
 * A draft's problems (check, simulate) come back as a 200 with {summary, problems}: the form shows
 * each problem beside its field, which an {error: {kind, message}} refusal could not carry. Publishing
 * is the one step that changes anything, so there a problem is a refusal (400) naming the first field.
 */
import { z } from 'zod';
import { draftProblems, draftProblemsSchema, simulationReportSchema, simulationRequestSchema } from '../../../shared/hub-api/policy-views.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { localDateSchema } from '../../../shared/dates.js';
import { message, render } from '../../../shared/i18n/index.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { policiesTable } from '../../export/index.js';
import { getPolicy, listPolicies, publishPolicy } from '../../policies/index.js';
import type { PolicyListing, PublishedPolicy, PublishPolicyRefusal } from '../../policies/index.js';
import { checkPolicyDraft, simulateDraft } from '../../simulation/index.js';
import { HttpError, notFound, refusalError, valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { signedIn } from './route-helpers.js';

const instantSchema = z.iso.datetime({ precision: 3 });

const policyListingSchema = z.strictObject({
  policyId: z.string(),
  version: z.int().min(1),
  effectiveFrom: localDateSchema,
  effectiveTo: localDateSchema.nullable(),
  name: z.string(),
  publishedAt: instantSchema,
  /** The admin who published it; null when the hub's console did. */
  publishedBy: z.int().nullable(),
});

const policyListSchema = z.strictObject({ policies: z.array(policyListingSchema) });

const publishedPolicySchema = z.strictObject({
  policy: policySchema,
  publishedAt: instantSchema,
  publishedBy: z.int().nullable(),
});

const publishAnswerSchema = z.strictObject({
  /** 'unchanged': the very same content was already published under this (id, version); nothing written. */
  outcome: z.enum(['published', 'unchanged']),
  published: policyListingSchema,
});

/** `:policyId/:version` of a published version; a version that cannot exist is a page that does not (404). */
const policyParamsSchema = z.strictObject({
  policyId: z.string().min(1).max(100),
  version: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

function listing(p: PublishedPolicy): PolicyListing {
  return {
    policyId: p.policy.id,
    version: p.policy.version,
    effectiveFrom: p.policy.effectiveFrom,
    effectiveTo: p.policy.effectiveTo ?? null,
    name: p.policy.name,
    publishedAt: p.publishedAt,
    publishedBy: p.publishedBy,
  };
}

/** A refused publish: 'invalid' and 'notNext' name their first problem's field, in both languages. */
function publishRefusal(refusal: PublishPolicyRefusal): HttpError {
  const first = refusal.issues?.[0] ?? null;
  if (first !== null) return new HttpError(400, refusal.kind, message('hub.http.badField', { path: first.path, problem: render(first.text, 'zh-CN'), problem_en: render(first.text, 'en') }));
  const problem = refusal.problems?.[0] ?? null;
  if (problem !== null) return new HttpError(400, refusal.kind, message('hub.http.badField', { path: problem.path, problem: problem['zh-CN'], problem_en: problem.en }));
  // The generic table reads 'invalid' as credentials (401); here it is the caller's document (400).
  if (refusal.kind === 'invalid') return new HttpError(400, 'invalid', refusal.message);
  // Other content under a published (id, version): the version is taken.
  if (refusal.kind === 'conflict') return new HttpError(409, 'conflict', refusal.message);
  return refusalError(refusal);
}

export const policyRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.policies,
    tag: 'policies',
    summary: 'The policy versions the district has published, newest version of each policy first. Exportable: ?format=csv|xlsx|json.',
    auth: 'session',
    scope: 'counts:read',
    response: policyListSchema,
    exportable: { table: (body) => policiesTable(body.policies) },
    async handler({ db, actor }) {
      const account = signedIn(actor);
      return { body: { policies: valueOr(await listPolicies(db, account, account.districtId)) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.policy,
    tag: 'policies',
    summary: 'One published version in full, with when and by whom it was published.',
    auth: 'session',
    scope: 'counts:read',
    params: policyParamsSchema,
    response: publishedPolicySchema,
    async handler({ db, actor, params }) {
      const account = signedIn(actor);
      const found = valueOr(await getPolicy(db, account, { districtId: account.districtId, policyId: params.policyId, version: params.version }));
      if (found === null) throw notFound();
      return { body: { policy: found.policy, publishedAt: found.publishedAt, publishedBy: found.publishedBy } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.policies,
    tag: 'policies',
    summary:
      'Publishes a policy version (admin). It must be the next version of its policy id, taking effect after today and after the current version; the very same content again answers "unchanged". 400 names the first problem.',
    auth: 'admin',
    body: z.strictObject({ policy: z.unknown() }),
    response: publishAnswerSchema,
    async handler({ db, actor, body, now }) {
      const admin = signedIn(actor);
      const result = await publishPolicy(db, { actor: admin, districtId: admin.districtId, policy: body.policy, now });
      if (!result.ok) throw publishRefusal(result.error);
      return { body: { outcome: result.value.outcome, published: listing(result.value.published) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.policyCheck,
    tag: 'policies',
    summary: "The hub's check of a draft as the next version: its schema and rules, version number and effective date. 200 with every problem by field; none means it may be published.",
    auth: 'session',
    body: z.strictObject({ draft: z.unknown() }),
    response: draftProblemsSchema,
    async handler({ db, actor, body, now }) {
      const account = signedIn(actor);
      const checked = await checkPolicyDraft(db, account, { districtId: account.districtId, draft: body.draft, now });
      if (checked.ok) return { body: draftProblems([]) };
      if (checked.error.kind === 'invalid') return { body: { summary: checked.error.summary, problems: checked.error.problems } };
      throw refusalError(checked.error);
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.policySimulate,
    tag: 'policies',
    summary:
      "Prices a past month's real meals (last month by default) under the draft and under the versions in force: totals, by funding source, by canteen, the biggest changes per elder. A draft with problems answers them instead (200).",
    auth: 'session',
    body: simulationRequestSchema,
    response: z.union([simulationReportSchema, draftProblemsSchema]),
    async handler({ db, actor, body, now }) {
      const account = signedIn(actor);
      const simulated = await simulateDraft(db, account, { districtId: account.districtId, draft: body.draft, now, ...(body.month === undefined ? {} : { month: body.month }) });
      if (simulated.ok) return { body: simulated.value };
      if (simulated.error.kind === 'invalid') return { body: { summary: simulated.error.summary, problems: simulated.error.problems } };
      throw refusalError(simulated.error);
    },
  }),
];
