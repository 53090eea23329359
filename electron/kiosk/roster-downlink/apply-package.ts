/**
 * Applying a verified roster package to the kiosk's roster: every elder, status, card, suspension and
 * withdrawal of it in ONE write transaction, with the package's version stored in settings
 * ('downlink_roster_version') in the same transaction — so the roster is wholly before or wholly after
 * the package, never half, and the stored version always says which.
 *
 * District elders are stored under their district elder id, the id every canteen's kiosk uses, so a
 * check-in names the same elderId wherever the elder eats and the hub sees duplicates across canteens.
 * An elder this kiosk registered itself (a local 'E…' id) whose ID number the package carries — found
 * by the kiosk's own keyed hash of that number — is RE-KEYED to the district id: the row and its
 * statuses, cards and QR card version move to the new id. Ledger records already written keep the
 * old id (records are immutable); the link old → new is kept in elder_aliases (aliases.ts) so it can
 * be reported, and so limits and printed QR cards follow it (docs/hub-roster.md).
 *
 * The district's QR keys of the package (format 2) are installed or retired in the same transaction
 * (apply-qr-keys.ts).
 *
 * The resident ID number in the package is hashed with the kiosk's key and masked, and then dropped:
 * it is never written.
 */
import type { KeyObject } from 'node:crypto';
import { maskResidentId, parseResidentId } from '../../../shared/idcard.js';
import type { ResidentId } from '../../../shared/idcard.js';
import { message } from '../../../shared/i18n/index.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import type { PackageElder, PackageQrKey, RosterPackagePayload } from '../../../shared/roster/package.js';
import { normaliseCardUid } from '../../../shared/roster/card-uid.js';
import { hashResidentId, idHashKey } from '../roster/id-hash.js';
import { nameInitials } from '../roster/name-initials.js';
import { getSetting, kioskIdentity, setSetting } from '../settings.js';
import type { KioskStore, WriteTx } from '../store/open.js';
import { recordAlias } from './aliases.js';
import { applyQrKeys, checkQrKeys } from './apply-qr-keys.js';
import { verifyRosterPackage } from './verify-package.js';
import type { RosterDownRefusal } from './verify-package.js';

export const ROSTER_VERSION_SETTING = 'downlink_roster_version';
export const ROSTER_DISTRICT_SETTING = 'downlink_roster_district';

export interface RosterApplyOutcome {
  /** False when the kiosk already had this version (a package applied twice changes nothing). */
  readonly applied: boolean;
  /** The roster version the kiosk has now. */
  readonly version: number;
  /** True when the hub has more changes after `version`: ask again. */
  readonly more: boolean;
  readonly inserted: number;
  readonly updated: number;
  /** Local elders re-keyed to their district id. */
  readonly rekeyed: number;
  /** Elders withdrawn from this canteen's area and so set inactive here. */
  readonly withdrawn: number;
  /** District QR keys installed here (apply-qr-keys.ts). */
  readonly qrKeysInstalled: number;
  /** District QR keys retired here. */
  readonly qrKeysRetired: number;
}

export interface ApplyOptions {
  /** The district's public key (SPKI DER, base64), learnt at enrolment. */
  readonly districtPublicKey: string;
  /** ISO instant, stamped on the rows written. */
  readonly now: string;
}

/** The roster version this kiosk has applied (0: none yet). */
export function appliedRosterVersion(store: KioskStore): number {
  return readVersion(getSetting(store.read, ROSTER_VERSION_SETTING));
}

function readVersion(text: string | null): number {
  const n = text === null ? 0 : Number(text);
  // A damaged setting would make the kiosk skip or repeat changes; refuse to guess.
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`settings.${ROSTER_VERSION_SETTING} is not a version: ${String(text)}`);
  return n;
}

/** An elder of the package checked for this kiosk: what the rows will hold. */
interface Checked {
  readonly elder: PackageElder;
  readonly resident: ResidentId;
}

/** What can be wrong with an elder of a signed package (a bug at the hub, or a hub too new for this kiosk). */
type BadElderReason = 'idNumber' | 'name' | 'twice' | 'statusDates' | 'statusTwice' | 'card';

/**
 * Each elder must be one the kiosk can store exactly as the district means it; the first that is not
 * refuses the whole package (naming the elder by id, never by number).
 */
function checkElders(payload: RosterPackagePayload): Result<Checked[], RosterDownRefusal> {
  const checked: Checked[] = [];
  const seenIds = new Set<string>();
  const seenNumbers = new Set<string>();
  const seenCards = new Set<string>();
  for (const elder of payload.elders) {
    const bad = (what: BadElderReason): Result<never, RosterDownRefusal> =>
      err({ kind: 'badElder', message: message(`rosterDown.badElder.${what}`, { elderId: elder.elderId }) });
    const resident = parseResidentId(elder.idNumber);
    if (!resident.ok || resident.value.number !== elder.idNumber || resident.value.convertedFrom15) return bad('idNumber');
    if (elder.name.trim() === '' || elder.name !== elder.name.trim()) return bad('name');
    if (seenIds.has(elder.elderId) || seenNumbers.has(elder.idNumber)) return bad('twice');
    seenIds.add(elder.elderId);
    seenNumbers.add(elder.idNumber);
    for (const s of elder.statuses) if (s.validFrom !== null && s.validTo !== null && s.validTo < s.validFrom) return bad('statusDates');
    const codes = elder.statuses.map((s) => `${s.code}\u0000${s.validFrom ?? ''}`);
    if (new Set(codes).size !== codes.length) return bad('statusTwice');
    for (const card of elder.cards) {
      const uid = normaliseCardUid(card.uid);
      if (!uid.ok || uid.value !== card.uid || seenCards.has(card.uid)) return bad('card');
      seenCards.add(card.uid);
    }
    checked.push({ elder, resident: resident.value });
  }
  return ok(checked);
}

/**
 * Verifies the package (district signature, this device, a version that follows the kiosk's) and
 * applies it whole. A refusal changes nothing. A package the kiosk already has is answered with
 * applied: false and changes nothing either.
 */
export function applyRosterPackage(store: KioskStore, input: unknown, opts: ApplyOptions): Result<RosterApplyOutcome, RosterDownRefusal> {
  const { deviceId } = kioskIdentity(store.read);
  const verified = verifyRosterPackage(input, { districtPublicKey: opts.districtPublicKey, deviceId });
  if (!verified.ok) return verified;
  const payload = verified.value;
  const checked = checkElders(payload);
  if (!checked.ok) return checked;
  const keys = checkQrKeys(payload);
  if (!keys.ok) return keys;

  try {
    return store.write((tx) => applyInTransaction(tx, payload, checked.value, keys.value, opts.now));
  } catch (e) {
    // A conflict found mid-way: the transaction was rolled back, nothing of the package is kept.
    if (e instanceof ConflictAbort) return err(e.refusal);
    throw e;
  }
}

function applyInTransaction(
  tx: WriteTx,
  payload: RosterPackagePayload,
  checked: readonly Checked[],
  keys: readonly PackageQrKey[],
  now: string,
): Result<RosterApplyOutcome, RosterDownRefusal> {
  const current = readVersion(getSetting(tx, ROSTER_VERSION_SETTING));
  const district = getSetting(tx, ROSTER_DISTRICT_SETTING);
  // A kiosk belongs to one district; its versions mean nothing against another district's counter.
  if (district !== null && district !== String(payload.districtId)) {
    return err({ kind: 'wrongDistrict', message: message('rosterDown.wrongDistrict') });
  }
  if (payload.version <= current) {
    return ok({ applied: false, version: current, more: payload.more, inserted: 0, updated: 0, rekeyed: 0, withdrawn: 0, qrKeysInstalled: 0, qrKeysRetired: 0 });
  }
  // Changes between the kiosk's version and the package's first one would be lost.
  if (payload.fromVersion > current) {
    return err({ kind: 'gap', message: message('rosterDown.gap', { have: current, from: payload.fromVersion }) });
  }
  const counts = { inserted: 0, updated: 0, rekeyed: 0, withdrawn: 0 };
  const key = idHashKey(tx);
  for (const c of checked) {
    const outcome = writeElder(tx, key, c, now);
    if (!outcome.ok) throw new ConflictAbort(outcome.error);
    counts[outcome.value.inserted ? 'inserted' : 'updated'] += 1;
    if (outcome.value.rekeyed) counts.rekeyed += 1;
  }
  for (const id of payload.withdrawn) {
    counts.withdrawn += tx.stmt(`UPDATE elders SET active = 0, updated_at = ? WHERE id = ? AND active = 1`).run(now, id).changes;
  }
  // The district's QR keys in the same transaction: a retired key stops being believed exactly when
  // the roster that came with it takes effect.
  const qr = applyQrKeys(tx, keys, now);
  setSetting(tx, ROSTER_VERSION_SETTING, String(payload.version));
  setSetting(tx, ROSTER_DISTRICT_SETTING, String(payload.districtId));
  return ok({ applied: true, version: payload.version, more: payload.more, ...counts, qrKeysInstalled: qr.installed, qrKeysRetired: qr.retired });
}

/** Thrown inside the transaction to roll all of it back; applyRosterPackage turns it into a refusal. */
class ConflictAbort extends Error {
  readonly refusal: RosterDownRefusal;
  constructor(refusal: RosterDownRefusal) {
    super(refusal.message.key);
    this.refusal = refusal;
  }
}

interface Written {
  readonly inserted: boolean;
  readonly rekeyed: boolean;
}

function writeElder(tx: WriteTx, key: KeyObject, c: Checked, now: string): Result<Written, RosterDownRefusal> {
  const { elder, resident } = c;
  const idHash = hashResidentId(key, resident.number);
  const byHash = tx.stmt<{ id: string }>('SELECT id FROM elders WHERE id_hash = ?').get(idHash)?.id;
  const byId = tx.stmt<{ id: string }>('SELECT id FROM elders WHERE id = ?').get(elder.elderId)?.id;
  let rekeyed = false;
  if (byHash !== undefined && byHash !== elder.elderId) {
    // Two rows would both be this person: the district's id is taken by another number here.
    if (byId !== undefined) return err({ kind: 'conflict', message: message('rosterDown.conflict', { elderId: elder.elderId }) });
    rekey(tx, byHash, elder.elderId, now);
    rekeyed = true;
  }
  const fields = [
    elder.name,
    nameInitials(elder.name),
    resident.birthDate,
    resident.sex,
    maskResidentId(resident.number),
    idHash,
    elder.hukouRegion,
    elder.residenceRegion,
    elder.careHome ? 1 : 0,
    elder.livesAlone ? 1 : 0,
    elder.active ? 1 : 0,
  ];
  // Phone, diet alert, photo and "regular" are the canteen's own knowledge: the district does not send them, so they are kept.
  const updated = tx
    .stmt(
      `UPDATE elders SET name = ?, name_initials = ?, birth_date = ?, sex = ?, id_masked = ?, id_hash = ?, hukou_region = ?, residence_region = ?,
         care_home = ?, lives_alone = ?, active = ?, updated_at = ? WHERE id = ?`,
    )
    .run(...fields, now, elder.elderId).changes;
  if (updated === 0) {
    tx.stmt(
      `INSERT INTO elders (name, name_initials, birth_date, sex, id_masked, id_hash, hukou_region, residence_region, care_home, lives_alone, active,
         created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...fields, now, now, elder.elderId);
  }
  // The district decides eligibility: its statuses replace the kiosk's.
  tx.stmt('DELETE FROM elder_statuses WHERE elder_id = ?').run(elder.elderId);
  for (const s of elder.statuses) {
    tx.stmt('INSERT INTO elder_statuses (elder_id, code, valid_from, valid_to) VALUES (?, ?, ?, ?)').run(elder.elderId, s.code, s.validFrom, s.validTo);
  }
  // The district's cards: bound to this elder in the district's state (a card the kiosk had bound
  // to someone else moves — the district issued it). Cards bound only here are left as they are.
  for (const card of elder.cards) {
    tx.stmt(
      `INSERT INTO cards (uid, elder_id, state, bound_at, state_changed_at) VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (uid) DO UPDATE SET elder_id = excluded.elder_id, state = excluded.state,
         state_changed_at = CASE WHEN cards.elder_id IS NOT excluded.elder_id OR cards.state IS NOT excluded.state THEN ? ELSE cards.state_changed_at END`,
    ).run(card.uid, elder.elderId, card.state, now, now);
  }
  return ok({ inserted: updated === 0, rekeyed });
}

/**
 * Moves a local elder to the district id. Foreign keys are checked at COMMIT (defer_foreign_keys
 * lasts until the transaction ends), so the row and the rows pointing at it can move one by one.
 */
function rekey(tx: WriteTx, from: string, to: string, now: string): void {
  tx.stmt('PRAGMA defer_foreign_keys = ON').run();
  tx.stmt('UPDATE elders SET id = ? WHERE id = ?').run(to, from);
  tx.stmt('UPDATE elder_statuses SET elder_id = ? WHERE elder_id = ?').run(to, from);
  tx.stmt('UPDATE cards SET elder_id = ? WHERE elder_id = ?').run(to, from);
  tx.stmt('UPDATE qr_card_versions SET elder_id = ? WHERE elder_id = ?').run(to, from);
  recordAlias(tx, from, to, now);
}
