/**
 * The monthly settlement: what the district owes each canteen per funding source, and its approval.
 * Figures are computed live from the roll-ups; approving stores a snapshot as a new revision.
 * A late meal arriving after approval changes the live figures, never the snapshot: the view then
 * says 'changed' and shows both, and an admin approves again (a new revision, the old one kept).
 */
import { z } from 'zod';
import { dbCount, dbInstant, dbInt, isHubDbError, jsonParam } from '../db/index.js';
import type { HubDb, HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { settlementFiguresSchema } from '../../shared/hub-api/counting-views.js';
import type { SettlementApproval, SettlementView } from '../../shared/hub-api/counting-views.js';
import { instant, requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { requireReader } from './access.js';
import type { ReadRefusal } from './access.js';
import { checkMonth, startOfLocalDay } from './range.js';
import type { MonthRange } from './range.js';
import { figuresFingerprint, settlementFigures } from './settlement-figures.js';

const approvalRow = z.object({
  revision: dbInt,
  approved_at: dbInstant,
  approved_by: dbInt.nullable(),
  login: z.string().nullable(),
  figures: z.unknown(),
  fingerprint: z.string(),
  amendments_at_approval: dbCount,
});

async function approvals(db: HubQueries, districtId: number, month: string): Promise<z.infer<typeof approvalRow>[]> {
  return db.query(
    `SELECT s.revision, s.approved_at, s.approved_by, a.login, s.figures, s.fingerprint, s.amendments_at_approval
       FROM settlements s LEFT JOIN accounts a ON a.id = s.approved_by
      WHERE s.district_id = $1 AND s.month = $2
      ORDER BY s.revision`,
    [districtId, month],
    approvalRow,
  );
}

/** Count amendments of the month's service dates, optionally only those received after an instant. */
async function amendmentCount(db: HubQueries, districtId: number, range: MonthRange, after: string | null): Promise<number> {
  const [row] = await db.query(
    `SELECT count(*) AS n FROM count_amendments x JOIN canteens c ON c.id = x.canteen_id
      WHERE c.district_id = $1 AND x.service_date BETWEEN $2::date AND $3::date
        AND ($4::timestamptz IS NULL OR x.received_at > $4::timestamptz)`,
    [districtId, range.from, range.to, after],
    z.object({ n: dbCount }),
  );
  return row?.n ?? 0;
}

function toApproval(row: z.infer<typeof approvalRow>): SettlementApproval {
  // The snapshot is JSON read back from the database: parsed, never trusted by shape.
  const figures = settlementFiguresSchema.parse(row.figures);
  return {
    revision: row.revision,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    approvedByLogin: row.login,
    total: figures.total,
    amendmentsAtApproval: row.amendments_at_approval,
  };
}

export interface SettlementQuery {
  readonly districtId: number;
  readonly month: string;
}

export async function settlement(db: HubQueries, actor: Actor, q: SettlementQuery): Promise<Result<SettlementView, ReadRefusal | HubRefusal<'badMonth'>>> {
  const allowed = await requireReader(db, actor, q.districtId);
  if (!allowed.ok) return allowed;
  const range = checkMonth(q.month);
  if (!range.ok) return range;
  const figures = await settlementFigures(db, q.districtId, range.value);
  const revisions = await approvals(db, q.districtId, q.month);
  const latest = revisions.at(-1);
  const changed = latest !== undefined && latest.fingerprint !== figuresFingerprint(figures);
  return ok({
    districtId: q.districtId,
    month: q.month,
    from: range.value.from,
    to: range.value.to,
    ...figures,
    state: latest === undefined ? 'draft' : changed ? 'changed' : 'approved',
    approval: latest === undefined ? null : toApproval(latest),
    approvedFigures: latest !== undefined && changed ? settlementFiguresSchema.parse(latest.figures) : null,
    amendmentsSinceApproval: latest === undefined ? 0 : await amendmentCount(db, q.districtId, range.value, latest.approved_at),
    revisions: revisions.map(toApproval),
  });
}

export type ApproveRefusal = HubRefusal<'forbidden' | 'badMonth' | 'notEnded' | 'unchanged' | 'conflict'>;

/**
 * Approves the month's figures as they stand: a new revision with their snapshot. Admin only.
 * Refused before the month has ended in the canteens' calendar (meals may still come), and when the
 * latest revision already holds exactly these figures (approving twice would add nothing).
 * Figures and revision number are read and written in one serialisable transaction, so the snapshot
 * is of one consistent moment and two admins approving at once make one revision, not two.
 */
export async function approveSettlement(db: HubDb, actor: Actor, input: SettlementQuery & { readonly now: string }): Promise<Result<SettlementApproval, ApproveRefusal>> {
  const allowed = requireAdminOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const range = checkMonth(input.month);
  if (!range.ok) return range;
  if (instant(input.now) < startOfLocalDay(range.value.next)) return refuse('notEnded', 'hub.settle.notEnded', { month: input.month, next: range.value.next });
  const approvedBy = actor === 'console' ? null : actor.id;
  try {
    return await db.transaction(
      async (tx): Promise<Result<SettlementApproval, ApproveRefusal>> => {
        const figures = await settlementFigures(tx, input.districtId, range.value);
        const fingerprint = figuresFingerprint(figures);
        const revisions = await approvals(tx, input.districtId, input.month);
        const latest = revisions.at(-1);
        if (latest !== undefined && latest.fingerprint === fingerprint) return refuse('unchanged', 'hub.settle.unchanged', { revision: latest.revision });
        const amendments = await amendmentCount(tx, input.districtId, range.value, null);
        const revision = (latest?.revision ?? 0) + 1;
        await tx.execute(
          `INSERT INTO settlements (district_id, month, revision, approved_at, approved_by, figures, fingerprint, amendments_at_approval)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
          [input.districtId, input.month, revision, input.now, approvedBy, jsonParam(figures), fingerprint, amendments],
        );
        const login = actor === 'console' ? null : actor.login;
        return ok({ revision, approvedAt: new Date(instant(input.now)).toISOString(), approvedBy, approvedByLogin: login, total: figures.total, amendmentsAtApproval: amendments });
      },
      { isolation: 'serializable' },
    );
  } catch (e) {
    // Another admin's approval of the same month won the race (same revision number), or the
    // serialisable transaction kept conflicting: nothing was written; the screen reloads and shows theirs.
    if (isHubDbError(e, 'unique') || isHubDbError(e, 'conflict')) return refuse('conflict', 'hub.settle.conflict');
    throw e;
  }
}
