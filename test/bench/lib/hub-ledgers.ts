/**
 * Kiosk ledgers for the hub benchmarks: what a busy district's kiosks really send — check-ins priced
 * by the shared price() under the published Guangzhou policy (v2), a few sales, a void a day and a
 * day close per kiosk-day — sealed into each kiosk's hash chain. Built ONCE per run, before any
 * database exists, and then signed for each database's enrolment (a kiosk's key is made when it
 * enrols; the records do not depend on it).
 *
 * The records come from the test kiosk (test/helpers/hub-upload.ts), the same one the ingest suite
 * uses, with one change: it looks up "what this elder already ate here" in a map instead of scanning
 * the whole ledger for each check-in, which is quadratic and would take hours over a million records.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Canteen } from '../../../server/enrolment/index.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import type { Policy } from '../../../shared/policy/schema.js';
import type { EatenMeal } from '../../../shared/pricing/types.js';
import { SETUP_AT, TestKiosk, testElder } from '../../helpers/hub-upload.js';
import type { CheckinOptions, TestElder } from '../../helpers/hub-upload.js';
import { loadPolicy } from '../../helpers/policies.js';

export const BENCH_POLICY: Policy = loadPolicy('guangzhou-2026-v2');
/** The district (county) every benchmark canteen is in, and its towns. */
export const DISTRICT_REGION = '440104';
export const townOf = (kioskIndex: number): string => `${DISTRICT_REGION}${String(1 + (kioskIndex % 20)).padStart(3, '0')}`;
/** The first service day of every kiosk's ledger (the v2 policy is in force from 2026-07-01). */
export const FIRST_DAY = '2026-11-02';
/** Elders who eat at one kiosk: about 100 lunches and 90 dinners a day, as a busy canteen serves. */
const ELDERS_PER_KIOSK = 100;

/** Who kiosk `k` is: what enrolment needs, without its ledger. */
export interface KioskIdentity {
  readonly deviceId: string;
  readonly kioskIndex: number;
  readonly regionCode: string;
}

export interface KioskLedger extends KioskIdentity {
  readonly records: readonly LedgerRecord[];
}

export function kioskIdentity(k: number): KioskIdentity {
  return { deviceId: `bench-kiosk-${String(k).padStart(4, '0')}`, kioskIndex: k, regionCode: townOf(k) };
}

/** The test kiosk with an indexed "already eaten" (the base class scans every record per check-in). */
class IndexedKiosk extends TestKiosk {
  readonly #eaten = new Map<string, EatenMeal[]>();
  readonly #checkinOf = new Map<number, string>();

  override eaten(elderId: string): EatenMeal[] {
    return [...(this.#eaten.get(elderId) ?? [])];
  }

  override checkin(elder: TestElder, options: CheckinOptions): LedgerRecord {
    const r = super.checkin(elder, options);
    const subsidy = r.body['subsidy'];
    const list = this.#eaten.get(elder.id) ?? [];
    list.push({ serviceDate: r.serviceDate, periodId: r.periodId ?? '', subsidised: typeof subsidy === 'number' && subsidy > 0, at: r.at });
    this.#eaten.set(elder.id, list);
    this.#checkinOf.set(r.seq, elder.id);
    return r;
  }

  override void(targetSeq: number, options: { readonly at: string; readonly reason?: string; readonly operatorId?: string }): LedgerRecord {
    const r = super.void(targetSeq, options);
    const elderId = this.#checkinOf.get(targetSeq);
    const target = this.record(targetSeq);
    if (elderId !== undefined) {
      this.#eaten.set(elderId, (this.#eaten.get(elderId) ?? []).filter((m) => m.at !== target.at));
    }
    return r;
  }
}

/** A deterministic pseudo-random source (mulberry32), so every run sends the same ledgers. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const minutesAfter = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/** The elders of kiosk `k`: ids of their own (no elder eats at two kiosks), ages 60–95, one in ten on 低保. */
function eldersOf(k: number, random: () => number): TestElder[] {
  const out: TestElder[] = [];
  for (let i = 0; i < ELDERS_PER_KIOSK; i++) {
    const year = 1931 + Math.floor(random() * 35);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    out.push(testElder(`k${k}-e${i}`, `${year}-${month}-15`, { statuses: i % 10 === 0 ? ['dibao'] : [], region: townOf(k) }));
  }
  return out;
}

/**
 * Kiosk `k`'s first `count` records: day after day from FIRST_DAY, lunch (02:30–06:00 UTC is
 * 10:30–14:00 in Guangzhou) then dinner, the elders in a shuffled order, a few full-price sales, one
 * check-in voided a day, and the day's close. The last day may be cut short (still open), as a kiosk's
 * ledger is at any moment.
 */
export function kioskLedger(k: number, count: number): KioskLedger {
  const random = rng(1000 + k);
  const { regionCode, deviceId } = kioskIdentity(k);
  const canteen: Canteen = { id: k + 1, districtId: 1, name: `长者饭堂 ${k}`, regionCode, address: '测试地址', operatorName: '测试运营方', createdAt: SETUP_AT };
  // The generator's key signs nothing: batches are signed with the key each database enrols.
  const kiosk = new IndexedKiosk(deviceId, canteen, [BENCH_POLICY], generateKeyPairSync('ed25519').privateKey);
  const elders = eldersOf(k, random);
  const full = (): boolean => kiosk.records.length >= count;
  for (let day = FIRST_DAY; !full(); day = nextDay(day)) {
    for (const [periodStart, share] of [[`${day}T02:30:00.000Z`, 1], [`${day}T08:30:00.000Z`, 0.9]] as const) {
      const eating = elders.filter(() => random() < share);
      for (let i = 0; i < eating.length && !full(); i++) {
        const elder = eating[i];
        if (elder === undefined) continue;
        kiosk.checkin(elder, { at: minutesAfter(periodStart, (i * 150) / eating.length) });
        if (i % 30 === 29 && !full()) kiosk.sale({ at: minutesAfter(periodStart, (i * 150) / eating.length + 0.5), standard: 1500 });
      }
      if (!full()) {
        // The cashier's one mistake of the period: the last check-in, voided a minute later.
        const last = kiosk.records[kiosk.records.length - 1];
        if (last !== undefined && last.kind === 'checkin' && random() < 0.5) kiosk.void(last.seq, { at: minutesAfter(last.at, 1) });
      }
    }
    if (!full()) kiosk.close(day, { at: `${day}T12:00:00.000Z` });
  }
  return { deviceId, kioskIndex: k, regionCode, records: kiosk.records.slice(0, count) };
}

/** `kiosks` ledgers of `perKiosk` records each. */
export function kioskLedgers(kiosks: number, perKiosk: number): KioskLedger[] {
  const out: KioskLedger[] = [];
  for (let k = 0; k < kiosks; k++) out.push(kioskLedger(k, perKiosk));
  return out;
}
