/**
 * The simulation as the HTTP route takes it: the draft as the form sent it (unknown), checked for
 * shape and rules first — the problems by field, as the form shows them — then simulated. The
 * next-version rule is not applied here: a "what if" on last month is worth running for any valid
 * document; it is publishing that must follow the rule (checkPolicyDraft).
 */
import type { HubQueries } from '../db/index.js';
import { validatePolicyDraft } from '../../shared/hub-api/policy-views.js';
import type { DraftProblems, SimulationReport } from '../../shared/hub-api/policy-views.js';
import { err } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { simulatePolicy } from './simulate.js';
import type { SimulationRefusal } from './simulate.js';

export type SimulateDraftRefusal = SimulationRefusal | ({ readonly kind: 'invalid' } & DraftProblems);

export async function simulateDraft(
  db: HubQueries,
  actor: Actor,
  input: { readonly districtId: number; readonly draft: unknown; readonly month?: string; readonly now: string },
): Promise<Result<SimulationReport, SimulateDraftRefusal>> {
  // Another district's staff learn nothing, not even what is wrong with their draft.
  const allowed = requireMemberOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const draft = validatePolicyDraft(input.draft);
  if (!draft.ok) return err({ kind: 'invalid', ...draft.error });
  return simulatePolicy(db, actor, { districtId: input.districtId, draft: draft.value, now: input.now, ...(input.month === undefined ? {} : { month: input.month }) });
}
