/**
 * Month-wide detection, run by a district admin or by the hub's scheduler ('console'): the same
 * elder in two canteens in one period, days out of line with a canteen's history, and the edit
 * check. Idempotent (each anomaly has a dedupe key), so running it every night over the last month
 * only adds what is new. One transaction: a detection run is recorded wholly or not at all.
 * Late uploads, chain breaks, clock skew and the like are flagged by the ingest, not here.
 */
import type { HubDb } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { DetectionOutcome } from '../../shared/hub-api/counting-views.js';
import { instant, requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { checkRange } from '../counting/range.js';
import type { RangeRefusal } from '../counting/range.js';
import { detectDuplicateElders } from './detect-duplicates.js';
import { detectEditCheck } from './detect-edit-check.js';
import { detectOutOfLine } from './detect-out-of-line.js';
import { boundedByDailyDistinct, eligibleBasis } from './eligible-population.js';
import { candidateElders } from './month-elders.js';

/** Two months: a run over last month and this one, as a nightly job would do. */
export const MAX_DETECT_DAYS = 62;

export interface DetectInput {
  readonly districtId: number;
  readonly from: string;
  readonly to: string;
  readonly now: string;
  /** Told how long each step took (ms), in order: for the benchmark and for logs; nothing depends on it. */
  readonly onStep?: (step: DetectStep, ms: number) => void;
}

export type DetectStep = 'monthElders' | 'duplicateElder' | 'outOfLine' | 'editCheck';

/** Runs one step, telling `onStep` its duration. */
async function timed<T>(step: DetectStep, onStep: DetectInput['onStep'], run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await run();
  onStep?.(step, performance.now() - start);
  return value;
}

export async function detectAnomalies(db: HubDb, actor: Actor, input: DetectInput): Promise<Result<DetectionOutcome, HubRefusal<'forbidden'> | RangeRefusal>> {
  const allowed = requireAdminOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const range = checkRange(input.from, input.to, MAX_DETECT_DAYS);
  if (!range.ok) return range;
  const now = new Date(instant(input.now)).toISOString();
  return db.transaction(async (tx) => {
    // No JIT: its planner costs are guesses over CTEs and temporary tables, and compiling these simple
    // expressions took longer (0.7–1.5 s per statement, measured) than running them. LOCAL: this run only.
    await tx.execute(`SET LOCAL jit = off`);
    // The month's meals are read once, grouped per elder, for both checks that need elders' meals;
    // the edit check's stand-in also needs who ate twice in a period.
    const { districtId, onStep } = input;
    const basis = await eligibleBasis(tx, districtId);
    const candidates = await timed('monthElders', onStep, () => candidateElders(tx, districtId, range.value, boundedByDailyDistinct(basis)));
    const duplicateElder = await timed('duplicateElder', onStep, () => detectDuplicateElders(tx, districtId, range.value, now, candidates));
    const outOfLine = await timed('outOfLine', onStep, () => detectOutOfLine(tx, districtId, range.value, now));
    const editCheck = await timed('editCheck', onStep, () => detectEditCheck(tx, districtId, range.value, now, basis, candidates));
    return ok({ from: range.value.from, to: range.value.to, duplicateElder, outOfLine, editCheck });
  });
}
