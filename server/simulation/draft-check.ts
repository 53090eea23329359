/**
 * The hub's check of a draft before it is simulated or published: the document itself
 * (validatePolicyDraft) and the next-version rule against what the district has published under the
 * same policy id (nextVersionProblems). Read-only; the publishing code calls it before publishPolicy.
 */
import { z } from 'zod';
import { dbInt, dbLocalDate } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { draftProblems, nextVersionProblems, todayIn, validatePolicyDraft } from '../../shared/hub-api/policy-views.js';
import type { DraftProblems } from '../../shared/hub-api/policy-views.js';
import type { Policy } from '../../shared/policy/schema.js';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { instant, requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import type { HubRefusal } from '../accounts/refusal.js';

export type DraftCheckRefusal = HubRefusal<'forbidden'> | ({ readonly kind: 'invalid' } & DraftProblems);

const versionRow = z.object({ version: dbInt, effective_from: dbLocalDate });

/** The district's published versions of one policy id: version and first date. */
export async function publishedVersions(db: HubQueries, districtId: number, policyId: string): Promise<{ version: number; effectiveFrom: string }[]> {
  const rows = await db.query(`SELECT version, effective_from FROM policies WHERE district_id = $1 AND policy_id = $2 ORDER BY version`, [districtId, policyId], versionRow);
  return rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from }));
}

/**
 * A draft from the form, checked as a new version for `districtId`: its shape and rules, then the
 * version number and effective date. `now`: the hub's clock; "today" is the policy's local date.
 */
export async function checkPolicyDraft(
  db: HubQueries,
  actor: Actor,
  input: { readonly districtId: number; readonly draft: unknown; readonly now: string },
): Promise<Result<Policy, DraftCheckRefusal>> {
  instant(input.now);
  const allowed = requireMemberOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const valid = validatePolicyDraft(input.draft);
  if (!valid.ok) return err({ kind: 'invalid', ...valid.error });
  const draft = valid.value;
  const problems = nextVersionProblems(draft, await publishedVersions(db, input.districtId, draft.id), todayIn(draft, input.now));
  if (problems.length > 0) return err({ kind: 'invalid', ...draftProblems(problems) });
  return ok(draft);
}
