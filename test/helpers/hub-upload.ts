/**
 * Real kiosks for the hub's tests: a district (with its signing keys) and its admin, canteens, a
 * published policy, kiosks enrolled through the real one-time code (redeemEnrolmentCode) with their
 * own Ed25519 keys, and ledgers built the way the kiosk builds them — check-ins priced by the shared
 * price(), sales, voids and day closes, each sealed into the hash chain — then cut into signed batches.
 *
 *   const hub = await makeHubDistrict(db, { policies: [loadPolicy('guangzhou-2026-v2')] });
 *   const canteen = await hub.canteen('东山长者饭堂', '440104001');
 *   const kiosk = await hub.kiosk(canteen);                    // enrolled, key registered
 *   const elder = testElder('e-1', '1940-03-01', { statuses: ['dibao'], region: '440104001' });
 *   kiosk.checkin(elder, { at: '2026-11-24T04:00:00.000Z' });  // lunch on 2026-11-24 (Asia/Shanghai)
 *   kiosk.close('2026-11-24');
 *   await ingestBatch(db, { body: kiosk.batch(), receivedAt });  // everything not yet batched
 *
 * Nothing here touches the hub except the setup (district, account, canteen, code, enrolment,
 * policy): the records themselves only reach it through whatever the test sends.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createAccount } from '../../server/accounts/index.js';
import type { Account } from '../../server/accounts/index.js';
import type { HubDb } from '../../server/db/index.js';
import { createDistrict } from '../../server/districts/districts.js';
import { createCanteen, createEnrolmentCode, redeemEnrolmentCode } from '../../server/enrolment/index.js';
import type { Canteen } from '../../server/enrolment/index.js';
import { publishPolicy } from '../../server/policies/index.js';
import { toLocal } from '../../shared/dates.js';
import { uploadStatementText } from '../../shared/hub-api/upload.js';
import type { UploadBatch } from '../../shared/hub-api/upload.js';
import type { CheckinBody, CloseBody, SaleBody } from '../../shared/ledger/bodies.js';
import { GENESIS_HASH, sealRecord } from '../../shared/ledger/chain.js';
import { dayTotals } from '../../shared/ledger/day-totals.js';
import { jsonObjectSchema } from '../../shared/ledger/envelope.js';
import type { JsonObject, LedgerContent, LedgerKind, LedgerRecord } from '../../shared/ledger/envelope.js';
import type { PaymentMethod } from '../../shared/payment.js';
import type { Policy } from '../../shared/policy/schema.js';
import { periodAt, policyInForce } from '../../shared/policy/select.js';
import { price } from '../../shared/pricing/price.js';
import type { EatenMeal, PriceResult, PricingElder } from '../../shared/pricing/types.js';

/** The instant setup rows are made at (enrolment, policy publication). */
export const SETUP_AT = '2026-01-01T00:00:00.000Z';
const PASSWORD = 'correct horse battery staple';

/** An elder as a kiosk's roster knows them: an id and the facts pricing uses. */
export interface TestElder extends PricingElder {
  readonly id: string;
}

/** An elder born on `birthDate`, active, not in care; `region` is both 户籍 and 常住 when given. */
export function testElder(
  id: string,
  birthDate: string,
  over: { readonly statuses?: readonly string[]; readonly region?: string | null; readonly hukouRegion?: string | null; readonly residenceRegion?: string | null; readonly careHome?: boolean } = {},
): TestElder {
  return {
    id,
    birthDate,
    statuses: (over.statuses ?? []).map((code) => ({ code, validFrom: null, validTo: null })),
    hukouRegion: over.hukouRegion ?? over.region ?? null,
    residenceRegion: over.residenceRegion ?? over.region ?? null,
    careHome: over.careHome ?? false,
    active: true,
  };
}

export interface HubDistrict {
  readonly db: HubDb;
  readonly districtId: number;
  readonly admin: Account;
  readonly policies: readonly Policy[];
  /** A canteen of this district (created by its admin). */
  canteen(name: string, regionCode: string): Promise<Canteen>;
  /** A kiosk enrolled at `canteen` through a real one-time code, with a fresh Ed25519 key pair. */
  kiosk(canteen: Canteen, deviceId?: string): Promise<TestKiosk>;
}

let districtCounter = 0;

/**
 * A district with its admin account and `policies` published. `regionCode` must be unique per
 * database (one district per county code); by default a new one is made for each call.
 */
export async function makeHubDistrict(
  db: HubDb,
  options: { readonly name?: string; readonly regionCode?: string; readonly policies?: readonly Policy[] } = {},
): Promise<HubDistrict> {
  districtCounter += 1;
  const regionCode = options.regionCode ?? String(440100 + districtCounter).padStart(6, '0');
  const district = await createDistrict(db, { actor: 'console', name: options.name ?? `测试区 ${districtCounter}`, regionCode, now: SETUP_AT });
  if (!district.ok) throw new Error(`district: ${JSON.stringify(district.error)}`);
  const districtId = district.value.id;
  const admin = await createAccount(db, { actor: 'console', districtId, login: `admin-${districtId}-${districtCounter}`, password: PASSWORD, role: 'admin', now: SETUP_AT });
  if (!admin.ok) throw new Error(`admin: ${JSON.stringify(admin.error)}`);
  const policies = options.policies ?? [];
  // Published by the console: a district moving to Zhucan loads the versions it already had, which
  // an account may not (a version in the past, or not the next number) — see publishPolicy.
  for (const policy of policies) {
    const published = await publishPolicy(db, { actor: 'console', districtId, policy, now: SETUP_AT });
    if (!published.ok) throw new Error(`policy: ${JSON.stringify(published.error)}`);
  }
  let kiosks = 0;
  return {
    db,
    districtId,
    admin: admin.value,
    policies,
    async canteen(name, canteenRegion) {
      const made = await createCanteen(db, { actor: admin.value, districtId, name, regionCode: canteenRegion, address: '测试地址', operatorName: '测试运营方', now: SETUP_AT });
      if (!made.ok) throw new Error(`canteen: ${JSON.stringify(made.error)}`);
      return made.value;
    },
    async kiosk(canteen, deviceId) {
      kiosks += 1;
      const code = await createEnrolmentCode(db, { actor: admin.value, canteenId: canteen.id, now: SETUP_AT });
      if (!code.ok) throw new Error(`code: ${JSON.stringify(code.error)}`);
      const keys = generateKeyPairSync('ed25519');
      const id = deviceId ?? `kiosk-d${districtId}-c${canteen.id}-${kiosks}`;
      const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      const device = await redeemEnrolmentCode(db, { code: code.value.code, devicePublicKey: publicKey, deviceId: id, now: SETUP_AT });
      if (!device.ok) throw new Error(`enrol: ${JSON.stringify(device.error)}`);
      return new TestKiosk(id, canteen, policies, keys.privateKey);
    },
  };
}

export interface CheckinOptions {
  /** UTC instant; the service date and meal period follow from it in the policy's time zone. */
  readonly at: string;
  /** The price of what was sold; the period's standard price when absent. */
  readonly amount?: number;
  readonly method?: CheckinBody['method'];
  readonly operatorId?: string;
  readonly backfilled?: boolean;
  /** Fields written over the priced body — to make a kiosk that claims something else (a lie, an old version). */
  readonly bodyOverride?: Partial<CheckinBody>;
  /** Envelope fields written over the computed ones (e.g. a period the policy does not have). */
  readonly envelope?: Partial<Pick<LedgerContent, 'serviceDate' | 'periodId' | 'operatorId'>>;
}

/**
 * A kiosk's ledger, built as the kiosk builds it: each record numbered, chained and sealed. It prices
 * check-ins with the shared price() over its own records (what the elder already ate here), exactly
 * what the hub re-prices against. `batch()` cuts the records not yet sent into a signed batch.
 */
export class TestKiosk {
  readonly deviceId: string;
  readonly canteen: Canteen;
  readonly policies: readonly Policy[];
  readonly #privateKey: KeyObject;
  readonly #records: LedgerRecord[] = [];
  /** The seq after the last record handed out by batch(). */
  #sentUpTo = 0;

  constructor(deviceId: string, canteen: Canteen, policies: readonly Policy[], privateKey: KeyObject) {
    this.deviceId = deviceId;
    this.canteen = canteen;
    this.policies = policies;
    this.#privateKey = privateKey;
  }

  /** Every record so far, in seq order. */
  get records(): readonly LedgerRecord[] {
    return this.#records;
  }

  /** The chain's head: the last record's seq and hash (0 and the genesis hash before any). */
  get head(): { seq: number; hash: string } {
    const last = this.#records[this.#records.length - 1];
    return last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.seq, hash: last.hash };
  }

  /** The record of `seq` (throws when there is none). */
  record(seq: number): LedgerRecord {
    const r = this.#records[seq - 1];
    if (r === undefined) throw new RangeError(`no record ${seq}`);
    return r;
  }

  /** Appends any record: the chain's seq, device and link are filled in, the hash computed. */
  append(content: Omit<LedgerContent, 'seq' | 'deviceId'>): LedgerRecord {
    const { seq, hash } = this.head;
    const record = sealRecord({ ...content, seq: seq + 1, deviceId: this.deviceId }, hash);
    this.#records.push(record);
    return record;
  }

  /** The policy version in force on a date (over every policy the district published). */
  policyOn(serviceDate: string): Policy | null {
    return policyInForce(this.policies, serviceDate);
  }

  /** Where an instant falls: its local service date and period under the policy in force. */
  placeOf(at: string): { serviceDate: string; periodId: string | null; policy: Policy | null } {
    const zone = this.policies[0]?.timeZone ?? 'Asia/Shanghai';
    const local = toLocal(Date.parse(at), zone);
    const policy = this.policyOn(local.date);
    return { serviceDate: local.date, periodId: policy === null ? null : (periodAt(policy, local.minutes)?.id ?? null), policy };
  }

  /** What `elderId` already ate at this kiosk: non-voided check-ins, as the kiosk's pricing reads them. */
  eaten(elderId: string): EatenMeal[] {
    const voided = new Set(this.#records.filter((r) => r.kind === 'void').map((r) => r.targetSeq));
    return this.#records
      .filter((r) => r.kind === 'checkin' && r.elderId === elderId && !voided.has(r.seq))
      .map((r) => ({ serviceDate: r.serviceDate, periodId: r.periodId ?? '', subsidised: subsidyOf(r.body) > 0, at: r.at }));
  }

  /** An elder checks in at `at`: priced by the shared price() as the kiosk would, and recorded. */
  checkin(elder: TestElder, options: CheckinOptions): LedgerRecord {
    const place = this.placeOf(options.at);
    const serviceDate = options.envelope?.serviceDate ?? place.serviceDate;
    const periodId = options.envelope?.periodId !== undefined ? options.envelope.periodId : place.periodId;
    const priced: PriceResult = price({
      policy: place.policy,
      elder,
      canteenRegion: this.canteen.regionCode,
      serviceDate,
      periodId,
      ...(options.amount === undefined ? {} : { amount: options.amount }),
      eaten: this.eaten(elder.id),
    });
    const facts = priced.facts;
    const payment: PaymentMethod = priced.personal === 0 ? 'free' : 'cash';
    const body: CheckinBody = {
      method: options.method ?? 'card',
      cardUid: options.method === undefined || options.method === 'card' ? `CARD-${elder.id}` : null,
      policyId: priced.policy?.id ?? null,
      policyVersion: priced.policy?.version ?? null,
      tierId: priced.tier?.id ?? null,
      standard: priced.standard,
      subsidy: priced.subsidy,
      personal: priced.personal,
      funding: priced.funding.map((f) => ({ source: f.source, amount: f.amount })),
      operatorSubsidy: priced.operatorSubsidy,
      payment,
      facts: {
        age: facts?.age ?? 0,
        ageBand: facts?.ageBand ?? 'under60',
        statuses: [...(facts?.statuses ?? [])],
        hukouRegion: elder.hukouRegion,
        residenceRegion: elder.residenceRegion,
        careHome: elder.careHome,
      },
      refusal: priced.refusal?.code ?? null,
      backfilled: options.backfilled ?? false,
      ...options.bodyOverride,
    };
    return this.append({
      kind: 'checkin',
      at: options.at,
      serviceDate,
      periodId,
      elderId: elder.id,
      operatorId: options.envelope?.operatorId ?? options.operatorId ?? 'cashier-1',
      targetSeq: null,
      body: toJsonObject(body),
    });
  }

  /** A full-price sale to anyone (no elder): `standard` is the sale's total, paid in full. */
  sale(options: { readonly at: string; readonly standard: number; readonly quantity?: number; readonly operatorId?: string; readonly payment?: PaymentMethod }): LedgerRecord {
    const place = this.placeOf(options.at);
    const body: SaleBody = { standard: options.standard, personal: options.standard, payment: options.payment ?? 'cash', quantity: options.quantity ?? 1, backfilled: false };
    return this.append({
      kind: 'sale',
      at: options.at,
      serviceDate: place.serviceDate,
      periodId: place.periodId,
      elderId: null,
      operatorId: options.operatorId ?? 'cashier-1',
      targetSeq: null,
      body: toJsonObject(body),
    });
  }

  /** Voids record `targetSeq` (the void carries its target's service date and period). */
  void(targetSeq: number, options: { readonly at: string; readonly reason?: string; readonly operatorId?: string }): LedgerRecord {
    const target = this.record(targetSeq);
    return this.append({
      kind: 'void',
      at: options.at,
      serviceDate: target.serviceDate,
      periodId: target.periodId,
      elderId: target.elderId,
      operatorId: options.operatorId ?? 'cashier-1',
      targetSeq,
      body: { reason: options.reason ?? '误操作' },
    });
  }

  /** The day close of `serviceDate`: dayTotals over this kiosk's records, as the kiosk computes it. */
  close(serviceDate: string, options: { readonly at?: string; readonly operatorId?: string; readonly totalsOverride?: Partial<CloseBody['totals']> } = {}): LedgerRecord {
    const totals = dayTotals(serviceDate, this.#records);
    const body: CloseBody = { totals: { ...totals, ...options.totalsOverride }, head: this.head };
    return this.append({
      kind: 'close',
      at: options.at ?? `${serviceDate}T12:00:00.000Z`,
      serviceDate,
      periodId: null,
      elderId: null,
      operatorId: options.operatorId ?? 'manager-1',
      targetSeq: null,
      body: toJsonObject(body),
    });
  }

  /**
   * A signed batch of records [fromSeq, toSeq] (default: everything not yet handed out by batch()),
   * signed with this kiosk's key over uploadStatementText. `records` replaces the run (to send a
   * hand-made, edited or reordered one — still signed, so only the hub's chain checks can catch it).
   */
  batch(options: { readonly fromSeq?: number; readonly toSeq?: number; readonly sentAt?: string; readonly records?: readonly LedgerRecord[] } = {}): UploadBatch {
    const from = options.fromSeq ?? this.#sentUpTo + 1;
    const to = options.toSeq ?? this.#records.length;
    const records = options.records ?? this.#records.slice(from - 1, to);
    if (options.records === undefined) this.#sentUpTo = Math.max(this.#sentUpTo, to);
    const last = records[records.length - 1];
    const sentAt = options.sentAt ?? last?.at ?? SETUP_AT;
    return this.sign({ deviceId: this.deviceId, sentAt, records: [...records], signature: '' });
  }

  /** Every record cut into signed batches of at most `size`. */
  batches(size: number, sentAt?: string): UploadBatch[] {
    const out: UploadBatch[] = [];
    for (let from = 1; from <= this.#records.length; from += size) {
      out.push(this.batch({ fromSeq: from, toSeq: Math.min(from + size - 1, this.#records.length), ...(sentAt === undefined ? {} : { sentAt }) }));
    }
    return out;
  }

  /** (Re)signs a batch with this kiosk's key, over the batch as given. */
  sign(batch: UploadBatch): UploadBatch {
    const signature = sign(null, Buffer.from(uploadStatementText(batch), 'utf8'), this.#privateKey).toString('base64');
    return { ...batch, signature };
  }
}

function subsidyOf(body: JsonObject): number {
  const s = body['subsidy'];
  return typeof s === 'number' ? s : 0;
}

/** A typed body as the ledger's JSON object (drops undefined fields, as the canonical form does). */
export function toJsonObject(value: object): JsonObject {
  return jsonObjectSchema.parse(JSON.parse(JSON.stringify(value)));
}

/** The kind of each record, for short assertions. */
export function kinds(records: readonly LedgerRecord[]): LedgerKind[] {
  return records.map((r) => r.kind);
}
