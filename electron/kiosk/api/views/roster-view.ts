/**
 * Roster rows as the manager's screens see them: status codes named from the policy, ages on the
 * canteen's date, cards with their states. Pure: the handlers read the store, these only map. No
 * resident ID number reaches a view (the roster never had one: only its mask).
 */
import type { Message } from '../../../../shared/i18n/text.js';
import { ageOn } from '../../../../shared/dates.js';
import type { ImportReportView, RosterRow, ElderDetail } from '../../../../shared/kiosk-api/roster-views.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import { ageBand } from '../../../../shared/pricing/age-band.js';
import { statusValidOn } from '../../../../shared/pricing/context.js';
import type { ImportReport } from '../../roster/import-roster.js';
import type { Elder } from '../../roster/elder-rows.js';

/** A status code's name in the policy; a code the policy no longer has is shown as it is. */
export function statusNameIn(policy: Policy, code: string): string {
  return policy.statuses.find((s) => s.code === code)?.name ?? code;
}

export function rosterRow(e: Elder, policy: Policy, today: string): RosterRow {
  const age = ageOn(e.birthDate, today);
  const held = [...new Set(e.statuses.filter((s) => statusValidOn(s, today)).map((s) => s.code))];
  return {
    id: e.id,
    name: e.name,
    idMasked: e.idMasked,
    age,
    ageBand: ageBand(age),
    dietAlert: e.dietAlert,
    hasPhoto: e.hasPhoto,
    active: e.active,
    statuses: held.map((code) => statusNameIn(policy, code)),
    regular: e.regular,
    livesAlone: e.livesAlone,
    activeCards: e.cards.filter((c) => c.state === 'active').length,
  };
}

/** One meal of the elder's history, as read from the ledger. */
export interface MealLine {
  readonly seq: number;
  readonly at: string;
  readonly serviceDate: string;
  readonly periodId: string | null;
  readonly personal: number;
  readonly subsidy: number;
  readonly voided: boolean;
  readonly backfilled: boolean;
}

export function elderDetail(e: Elder, policy: Policy, today: string, meals: readonly MealLine[]): ElderDetail {
  return {
    ...rosterRow(e, policy, today),
    birthDate: e.birthDate,
    sex: e.sex,
    hukouRegion: e.hukouRegion,
    residenceRegion: e.residenceRegion,
    careHome: e.careHome,
    phone: e.phone,
    // Every status row, lapsed and future ones too: the manager edits the whole list.
    statusRows: e.statuses.map((s) => ({ code: s.code, name: statusNameIn(policy, s.code), validFrom: s.validFrom, validTo: s.validTo })),
    cards: e.cards.map((c) => ({ uid: c.uid, state: c.state })),
    meals: meals.map((m) => ({ ...m })),
  };
}

function lineMessage(p: { readonly line: number; readonly reason: Message }): { line: number; message: Message } {
  return { line: p.line, message: { key: p.reason.key, ...(p.reason.params === undefined ? {} : { params: { ...p.reason.params } }) } };
}

/** An import report (dry run or written) under the id of its preview. */
export function importReportView(previewId: string, fileName: string, r: ImportReport): ImportReportView {
  return {
    previewId,
    fileName,
    rows: r.total,
    good: r.good,
    created: r.created,
    updated: r.updated,
    // The reasons name the column where it matters ("身份证号 …").
    problems: r.bad.map(lineMessage),
    warnings: r.warnings.map(lineMessage),
  };
}

/** A line of the paper roster for a power cut: enough to find the person and write a meal down. */
export function paperRow(e: Elder, today: string): { name: string; idMasked: string; ageBand: string; cards: number } {
  return { name: e.name, idMasked: e.idMasked, ageBand: ageBand(ageOn(e.birthDate, today)), cards: e.cards.filter((c) => c.state === 'active').length };
}
