/**
 * "What would this draft have cost last month?" Every non-voided check-in of a month in the district
 * is priced twice with the one pricing function (shared/pricing/price.ts): by the versions in force
 * on its date ("current") and by the draft, as if the draft had been in force all month. Both see the
 * same facts — those the meal was priced with, kept in its meals row — and the same history: the
 * elder's earlier meals at the same kiosk, in the kiosk's own order (seq), as the kiosk knew them
 * when it priced each meal. Each side keeps its own history, because a limit reached under one policy
 * may not be reached under the other — and only as far back as its limits look (history.ts).
 *
 * Built for a city month (millions of meals): the meals are read device by device, each device's
 * seq range in keyset-paginated chunks of the primary key (device_id, seq), priced in JS and folded
 * into running sums (tally.ts); a device's history is dropped when the next device starts. Nothing
 * is written and nothing is printed. Not one transaction: on PGlite a transaction would hold back
 * every upload for the whole run, so a batch arriving meanwhile may or may not be in the figures.
 */
import { z } from 'zod';
import { dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { weekStart } from '../../shared/dates.js';
import { monthSchema, todayIn } from '../../shared/hub-api/policy-views.js';
import type { SimulationReport } from '../../shared/hub-api/policy-views.js';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy } from '../../shared/policy/schema.js';
import { policyInForce } from '../../shared/policy/select.js';
import { ageBand } from '../../shared/pricing/age-band.js';
import { price } from '../../shared/pricing/price.js';
import type { EatenMeal, PriceResult } from '../../shared/pricing/types.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { instant, requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { ElderHistories, historyScope } from './history.js';
import { MEAL_FACTS_COLUMNS, mealFactsRow, pricingElderFor } from './meal-facts.js';
import type { MealFacts } from './meal-facts.js';
import { monthRange, previousMonth } from './month.js';
import { budgetNames, SimulationTally } from './tally.js';

/** Rows per query: large enough that round trips do not dominate, small enough to bound memory. */
export const SIMULATION_CHUNK = 5000;

export type SimulationRefusal = HubRefusal<'forbidden' | 'badMonth'>;

export interface SimulationInput {
  readonly districtId: number;
  /** The draft version, already checked (validatePolicyDraft / checkPolicyDraft). */
  readonly draft: Policy;
  /** 'YYYY-MM'; the month before `now`'s month (in the draft's time zone) when absent. */
  readonly month?: string;
  /** The hub's clock (UTC ISO). */
  readonly now: string;
  /** Rows per query (tests use a small one to cross chunk boundaries). */
  readonly chunkSize?: number;
}

const canteenRow = z.object({ id: dbInt, name: z.string(), region_code: z.string() });
const rangeRow = z.object({ device_id: z.string(), lo: dbInt, hi: dbInt });
const documentRow = z.object({ document: z.unknown() });

/** The draft as if in force from `from` on, whatever dates it will be published with. */
function inForceFrom(draft: Policy, from: string): Policy {
  const { effectiveTo: _dropped, ...rest } = draft;
  return { ...rest, effectiveFrom: from };
}

function eaten(meal: MealFacts, result: PriceResult): EatenMeal {
  return { serviceDate: meal.service_date, periodId: meal.period_id, subsidised: result.subsidised, at: meal.at };
}

export async function simulatePolicy(db: HubQueries, actor: Actor, input: SimulationInput): Promise<Result<SimulationReport, SimulationRefusal>> {
  instant(input.now);
  const allowed = requireMemberOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const month = input.month ?? previousMonth(todayIn(input.draft, input.now));
  if (!monthSchema.safeParse(month).success) return refuse('badMonth', 'hub.sim.monthShape');
  const chunk = input.chunkSize ?? SIMULATION_CHUNK;
  if (!Number.isSafeInteger(chunk) || chunk < 1) throw new RangeError(`simulatePolicy: chunkSize must be a whole number ≥ 1, got ${chunk}`);

  const { from, to } = monthRange(month);
  // A weekly limit on the 1st counts the meals of that week's days in the month before: read from the
  // week's Monday, price those days for their history only, and count only the month's own meals.
  const readFrom = weekStart(from);
  const draft = inForceFrom(input.draft, readFrom);
  const versions = (
    await db.query(`SELECT document FROM policies WHERE district_id = $1 AND policy_id = $2`, [input.districtId, draft.id], documentRow)
  ).map((r) => policySchema.parse(r.document));
  const canteens = new Map(
    (await db.query(`SELECT id, name, region_code FROM canteens WHERE district_id = $1`, [input.districtId], canteenRow)).map((c) => [c.id, c]),
  );
  // Each device's seq range over those dates, from the ledger's (device_id, service_date) index, one
  // device at a time (LATERAL), so the meals are then read by primary-key ranges instead of a scan
  // of the district's history.
  const ranges = await db.query(
    `SELECT d.device_id, b.lo, b.hi
     FROM canteens c JOIN devices d ON d.canteen_id = c.id
     CROSS JOIN LATERAL (
       SELECT min(r.seq) AS lo, max(r.seq) AS hi FROM ledger_records r
       WHERE r.device_id = d.device_id AND r.service_date BETWEEN $2 AND $3 AND r.kind = 'checkin'
     ) b
     WHERE c.district_id = $1 AND b.lo IS NOT NULL
     ORDER BY d.device_id`,
    [input.districtId, readFrom, to],
    rangeRow,
  );

  const tally = new SimulationTally();
  const scopes = { current: historyScope(versions), draft: historyScope([draft]) };
  for (const range of ranges) {
    const histories = { current: new ElderHistories(scopes.current), draft: new ElderHistories(scopes.draft) };
    const priceMeal = (meal: MealFacts): void => {
      const counted = meal.service_date >= from;
      if (meal.policy_id !== null && meal.policy_id !== draft.id) {
        if (counted) tally.otherPolicyMeals += 1;
        return;
      }
      const canteen = canteens.get(meal.canteen_id);
      if (canteen === undefined) throw new Error(`simulatePolicy: meal ${meal.device_id}#${meal.seq} names canteen ${meal.canteen_id}, not of district ${input.districtId}`);
      const history = { current: histories.current.of(meal.elder_id, meal.service_date), draft: histories.draft.of(meal.elder_id, meal.service_date) };
      const common = { elder: pricingElderFor(meal), canteenRegion: canteen.region_code, serviceDate: meal.service_date, periodId: meal.period_id, amount: meal.standard };
      const current = price({ ...common, policy: policyInForce(versions, meal.service_date), eaten: history.current });
      const drafted = price({ ...common, policy: draft, eaten: history.draft });
      history.current.push(eaten(meal, current));
      history.draft.push(eaten(meal, drafted));
      if (!counted) return;
      tally.add({
        canteenId: meal.canteen_id,
        elderId: meal.elder_id,
        serviceDate: meal.service_date,
        ageBand: meal.age === null ? null : ageBand(meal.age),
        statuses: meal.statuses,
        recordedSubsidy: meal.subsidy,
        current,
        draft: drafted,
      });
    };
    const chunkAfter = (after: number): Promise<MealFacts[]> =>
      db.query(
        `SELECT ${MEAL_FACTS_COLUMNS} FROM meals m
         WHERE m.device_id = $1 AND m.seq > $2 AND m.seq <= $3
           AND m.kind = 'checkin' AND m.voided_seq IS NULL AND m.service_date BETWEEN $4 AND $5
         ORDER BY m.seq LIMIT $6`,
        [range.device_id, after, range.hi, readFrom, to, chunk],
        mealFactsRow,
      );
    // No district_id condition in that query, on purpose: with one, a planner without fresh
    // statistics picks the (district_id, service_date) index and scans the whole district's month
    // for every chunk. The device is the district's (the range query above); priceMeal checks each
    // canteen. The next chunk is asked for before this one is priced, so on a PostgreSQL server the
    // database reads while the hub prices.
    let pending: Promise<MealFacts[]> | null = chunkAfter(range.lo - 1);
    while (pending !== null) {
      const rows: MealFacts[] = await pending;
      const last = rows[rows.length - 1];
      pending = last === undefined || rows.length < chunk ? null : chunkAfter(last.seq);
      try {
        for (const meal of rows) priceMeal(meal);
      } catch (e) {
        // The read already under way is abandoned; its failure, if any, must not go unhandled.
        pending?.catch(() => undefined);
        throw e;
      }
    }
  }

  return ok(
    tally.report(
      { districtId: input.districtId, policyId: draft.id, draftVersion: draft.version, month, from, to },
      { canteen: (id) => canteens.get(id)?.name ?? String(id), ...budgetNames(input.draft, versions) },
    ),
  );
}
