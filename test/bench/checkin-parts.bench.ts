/**
 * Where a check-in's time goes. The steps of checkin.ts's checkInTx and of ledger-store's
 * appendRecord, replayed one by one with the same exported functions inside one store.write and
 * timed each; "BEGIN + COMMIT" is the rest of the store.write call (the fsync of the WAL, and a WAL
 * checkpoint when one falls due). Real kiosk.checkIn calls alternate with the replay on the same
 * kiosk, so the sum of the parts can be held against the real thing.
 *
 * One piece is a copy, because checkin.ts does not export it: the record body (checkinBody, then
 * checkinBodySchema.parse as checkInTx does). Keep it in step with checkin.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { elderView, RECENT_CHECKIN_SQL } from '../../electron/kiosk/checkin/checkin.js';
import { identify } from '../../electron/kiosk/checkin/identify.js';
import { EATEN_SQL, mealsEaten } from '../../electron/kiosk/checkin/meals-eaten.js';
import { isoInstant } from '../../electron/kiosk/clock.js';
import { localAt } from '../../electron/kiosk/kiosk-context.js';
import { dayCloseSeq, LEDGER_SQL } from '../../electron/kiosk/ledger/ledger-store.js';
import { requireOperator } from '../../electron/kiosk/operators-check.js';
import { rawDatabase } from '../../electron/kiosk/store/open.js';
import { checkinBodySchema } from '../../shared/ledger/bodies.js';
import type { CheckinBody } from '../../shared/ledger/bodies.js';
import { canonicalJson } from '../../shared/ledger/canonical.js';
import { GENESIS, sealRecord } from '../../shared/ledger/chain.js';
import { ledgerDraftSchema } from '../../shared/ledger/envelope.js';
import type { LedgerDraft } from '../../shared/ledger/envelope.js';
import { parseWith } from '../../shared/parse.js';
import { periodAt } from '../../shared/policy/select.js';
import { price } from '../../shared/pricing/price.js';
import { Counter } from './lib/checkins.js';
import { BENCH_START, CASHIER, freshKioskDb } from './lib/kiosk-db.js';
import { heading, line, ms, nowMs, QUICK, summarise, summaryLine } from './lib/stats.js';

const KIOSK = { elders: 1000, records: 1000, seed: 7 } as const;
const BATCH = QUICK ? 50 : 200;
const ROUNDS = QUICK ? 4 : 10;

export const PARTS = [
  'operator check',
  'identify (card → elder, zod rows)',
  'clock, policy, period, elder view',
  'duplicate-swipe query (recentCheckin)',
  'meals-eaten query',
  'price',
  'record body + its zod parse',
  'append: draft zod parse',
  'append: day-closed query',
  'append: head query',
  'append: seal (canonical JSON + SHA-256)',
  'append: canonicalJson(body) + INSERT + trigger',
  'BEGIN + COMMIT (WAL fsync, checkpoints)',
] as const;
export type Part = (typeof PARTS)[number];

/** One check-in replayed step by step; adds each step's time to `into`. Returns the total. */
export function replay(c: Counter, uid: string, into: Map<Part, number[]>): number {
  const ctx = c.kiosk.context;
  const inner = new Map<Part, number>();
  const step = <T>(part: Part, fn: () => T): T => {
    const t0 = nowMs();
    const v = fn();
    inner.set(part, (inner.get(part) ?? 0) + nowMs() - t0);
    return v;
  };
  const atMs = c.clock.next();
  const t0 = nowMs();
  ctx.store.write((tx) => {
    step('operator check', () => requireOperator(tx, CASHIER, 'cashier'));
    const found = step('identify (card → elder, zod rows)', () => identify(tx, { kind: 'card', uid }));
    if (!found.ok) throw new Error(`replay: card ${uid} not identified`);
    const { elder, method, cardUid } = found.value;
    const { local, policy, period } = step('clock, policy, period, elder view', () => {
      const l = localAt(ctx, atMs);
      const p = ctx.policies.inForce(l.date);
      elderView(elder, l.date);
      return { local: l, policy: p, period: periodAt(p, l.minutes) };
    });
    if (period === null) throw new Error('replay: outside the meal periods');
    step('duplicate-swipe query (recentCheckin)', () => tx.stmt<{ seq: number }>(RECENT_CHECKIN_SQL).get(elder.id, local.date));
    const eaten = step('meals-eaten query', () => mealsEaten(tx, elder.id, local.date));
    const result = step('price', () =>
      price({ policy, elder, canteenRegion: ctx.identity.canteenRegion, serviceDate: local.date, periodId: period.id, eaten }),
    );
    const body = step('record body + its zod parse', (): CheckinBody => {
      const facts = result.facts;
      if (facts === null || !result.subsidised) throw new Error('replay: not subsidised');
      return checkinBodySchema.parse({
        method,
        cardUid,
        policyId: result.policy?.id ?? null,
        policyVersion: result.policy?.version ?? null,
        tierId: result.tier?.id ?? null,
        standard: result.standard,
        subsidy: result.subsidy,
        personal: result.personal,
        funding: result.funding.map((f) => ({ source: f.source, amount: f.amount })),
        operatorSubsidy: result.operatorSubsidy,
        payment: result.personal === 0 ? 'free' : 'cash',
        facts: { age: facts.age, ageBand: facts.ageBand, statuses: [...facts.statuses], hukouRegion: elder.hukouRegion, careHome: elder.careHome },
        refusal: null,
        backfilled: false,
      });
    });
    const draft: LedgerDraft = {
      deviceId: ctx.identity.deviceId,
      kind: 'checkin',
      at: isoInstant(atMs),
      serviceDate: local.date,
      periodId: period.id,
      elderId: elder.id,
      operatorId: CASHIER,
      targetSeq: null,
      body,
    };
    const parsed = step('append: draft zod parse', () => parseWith(ledgerDraftSchema, draft, 'ledger.what.draft'));
    if (!parsed.ok) throw new Error('replay: draft refused');
    const d = parsed.value;
    step('append: day-closed query', () => dayCloseSeq(tx, d.serviceDate));
    const last = step('append: head query', () => tx.stmt<{ seq: number; hash: string }>(LEDGER_SQL.head).get());
    const record = step('append: seal (canonical JSON + SHA-256)', () => sealRecord({ seq: (last?.seq ?? 0) + 1, ...d }, last?.hash ?? GENESIS.hash));
    step('append: canonicalJson(body) + INSERT + trigger', () =>
      tx
        .stmt(LEDGER_SQL.insert)
        .run(
          record.seq,
          record.deviceId,
          record.kind,
          record.at,
          record.serviceDate,
          record.periodId,
          record.elderId,
          record.operatorId,
          record.targetSeq,
          canonicalJson(record.body),
          record.prevHash,
          record.hash,
        ),
    );
  });
  const total = nowMs() - t0;
  let insideSum = 0;
  for (const [part, t] of inner) {
    insideSum += t;
    into.get(part)?.push(t);
  }
  into.get('BEGIN + COMMIT (WAL fsync, checkpoints)')?.push(total - insideSum);
  return total;
}

export async function run(): Promise<void> {
  heading('checkin-parts', 'where a check-in spends its time: checkInTx replayed step by step, alternating with real check-ins');
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-parts-'));
  let counter: Counter | undefined;
  try {
    const db = freshKioskDb(join(dir, 'kiosk.db'), KIOSK);
    // Two check-ins a slot (one real, one replayed) of distinct elders: twice the batch a period.
    // The real check-ins present the first half of the (shuffled) cards, the replay the other half.
    let cards: string[] = [];
    const c = new Counter(db.file, BENCH_START, BATCH * 2, 41, (all) => {
      cards = all.slice(all.length / 2);
      return all.slice(0, all.length / 2);
    });
    counter = c;
    const parts = new Map<Part, number[]>(PARTS.map((p) => [p, []]));
    const real: number[] = [];
    const replayed: number[] = [];
    let nextCard = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const measured = round > 0;
      const sink = measured ? parts : new Map<Part, number[]>();
      for (let i = 0; i < BATCH; i++) {
        const t = c.checkInOnce();
        if (measured && t !== null) real.push(t);
        const uid = cards[nextCard % cards.length] ?? '';
        nextCard += 1;
        const r = replay(c, uid, sink);
        if (measured) replayed.push(r);
      }
      await setImmediate();
    }

    const db2 = rawDatabase(c.kiosk.context.store);
    for (const [name, sql] of [
      ['plan of the duplicate-swipe query', RECENT_CHECKIN_SQL],
      ['plan of the meals-eaten query', EATEN_SQL],
    ] as const) {
      const plan = db2.prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<string>((sql.match(/\?/g) ?? []).length).fill('x'));
      line(name, plan.map((p) => p.detail).join(' / '));
    }
    summaryLine('real kiosk.checkIn', summarise(real));
    summaryLine('replayed check-in, whole', summarise(replayed));
    console.log('  part                                          median      mean    share of the sum of means');
    const means = PARTS.map((p) => {
      const xs = parts.get(p) ?? [];
      return { p, med: summarise(xs).median, mean: xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length) };
    });
    const sum = means.reduce((a, m) => a + m.mean, 0);
    for (const m of means) console.log(`  ${m.p.padEnd(46)}${ms(m.med).padStart(10)}${ms(m.mean).padStart(10)}   ${((100 * m.mean) / sum).toFixed(1).padStart(5)} %`);
    line('sum of the means', ms(sum));
    line('of which outside BEGIN/COMMIT (CPU)', ms(sum - (means.at(-1)?.mean ?? 0)));
  } finally {
    counter?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
