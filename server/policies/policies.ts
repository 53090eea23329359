/**
 * The district's subsidy policies as the hub keeps them: published by a district admin, one row per
 * (policy id, version), never changed afterwards — a kiosk may already have priced meals with it, and
 * the hub re-prices every uploaded meal with the version in force on its service date.
 */
import { z } from 'zod';
import { dbInstant, dbInt, dbLocalDate, isHubDbError, jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { nextVersionProblems, todayIn } from '../../shared/hub-api/policy-views.js';
import type { FieldProblem } from '../../shared/hub-api/policy-views.js';
import { canonicalJson } from '../../shared/ledger/canonical.js';
import { message } from '../../shared/i18n/index.js';
import { parseWith } from '../../shared/parse.js';
import type { ParseIssue } from '../../shared/parse.js';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy } from '../../shared/policy/schema.js';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { requireAdminOf, requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

export interface PublishedPolicy {
  readonly districtId: number;
  readonly policy: Policy;
  readonly publishedAt: string;
  /** The admin who published it; null when the hub's console did. */
  readonly publishedBy: number | null;
}

/**
 * 'invalid' carries each failing path of the document (`issues`), so the form can mark its fields;
 * 'notNext' carries the next-version rule's problems (version number, effective date) the same way.
 */
export type PublishPolicyRefusal = HubRefusal<'forbidden' | 'invalid' | 'notNext' | 'conflict' | 'unknownDistrict'> & {
  readonly issues?: readonly ParseIssue[];
  readonly problems?: readonly FieldProblem[];
};

export interface PublishOutcome {
  readonly published: PublishedPolicy;
  /** 'unchanged': the same (id, version) with the same content was already published — nothing written. */
  readonly outcome: 'published' | 'unchanged';
}

const policyRow = z.object({
  district_id: dbInt,
  document: z.unknown(),
  published_at: dbInstant,
  published_by: dbInt.nullable(),
});
const COLUMNS = 'district_id, document, published_at, published_by';

function toPublished(row: z.infer<typeof policyRow>): PublishedPolicy {
  // The document was validated when published; parsing it again is the boundary check for jsonb
  // read back (and fills defaults a later schema version may add).
  return { districtId: row.district_id, policy: policySchema.parse(row.document), publishedAt: row.published_at, publishedBy: row.published_by };
}

const versionRow = z.object({ version: dbInt, effective_from: dbLocalDate });

/** The stored row of (district, id, version), if any. */
async function storedVersion(db: HubQueries, districtId: number, policyId: string, version: number): Promise<PublishedPolicy | null> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM policies WHERE district_id = $1 AND policy_id = $2 AND version = $3`, [districtId, policyId, version], policyRow);
  return row === undefined ? null : toPublished(row);
}

/**
 * The next-version rule (shared/hub-api/policy-views.ts nextVersionProblems): version = latest + 1,
 * taking effect after today and after the latest version's first day. Kiosks may already have priced
 * meals with what is out, so a version that reaches back into the past would re-price them silently.
 */
async function notNextProblems(db: HubQueries, districtId: number, policy: Policy, now: string): Promise<FieldProblem[]> {
  const rows = await db.query(`SELECT version, effective_from FROM policies WHERE district_id = $1 AND policy_id = $2`, [districtId, policy.id], versionRow);
  return nextVersionProblems(
    policy,
    rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from })),
    todayIn(policy, now),
  );
}

/**
 * Publishes a policy version for a district (its admins only). Publishing the same content again is
 * harmless ('unchanged'), so a retried request or a re-run import is safe; other content under a
 * published (id, version) is refused — a version, once out, is what kiosks priced with.
 *
 * An account must publish the NEXT version (the next-version rule, refused as 'notNext'). The hub's
 * console ('console': `zhucan hub` commands run by the operator on the hub's machine) is exempt: it
 * is how a district moving to Zhucan loads the versions it already had, which took effect in the past.
 */
export async function publishPolicy(
  db: HubQueries,
  input: { readonly actor: Actor; readonly districtId: number; readonly policy: unknown; readonly now: string },
): Promise<Result<PublishOutcome, PublishPolicyRefusal>> {
  const allowed = requireAdminOf(input.actor, input.districtId);
  if (!allowed.ok) return allowed;
  const parsed = parseWith(policySchema, input.policy, 'hub.policy.what');
  if (!parsed.ok) {
    return err({ kind: 'invalid', message: message('hub.policy.invalid', { count: parsed.error.issues.length }), issues: parsed.error.issues });
  }
  const policy = parsed.value;
  const existing = await storedVersion(db, input.districtId, policy.id, policy.version);
  if (existing !== null) {
    // Canonical JSON: key order and jsonb's own reordering do not make content "different".
    if (canonicalJson(existing.policy) !== canonicalJson(policy)) {
      return refuse('conflict', 'hub.policy.conflict', { policyId: policy.id, version: policy.version });
    }
    return ok({ published: existing, outcome: 'unchanged' });
  }
  if (input.actor !== 'console') {
    const problems = await notNextProblems(db, input.districtId, policy, input.now);
    if (problems.length > 0) return err({ kind: 'notNext', message: message('hub.policy.invalid', { count: problems.length }), problems });
  }
  const publishedBy = input.actor === 'console' ? null : input.actor.id;
  try {
    // ON CONFLICT DO NOTHING, then read what is there: two admins publishing one version at once
    // end with one row, and each learns whether it was theirs.
    const inserted = await db.execute(
      `INSERT INTO policies (district_id, policy_id, version, effective_from, effective_to, document, published_at, published_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT (district_id, policy_id, version) DO NOTHING`,
      [input.districtId, policy.id, policy.version, policy.effectiveFrom, policy.effectiveTo ?? null, jsonParam(policy), input.now, publishedBy],
    );
    const stored = await storedVersion(db, input.districtId, policy.id, policy.version);
    if (stored === null) throw new Error('a published policy row vanished');
    if (inserted === 1) return ok({ published: stored, outcome: 'published' });
    // Another publish of the same version committed between our read and our insert.
    if (canonicalJson(stored.policy) !== canonicalJson(policy)) {
      return refuse('conflict', 'hub.policy.conflict', { policyId: policy.id, version: policy.version });
    }
    return ok({ published: stored, outcome: 'unchanged' });
  } catch (e) {
    if (isHubDbError(e, 'foreignKey')) return refuse('unknownDistrict', 'hub.policy.unknownDistrict');
    throw e;
  }
}

export interface PolicyListing {
  readonly policyId: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly name: string;
  readonly publishedAt: string;
  readonly publishedBy: number | null;
}

const listingRow = z.object({
  policy_id: z.string(),
  version: dbInt,
  effective_from: dbLocalDate,
  effective_to: dbLocalDate.nullable(),
  name: z.string().nullable(),
  published_at: dbInstant,
  published_by: dbInt.nullable(),
});

/** The district's published versions (any account of the district), newest version of each policy first. */
export async function listPolicies(db: HubQueries, actor: Actor, districtId: number): Promise<Result<PolicyListing[], HubRefusal<'forbidden'>>> {
  const allowed = requireMemberOf(actor, districtId);
  if (!allowed.ok) return allowed;
  const rows = await db.query(
    `SELECT policy_id, version, effective_from, effective_to, document ->> 'name' AS name, published_at, published_by
     FROM policies WHERE district_id = $1 ORDER BY policy_id, version DESC`,
    [districtId],
    listingRow,
  );
  return ok(
    rows.map((r) => ({
      policyId: r.policy_id,
      version: r.version,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      name: r.name ?? r.policy_id,
      publishedAt: r.published_at,
      publishedBy: r.published_by,
    })),
  );
}

/** One published version in full (any account of the district). */
export async function getPolicy(
  db: HubQueries,
  actor: Actor,
  key: { readonly districtId: number; readonly policyId: string; readonly version: number },
): Promise<Result<PublishedPolicy | null, HubRefusal<'forbidden'>>> {
  const allowed = requireMemberOf(actor, key.districtId);
  if (!allowed.ok) return allowed;
  const [row] = await db.query(
    `SELECT ${COLUMNS} FROM policies WHERE district_id = $1 AND policy_id = $2 AND version = $3`,
    [key.districtId, key.policyId, key.version],
    policyRow,
  );
  return ok(row === undefined ? null : toPublished(row));
}
