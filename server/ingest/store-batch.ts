/**
 * The transaction that takes a checked, signed batch: fit it to the chain the hub holds (the device
 * row locked FOR UPDATE, so two uploads of one kiosk run one after the other), then store the new
 * records, price and count their meals, apply voids, take closes, flag what looks wrong, and move the
 * head — all or nothing. The statements are few and multi-row whatever the batch size: this is the
 * hub's hot path.
 */
import { z } from 'zod';
import { dbCount, dbInstant, dbInt, dbLocalDate, jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { addDays } from '../../shared/dates.js';
import type { ChainHead, UploadBatch } from '../../shared/hub-api/upload.js';
import type { LedgerRecord } from '../../shared/ledger/envelope.js';
import { message } from '../../shared/i18n/index.js';
import { jsonObjectSchema } from '../../shared/ledger/envelope.js';
import type { JsonObject } from '../../shared/ledger/envelope.js';
import { ageBand } from '../../shared/pricing/age-band.js';
import type { EatenMeal } from '../../shared/pricing/types.js';
import { loadDistrictPolicies } from '../policies/index.js';
import type { DistrictPolicies } from '../policies/index.js';
import type { AnomalyDraft, RecordRef } from './anomalies.js';
import type { CheckedRecord } from './check-batch.js';
import { storeCloses } from './day-closes.js';
import type { CheckedClose } from './day-closes.js';
import type { IngestRefusal } from './refusal.js';
import { limitWindow, repriceCheckin } from './reprice.js';
import { RollupDeltas } from './rollups.js';
import type { CountedMeal } from './rollups.js';
import { insertJsonRows, insertRows } from './sql-rows.js';

/** A record whose service date is more than this many days before the day it reached the hub is flagged late. */
export const LATE_UPLOAD_DAYS = 3;
/** A kiosk clock further than this from the hub's is flagged (DESIGN §4: 5 minutes). */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60 * 1000;

export interface IngestDevice {
  readonly deviceId: string;
  readonly canteenId: number;
  readonly districtId: number;
  /** The canteen's region as the hub knows it: the one pricing uses, whatever the kiosk claims. */
  readonly regionCode: string;
}

export type StoreOutcome =
  | { readonly ok: true; readonly accepted: number; readonly duplicates: number; readonly head: ChainHead; readonly anomalies: readonly AnomalyDraft[] }
  /** Refused against the stored chain: nothing was written; the anomalies are written by the caller, outside. */
  | { readonly ok: false; readonly refusal: IngestRefusal; readonly anomalies: readonly AnomalyDraft[] };

/** A meal row as it will be inserted, plus what the roll-ups need. */
interface MealRow extends CountedMeal {
  readonly seq: number;
  readonly kind: 'checkin' | 'sale';
  readonly at: string;
  readonly elderId: string | null;
  readonly age: number | null;
  readonly statuses: readonly string[];
  readonly hukouRegion: string | null;
  readonly residenceRegion: string | null;
  readonly careHome: boolean | null;
  readonly tierId: string | null;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
  readonly backfilled: boolean;
  voidedSeq: number | null;
}

const headRow = z.object({ head_seq: dbCount, head_hash: z.string() });

const storedMealRow = z.object({
  seq: dbInt,
  kind: z.enum(['checkin', 'sale']),
  service_date: dbLocalDate,
  period_id: z.string(),
  age_band: z.string().nullable(),
  claimable: z.boolean(),
  quantity: dbInt,
  standard: dbInt,
  personal: dbInt,
  claimed_subsidy: dbInt,
  subsidy: dbInt,
  operator_subsidy: dbInt,
  voided_seq: dbInt.nullable(),
  funding: z.array(z.object({ source: z.string(), amount: z.number().int() })),
});

const elderMealRow = z.object({
  device_id: z.string(),
  seq: dbInt,
  canteen_id: dbInt,
  elder_id: z.string(),
  service_date: dbLocalDate,
  period_id: z.string(),
  claimable: z.boolean(),
  claimed_subsidy: dbInt,
  at: dbInstant,
});

const ref = (deviceId: string, seq: number): RecordRef => ({ deviceId, seq });

/** A jsonb array parameter, read as a set with `= ANY(ARRAY(SELECT jsonb_array_elements_text($n::jsonb)))`. */
const anyOf = (n: number, cast = ''): string => `ANY(ARRAY(SELECT jsonb_array_elements_text($${n}::jsonb)${cast}))`;

export async function storeBatch(
  tx: HubQueries,
  input: {
    readonly device: IngestDevice;
    readonly batch: UploadBatch;
    readonly records: readonly CheckedRecord[];
    /** Each record's canonical content (what its hash covers), in the batch's order, as checkShape made it. */
    readonly contents: readonly string[];
    readonly receivedAt: string;
  },
): Promise<StoreOutcome> {
  const { device, batch, records, receivedAt } = input;
  const deviceId = device.deviceId;
  const [head] = await tx.query(`SELECT head_seq, head_hash FROM devices WHERE device_id = $1 FOR UPDATE`, [deviceId], headRow);
  if (head === undefined) throw new Error(`device ${deviceId} vanished during its upload`);
  const held: ChainHead = { seq: head.head_seq, hash: head.head_hash };

  // 1. Records the hub already holds: the same hash is a replay (acknowledged, counted once);
  //    another hash is the same seq with other content — tampering, refused and flagged.
  const known = records.filter((c) => c.record.seq <= held.seq);
  if (known.length > 0) {
    const stored = await tx.query(
      `SELECT seq, hash FROM ledger_records WHERE device_id = $1 AND seq BETWEEN $2 AND $3`,
      [deviceId, known[0]?.record.seq ?? 0, known[known.length - 1]?.record.seq ?? 0],
      z.object({ seq: dbInt, hash: z.string() }),
    );
    const hashOf = new Map(stored.map((r) => [r.seq, r.hash]));
    for (const { record } of known) {
      const storedHash = hashOf.get(record.seq);
      if (storedHash === record.hash) continue;
      return {
        ok: false,
        refusal: { kind: 'tampered', message: message('hub.ingest.tampered', { seq: record.seq }), seq: record.seq, head: held },
        anomalies: [
          {
            kind: 'reusedSeq',
            dedupeKey: `reusedSeq|${deviceId}|${record.seq}|${record.hash}`,
            serviceDate: record.serviceDate,
            details: { seq: record.seq, storedHash: storedHash ?? null, receivedHash: record.hash, receivedAt },
            records: storedHash === undefined ? [] : [ref(deviceId, record.seq)],
          },
        ],
      };
    }
  }
  const fresh = records.filter((c) => c.record.seq > held.seq);
  const firstNew = fresh[0];
  if (firstNew === undefined) {
    await touchDevice(tx, deviceId, held, batch.sentAt, receivedAt);
    return { ok: true, accepted: 0, duplicates: known.length, head: held, anomalies: clockAnomalies(device, batch.sentAt, receivedAt) };
  }

  // 2. The first new record continues the held chain: no gap, and linked to the held head.
  if (firstNew.record.seq !== held.seq + 1) {
    return {
      ok: false,
      refusal: {
        kind: 'gap',
        message: message('hub.ingest.gap', { head: held.seq, from: firstNew.record.seq, next: held.seq + 1 }),
        seq: held.seq + 1,
        head: held,
      },
      anomalies: [
        {
          kind: 'gap',
          dedupeKey: `gap|${deviceId}|${held.seq + 1}-${firstNew.record.seq - 1}`,
          serviceDate: firstNew.record.serviceDate,
          details: { expectedSeq: held.seq + 1, receivedSeq: firstNew.record.seq, missing: firstNew.record.seq - held.seq - 1 },
          records: held.seq > 0 ? [ref(deviceId, held.seq)] : [],
        },
      ],
    };
  }
  if (firstNew.record.prevHash !== held.hash) {
    return {
      ok: false,
      refusal: { kind: 'forked', message: message('hub.ingest.forked', { seq: firstNew.record.seq, head: held.seq }), seq: firstNew.record.seq, head: held },
      anomalies: [
        {
          kind: 'chainBreak',
          dedupeKey: `chainBreak|${deviceId}|${firstNew.record.seq}|${firstNew.record.prevHash}`,
          serviceDate: firstNew.record.serviceDate,
          details: { seq: firstNew.record.seq, heldHash: held.hash, receivedPrevHash: firstNew.record.prevHash },
          records: held.seq > 0 ? [ref(deviceId, held.seq)] : [],
        },
      ],
    };
  }

  // 3. What the batch's meals need from the store, one query each: the stored meals its voids reverse,
  //    the policies, the batch's elders' meals (this device's for limits, other canteens' for
  //    duplicates), and which of its dates the canteen has already closed.
  const freshMeals = new Map<number, CheckedRecord>();
  for (const c of fresh) if (c.kind === 'checkin' || c.kind === 'sale') freshMeals.set(c.record.seq, c);
  const storedTargets = [...new Set(fresh.flatMap((c) => (c.kind === 'void' && !freshMeals.has(c.targetSeq) ? [c.targetSeq] : [])))];
  for (const c of fresh) {
    if (c.kind === 'void' && c.targetSeq > held.seq && !freshMeals.has(c.targetSeq)) return voidTargetRefusal(c.record.seq, c.targetSeq);
  }
  const storedMeals = new Map<number, z.infer<typeof storedMealRow>>();
  if (storedTargets.length > 0) {
    const rows = await tx.query(
      `SELECT m.seq, m.kind, m.service_date, m.period_id, m.age_band, m.claimable, m.quantity, m.standard, m.personal,
              m.claimed_subsidy, m.subsidy, m.operator_subsidy, m.voided_seq,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('source', f.source, 'amount', f.amount)) FROM meal_funding f
                        WHERE f.device_id = m.device_id AND f.seq = m.seq), '[]'::jsonb) AS funding
       FROM meals m WHERE m.device_id = $1 AND m.seq = ${anyOf(2, '::bigint')}`,
      [deviceId, jsonParam(storedTargets.map(String))],
      storedMealRow,
    );
    for (const r of rows) storedMeals.set(r.seq, r);
    const missing = fresh.find((c) => c.kind === 'void' && !freshMeals.has(c.targetSeq) && !storedMeals.has(c.targetSeq));
    if (missing !== undefined && missing.kind === 'void') return voidTargetRefusal(missing.record.seq, missing.targetSeq);
  }

  const checkins = fresh.flatMap((c) => (c.kind === 'checkin' ? [c] : []));
  const policies: DistrictPolicies | null = checkins.length > 0 ? await loadDistrictPolicies(tx, device.districtId) : null;
  const eaten = new Map<string, { seq: number; meal: EatenMeal }[]>();
  const elsewhere: z.infer<typeof elderMealRow>[] = [];
  if (checkins.length > 0) {
    const mealDates = new Set(checkins.map((c) => c.record.serviceDate));
    const elderIds = jsonParam([...new Set(checkins.map((c) => c.elderId))]);
    // Elder ids are the district roster's: another district's 'e-1' is another person. `district_id
    // + 0` keeps the district a filter, never an index condition: with a plain `district_id = $2`
    // PostgreSQL, whenever its statistics lag behind a filling table, read meals_district_date_idx —
    // every meal of the district on those dates, growing with the district — instead of the elder's
    // few on meals_elder_idx (measured: the ingest's rounds fell 7,069 → 3,363 records/s as the
    // benchmark's tables filled; 9.6 ms → 0.16 ms for this query at 80 kiosks).
    const columns = `SELECT device_id, seq, canteen_id, elder_id, service_date, period_id, claimable, claimed_subsidy, at FROM meals
       WHERE elder_id = ${anyOf(1)} AND voided_seq IS NULL AND district_id + 0 = $2`;
    let rows: z.infer<typeof elderMealRow>[];
    if (policies === null || policies.limitScope === 'day') {
      // No weekly or monthly limit: the meals' own dates are all that matter (the common case, and
      // far fewer rows than a month of regulars).
      // The range as well as the set: the range is what lets meals_elder_idx (elder, date, …) seek to
      // the dates instead of reading every meal an elder ever ate and filtering.
      const dates = [...mealDates].sort();
      rows = await tx.query(
        `${columns} AND service_date = ${anyOf(3, '::date')} AND service_date BETWEEN $4 AND $5`,
        [elderIds, device.districtId, jsonParam(dates), dates[0] ?? '', dates[dates.length - 1] ?? ''],
        elderMealRow,
      );
    } else {
      const windows = checkins.map((c) => limitWindow(c.record.serviceDate));
      const from = windows.reduce((a, w) => (w.from < a ? w.from : a), windows[0]?.from ?? '');
      const to = windows.reduce((a, w) => (w.to > a ? w.to : a), windows[0]?.to ?? '');
      rows = await tx.query(`${columns} AND service_date BETWEEN $3 AND $4`, [elderIds, device.districtId, from, to], elderMealRow);
    }
    for (const r of rows) {
      if (r.device_id === deviceId) {
        const list = eaten.get(r.elder_id) ?? [];
        list.push({ seq: r.seq, meal: { serviceDate: r.service_date, periodId: r.period_id, subsidised: r.claimed_subsidy > 0, at: r.at } });
        eaten.set(r.elder_id, list);
      } else if (r.canteen_id !== device.canteenId && r.claimable && mealDates.has(r.service_date)) {
        elsewhere.push(r);
      }
    }
  }
  // The dates the canteen has closed (a meal or void for one is an amendment), and those this very
  // device closed, with its close's seq: the kiosk refuses any record for a day it closed, so one
  // that arrives says the kiosk is broken or was tampered with.
  const countDates = new Set<string>(fresh.map((c) => c.record.serviceDate));
  for (const m of storedMeals.values()) countDates.add(m.service_date);
  const closed = new Set<string>();
  const ownClose = new Map<string, number>();
  const rows = await tx.query(
    `SELECT service_date, min(seq) FILTER (WHERE device_id = $3) AS own_close FROM day_closes
     WHERE canteen_id = $1 AND service_date = ${anyOf(2, '::date')} GROUP BY service_date`,
    [device.canteenId, jsonParam([...countDates]), deviceId],
    z.object({ service_date: dbLocalDate, own_close: dbInt.nullable() }),
  );
  for (const r of rows) {
    closed.add(r.service_date);
    if (r.own_close !== null) ownClose.set(r.service_date, r.own_close);
  }

  // 4. Walk the new records in order, as the kiosk wrote them.
  const mealRows = new Map<number, MealRow>();
  const fundingRows: [string, number, string, number][] = [];
  const rollups = new RollupDeltas();
  const voidUpdates: { seq: number; voidSeq: number }[] = [];
  const amendments: [string, number, number, string, string, string][] = [];
  const anomalies: AnomalyDraft[] = [];
  const closes: CheckedClose[] = [];
  const forgetEaten = (seq: number): void => {
    for (const list of eaten.values()) {
      const i = list.findIndex((e) => e.seq === seq);
      if (i !== -1) list.splice(i, 1);
    }
  };

  for (const c of fresh) {
    const r = c.record;
    const closedBySelf = ownClose.get(r.serviceDate);
    if (closedBySelf !== undefined) anomalies.push(afterOwnClose(deviceId, r, closedBySelf));
    switch (c.kind) {
      case 'checkin': {
        const history = eaten.get(c.elderId) ?? [];
        const priced = repriceCheckin({ record: r, body: c.body, policies: policies ?? emptyPolicies, canteenRegion: device.regionCode, eaten: history.map((e) => e.meal) });
        const periodId = r.periodId ?? '';
        const row: MealRow = {
          seq: r.seq,
          kind: 'checkin',
          at: r.at,
          serviceDate: r.serviceDate,
          periodId,
          elderId: c.elderId,
          quantity: 1,
          age: c.body.facts.age,
          ageBand: ageBand(c.body.facts.age),
          statuses: c.body.facts.statuses,
          hukouRegion: c.body.facts.hukouRegion,
          residenceRegion: c.body.facts.residenceRegion ?? null,
          careHome: c.body.facts.careHome,
          tierId: priced.tierId,
          policyId: priced.policy?.id ?? null,
          policyVersion: priced.policy?.version ?? null,
          standard: c.body.standard,
          personal: c.body.personal,
          claimedSubsidy: c.body.subsidy,
          subsidy: priced.subsidy,
          operatorSubsidy: priced.operatorSubsidy,
          claimable: priced.subsidy > 0,
          backfilled: c.body.backfilled,
          funding: priced.funding,
          voidedSeq: null,
        };
        mealRows.set(r.seq, row);
        for (const f of priced.funding) fundingRows.push([deviceId, r.seq, f.source, f.amount]);
        rollups.add(row);
        history.push({ seq: r.seq, meal: { serviceDate: r.serviceDate, periodId, subsidised: c.body.subsidy > 0, at: r.at } });
        eaten.set(c.elderId, history);
        if (closed.has(r.serviceDate)) amendments.push([deviceId, r.seq, device.canteenId, r.serviceDate, 'meal', receivedAt]);
        if (priced.unknownPeriod) {
          anomalies.push({
            kind: 'unknownPeriod',
            // One per device, day and period, listing its meals (merged by key, as unknownPolicy).
            dedupeKey: `unknownPeriod|${deviceId}|${r.serviceDate}|${periodId}`,
            serviceDate: r.serviceDate,
            details: { periodId, policyId: priced.policy?.id ?? null, policyVersion: priced.policy?.version ?? null },
            records: [ref(deviceId, r.seq)],
          });
        }
        if (priced.anomaly !== null) {
          const a = priced.anomaly;
          anomalies.push({
            kind: a.kind,
            // One priceMismatch per meal; one unknownPolicy per device, day and named version (with its meals listed).
            dedupeKey:
              a.kind === 'priceMismatch' ? `priceMismatch|${deviceId}|${r.seq}` : `unknownPolicy|${deviceId}|${r.serviceDate}|${a.policyId ?? '-'}@${a.policyVersion ?? '-'}`,
            serviceDate: r.serviceDate,
            details: { ...toJson(a), seq: r.seq },
            records: [ref(deviceId, r.seq)],
          });
        }
        if (row.claimable) {
          const others = elsewhere.filter((o) => o.elder_id === c.elderId && o.service_date === r.serviceDate && o.period_id === periodId);
          if (others.length > 0) {
            anomalies.push({
              kind: 'duplicateElder',
              dedupeKey: `duplicateElder|${r.serviceDate}|${periodId}|${c.elderId}`,
              serviceDate: r.serviceDate,
              // The same figures, key and (no single) canteen as the month-wide detector (server/anomalies) writes.
              canteenId: null,
              details: { elderId: c.elderId, periodId, canteens: new Set([device.canteenId, ...others.map((o) => o.canteen_id)]).size, meals: others.length + 1 },
              records: [ref(deviceId, r.seq), ...others.map((o) => ref(o.device_id, o.seq))],
            });
          }
        }
        break;
      }
      case 'sale': {
        const row: MealRow = {
          seq: r.seq,
          kind: 'sale',
          at: r.at,
          serviceDate: r.serviceDate,
          periodId: r.periodId ?? '',
          elderId: null,
          quantity: c.body.quantity,
          age: null,
          ageBand: 'none',
          statuses: [],
          hukouRegion: null,
          residenceRegion: null,
          careHome: null,
          tierId: null,
          policyId: null,
          policyVersion: null,
          standard: c.body.standard,
          personal: c.body.personal,
          claimedSubsidy: 0,
          subsidy: 0,
          operatorSubsidy: 0,
          claimable: false,
          backfilled: c.body.backfilled,
          funding: [],
          voidedSeq: null,
        };
        mealRows.set(r.seq, row);
        rollups.add(row);
        if (closed.has(r.serviceDate)) amendments.push([deviceId, r.seq, device.canteenId, r.serviceDate, 'meal', receivedAt]);
        break;
      }
      case 'void': {
        const inBatch = mealRows.get(c.targetSeq);
        let date: string | null = null;
        if (inBatch !== undefined) {
          if (inBatch.voidedSeq === null) {
            rollups.subtract(inBatch);
            inBatch.voidedSeq = r.seq;
            date = inBatch.serviceDate;
          }
        } else {
          const stored = storedMeals.get(c.targetSeq);
          if (stored !== undefined && stored.voided_seq === null) {
            rollups.subtract(countedFromStored(stored));
            voidUpdates.push({ seq: stored.seq, voidSeq: r.seq });
            storedMeals.set(stored.seq, { ...stored, voided_seq: r.seq });
            date = stored.service_date;
          }
        }
        // A void of a void, or a second void of one meal, changes no count.
        if (date === null) break;
        forgetEaten(c.targetSeq);
        if (closed.has(date)) amendments.push([deviceId, r.seq, device.canteenId, date, 'void', receivedAt]);
        break;
      }
      case 'close':
        closes.push(c);
        closed.add(r.serviceDate);
        if (!ownClose.has(r.serviceDate)) ownClose.set(r.serviceDate, r.seq);
        break;
    }
  }

  // 5. Write: the evidence first (everything else points at it), then what is derived from it.
  await insertLedgerRecords(tx, fresh, input.contents, receivedAt);
  await insertJsonRows(
    tx,
    'meals',
    [
      ['device_id', 'text'], ['seq', 'bigint'], ['district_id', 'bigint'], ['canteen_id', 'bigint'], ['kind', 'text'], ['at', 'timestamptz'],
      ['service_date', 'date'], ['period_id', 'text'], ['elder_id', 'text'], ['quantity', 'integer'], ['age', 'integer'], ['age_band', 'text'],
      ['statuses', 'text[]'], ['hukou_region', 'text'], ['residence_region', 'text'], ['care_home', 'boolean'], ['tier_id', 'text'],
      ['policy_id', 'text'], ['policy_version', 'integer'], ['standard', 'bigint'], ['personal', 'bigint'], ['claimed_subsidy', 'bigint'],
      ['subsidy', 'bigint'], ['operator_subsidy', 'bigint'], ['claimable', 'boolean'], ['backfilled', 'boolean'], ['voided_seq', 'bigint'],
    ],
    [...mealRows.values()].map((m) => ({
      device_id: deviceId, seq: m.seq, district_id: device.districtId, canteen_id: device.canteenId, kind: m.kind, at: m.at,
      service_date: m.serviceDate, period_id: m.periodId, elder_id: m.elderId, quantity: m.quantity, age: m.age,
      age_band: m.kind === 'sale' ? null : m.ageBand, statuses: m.statuses, hukou_region: m.hukouRegion, residence_region: m.residenceRegion,
      care_home: m.careHome, tier_id: m.tierId, policy_id: m.policyId, policy_version: m.policyVersion, standard: m.standard, personal: m.personal,
      claimed_subsidy: m.claimedSubsidy, subsidy: m.subsidy, operator_subsidy: m.operatorSubsidy, claimable: m.claimable && m.voidedSeq === null,
      backfilled: m.backfilled, voided_seq: m.voidedSeq,
    })),
  );
  await insertJsonRows(
    tx,
    'meal_funding',
    [['device_id', 'text'], ['seq', 'bigint'], ['source', 'text'], ['amount', 'bigint']],
    fundingRows.map(([d, seq, source, amount]) => ({ device_id: d, seq, source, amount })),
  );
  if (voidUpdates.length > 0) {
    await tx.execute(
      `UPDATE meals SET voided_seq = v.void_seq, claimable = false
       FROM jsonb_to_recordset($2::jsonb) AS v(seq bigint, void_seq bigint)
       WHERE meals.device_id = $1 AND meals.seq = v.seq AND meals.voided_seq IS NULL`,
      [deviceId, jsonParam(voidUpdates.map((v) => ({ seq: v.seq, void_seq: v.voidSeq })))],
    );
  }
  await rollups.write(tx, { canteenId: device.canteenId, districtId: device.districtId });
  await insertRows(tx, 'count_amendments', ['device_id', 'seq', 'canteen_id', 'service_date', 'kind', 'received_at'], amendments);
  anomalies.push(...(await storeCloses(tx, { deviceId, canteenId: device.canteenId, heldSeq: held.seq, closes, batch: fresh, receivedAt })));

  // 6. The head moves, the kiosk's clock is noted; late records are flagged.
  const last = fresh[fresh.length - 1] ?? firstNew;
  const newHead: ChainHead = { seq: last.record.seq, hash: last.record.hash };
  await touchDevice(tx, deviceId, newHead, batch.sentAt, receivedAt);
  anomalies.push(...clockAnomalies(device, batch.sentAt, receivedAt));
  const lateBefore = addDays(receivedAt.slice(0, 10), -LATE_UPLOAD_DAYS);
  const late = fresh.filter((c) => c.record.serviceDate < lateBefore);
  if (late.length > 0) {
    const oldest = late.reduce((a, c) => (c.record.serviceDate < a ? c.record.serviceDate : a), lateBefore);
    anomalies.push({
      kind: 'lateUpload',
      dedupeKey: `lateUpload|${deviceId}|${firstNew.record.seq}-${last.record.seq}`,
      serviceDate: oldest,
      details: { receivedAt, oldestServiceDate: oldest, records: late.length, days: LATE_UPLOAD_DAYS },
      records: late.map((c) => ref(deviceId, c.record.seq)),
    });
  }
  return { ok: true, accepted: fresh.length, duplicates: known.length, head: newHead, anomalies };
}

/**
 * The evidence rows, from each record's canonical content — the JSON its hash was checked against,
 * already made — with its two hashes spliced in: one jsonb parameter built by joining strings, instead
 * of building an object per record and serialising every body a second time (JSON.stringify of the
 * batch's bodies was the largest single piece of the ingest's own Node time after canonicalJson).
 * The stored values are the same: jsonb keeps the value, not the spelling.
 */
async function insertLedgerRecords(tx: HubQueries, fresh: readonly CheckedRecord[], contents: readonly string[], receivedAt: string): Promise<void> {
  const firstSeq = fresh[0]?.record.seq;
  if (firstSeq === undefined) return;
  const first = contents.length - fresh.length; // fresh is the batch's tail: records past the held head
  const rows: string[] = [];
  for (const [i, { record: r }] of fresh.entries()) {
    const content = contents[first + i];
    if (content === undefined || r.seq !== firstSeq + i) throw new RangeError(`insertLedgerRecords: no canonical content for seq ${r.seq}`);
    // The content is a canonical JSON object ("{…}"); both hashes are 64 hex digits (checked by the shape).
    rows.push(`${content.slice(0, -1)},"prevHash":"${r.prevHash}","hash":"${r.hash}"}`);
  }
  await tx.execute(
    `INSERT INTO ledger_records (device_id, seq, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash, received_at)
     SELECT "deviceId", seq, kind, at, "serviceDate", "periodId", "elderId", "operatorId", "targetSeq", body, "prevHash", hash, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x("deviceId" text, seq bigint, kind text, at timestamptz, "serviceDate" date, "periodId" text,
       "elderId" text, "operatorId" text, "targetSeq" bigint, body jsonb, "prevHash" text, hash text)`,
    [`[${rows.join(',')}]`, receivedAt],
  );
}

const emptyPolicies: DistrictPolicies = { has: () => false, inForce: () => null, limitScope: 'day' };

/**
 * A record the device wrote for a day after its own close of that day: stored and counted as the
 * amendment it is, and flagged — one anomaly per device and day, listing every such record.
 */
function afterOwnClose(deviceId: string, r: LedgerRecord, closeSeq: number): AnomalyDraft {
  return {
    kind: 'afterOwnClose',
    dedupeKey: `afterOwnClose|${deviceId}|${r.serviceDate}`,
    serviceDate: r.serviceDate,
    details: { closeSeq },
    records: [ref(deviceId, r.seq)],
  };
}

function voidTargetRefusal(seq: number, target: number): StoreOutcome {
  return { ok: false, refusal: { kind: 'badRecord', message: message('hub.ingest.badRecord.voidTarget', { seq, target }), seq }, anomalies: [] };
}

function countedFromStored(m: z.infer<typeof storedMealRow>): CountedMeal {
  return {
    serviceDate: m.service_date,
    periodId: m.period_id,
    ageBand: m.age_band ?? 'none',
    claimable: m.claimable,
    quantity: m.quantity,
    standard: m.standard,
    personal: m.personal,
    claimedSubsidy: m.claimed_subsidy,
    subsidy: m.subsidy,
    operatorSubsidy: m.operator_subsidy,
    funding: m.funding,
  };
}

function toJson(value: object): JsonObject {
  return jsonObjectSchema.parse(JSON.parse(JSON.stringify(value)));
}

async function touchDevice(tx: HubQueries, deviceId: string, head: ChainHead, sentAt: string, receivedAt: string): Promise<void> {
  await tx.execute(
    `UPDATE devices SET head_seq = $2, head_hash = $3, last_upload_at = $4, last_sent_at = $5, last_clock_skew_ms = $6 WHERE device_id = $1`,
    [deviceId, head.seq, head.hash, receivedAt, sentAt, Date.parse(sentAt) - Date.parse(receivedAt)],
  );
}

/** Positive skew: the kiosk's clock is ahead of the hub's. Flagged once per device per day. */
export function clockAnomalies(device: IngestDevice, sentAt: string, receivedAt: string): AnomalyDraft[] {
  const skewMs = Date.parse(sentAt) - Date.parse(receivedAt);
  if (Math.abs(skewMs) <= CLOCK_SKEW_LIMIT_MS) return [];
  const day = receivedAt.slice(0, 10);
  return [{ kind: 'clockSkew', dedupeKey: `clockSkew|${device.deviceId}|${day}`, serviceDate: day, details: { sentAt, receivedAt, skewMs }, records: [] }];
}
