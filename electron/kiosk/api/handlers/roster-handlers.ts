/**
 * The roster screens' methods (manager): the list, one elder's page, register and edit, cards,
 * suspension, importing a file (a dry run first, written only when accepted) and the paper roster.
 * Access was checked by the back end before a handler runs; ctx.actorId is the manager.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../../../shared/dates.js';
import { message } from '../../../../shared/i18n/text.js';
import { parseResidentId } from '../../../../shared/idcard.js';
import type { ElderDetail, ElderEdit, ImportReportView } from '../../../../shared/kiosk-api/roster-views.js';
import { checkinBodySchema } from '../../../../shared/ledger/bodies.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import { policyInForce } from '../../../../shared/policy/select.js';
import { isoInstant } from '../../clock.js';
import type { Kiosk } from '../../kiosk.js';
import { localAt } from '../../kiosk-context.js';
import { canonicalCardUid } from '../../readers/card-uid-formats.js';
import { hashResidentId, readIdHashKey } from '../../roster/id-hash.js';
import { importRoster } from '../../roster/import-roster.js';
import type { ImportReport, StatusName } from '../../roster/import-roster.js';
import { listElders } from '../../roster/roster-list.js';
import {
  allElders,
  bindCard,
  elderIdByHash,
  getElder,
  replaceStatuses,
  reportCardLost,
  setActive,
  updateElder,
  upsertElder,
} from '../../roster/roster-store.js';
import type { ReadHandle, WriteTx } from '../../store/open.js';
import { fromRosterRefusal, unwrap } from '../failures.js';
import { ApiFailure } from '../handler-types.js';
import type { Handlers } from '../handler-types.js';
import { loadUiSettings } from '../ui-settings.js';
import { elderDetail, importReportView, paperRow, rosterRow } from '../views/roster-view.js';
import type { MealLine } from '../views/roster-view.js';
import { findPreview, forgetPreview, keepPreview } from './import-previews.js';

/** How far back an elder's page lists meals. */
export const MEAL_HISTORY_DAYS = 60;

function today(kiosk: Kiosk): string {
  return localAt(kiosk.context, kiosk.context.clock()).date;
}

function now(kiosk: Kiosk): string {
  return isoInstant(kiosk.context.clock());
}

/** The version in force on the date, for naming statuses; between versions (none in force) the latest. */
function policyOn(kiosk: Kiosk, date: string): Policy {
  return policyInForce(kiosk.context.policies.all(), date) ?? kiosk.context.policies.latest();
}

/** Every status any installed version knows, by code, the newest version's name winning. */
function statusVocabulary(kiosk: Kiosk): StatusName[] {
  const names = new Map<string, string>();
  const versions = [...kiosk.context.policies.all()].sort((a, b) => a.version - b.version);
  for (const p of versions) for (const s of p.statuses) names.set(s.code, s.name);
  return [...names].map(([code, name]) => ({ code, name }));
}

/**
 * The elder's check-ins of the last MEAL_HISTORY_DAYS days, newest first, voided ones flagged. By
 * (elder_id, service_date): the ledger_by_elder_date index; the voids by ledger_by_target.
 */
export const ELDER_MEALS_SQL = `SELECT l.seq, l.at, l.service_date, l.period_id, l.body,
    EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq) AS voided
  FROM ledger l WHERE l.elder_id = ? AND l.service_date >= ? AND l.kind = 'checkin'
  ORDER BY l.seq DESC`;

interface MealRow {
  seq: number;
  at: string;
  service_date: string;
  period_id: string | null;
  body: string;
  voided: number;
}

function mealsOf(read: ReadHandle, elderId: string, date: string): MealLine[] {
  return read
    .stmt<MealRow>(ELDER_MEALS_SQL)
    .all(elderId, addDays(date, -(MEAL_HISTORY_DAYS - 1)))
    .map((r) => {
      // The ledger's bodies are checked when written and by verification; a bad one here is a bug.
      const body = checkinBodySchema.parse(JSON.parse(r.body));
      return {
        seq: r.seq,
        at: r.at,
        serviceDate: r.service_date,
        periodId: r.period_id,
        personal: body.personal,
        subsidy: body.subsidy,
        voided: r.voided === 1,
        backfilled: body.backfilled,
      };
    });
}

function detail(kiosk: Kiosk, elderId: string): ElderDetail {
  const read = kiosk.context.store.read;
  const elder = getElder(read, elderId);
  if (elder === undefined) throw new ApiFailure('notFound', message('api.elderNotFound'));
  const date = today(kiosk);
  return elderDetail(elder, policyOn(kiosk, date), date, mealsOf(read, elderId, date));
}

/** A status code the policy does not know would never price anything: refused, not stored. */
function checkStatusCodes(kiosk: Kiosk, edit: ElderEdit): void {
  const known = new Set(statusVocabulary(kiosk).map((s) => s.code));
  const unknown = edit.statuses.find((s) => !known.has(s.code));
  if (unknown !== undefined) throw new ApiFailure('refused', message('kioskApi.roster.unknownStatus', { code: unknown.code }));
}

function editedFields(edit: ElderEdit) {
  return {
    name: edit.name,
    hukouRegion: edit.hukouRegion,
    residenceRegion: edit.residenceRegion,
    careHome: edit.careHome,
    phone: edit.phone === null || edit.phone === '' ? null : edit.phone,
    dietAlert: edit.dietAlert === null || edit.dietAlert === '' ? null : edit.dietAlert,
    regular: edit.regular,
    livesAlone: edit.livesAlone,
  };
}

/** Registers a new elder (their ID number read and checked) or edits one by id; statuses replaced. */
function save(kiosk: Kiosk, edit: ElderEdit): string {
  checkStatusCodes(kiosk, edit);
  const at = now(kiosk);
  const statuses = edit.statuses.map((s) => ({ code: s.code, validFrom: s.validFrom, validTo: s.validTo }));
  return kiosk.context.store.write((tx: WriteTx) => {
    let elderId: string;
    if (edit.elderId !== undefined) {
      // Editing never changes the ID number (the kiosk does not even have it): a residentId sent
      // along is not looked at.
      elderId = edit.elderId;
      unwrap(updateElder(tx, elderId, editedFields(edit), at), fromRosterRefusal);
    } else {
      const parsed = parseResidentId(edit.residentId ?? '');
      if (!parsed.ok) throw new ApiFailure('refused', parsed.error.message);
      // A new registration of someone already on the roster would silently overwrite them.
      const key = readIdHashKey(tx);
      const existing = key === undefined ? undefined : elderIdByHash(tx, hashResidentId(key, parsed.value.number));
      if (existing !== undefined) {
        const name = getElder(tx, existing)?.name ?? '';
        throw new ApiFailure('refused', message('kioskApi.roster.alreadyRegistered', { name }));
      }
      elderId = upsertElder(tx, { resident: parsed.value, ...editedFields(edit) }, at).id;
    }
    // Thrown inside the transaction: a bad status undoes the elder's edit too.
    unwrap(replaceStatuses(tx, elderId, statuses), fromRosterRefusal);
    return elderId;
  });
}

/**
 * A UID as the card reader typed it, in the roster's form: first as the wedge reader is set to print
 * it (8H10D readers print 10 decimal digits); failing that, as bindCard itself reads a UID (hex), so
 * a UID copied from a card's sleeve or the roster export is accepted too.
 */
function typedUid(kiosk: Kiosk, text: string): string {
  const format = loadUiSettings(kiosk.context.store.read).wedge.uidFormat;
  const canonical = canonicalCardUid(text, format);
  return canonical.ok ? canonical.value : text;
}

async function withTempFile<T>(bytes: Uint8Array, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'zhucan-import-'));
  const file = join(dir, 'roster');
  try {
    // Owner-only: the file holds names and ID numbers, for the seconds it exists.
    await writeFile(file, bytes, { mode: 0o600 });
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runImport(kiosk: Kiosk, bytes: Uint8Array, accept: boolean): Promise<ImportReport> {
  return withTempFile(bytes, (file) => importRoster(kiosk.context.store, file, { accept, statuses: statusVocabulary(kiosk), now: now(kiosk) }));
}

async function acceptPreview(kiosk: Kiosk, previewId: string): Promise<ImportReportView> {
  const preview = findPreview(kiosk, previewId);
  if (preview === undefined) throw new ApiFailure('notFound', message('kioskApi.roster.previewGone'));
  const report = await runImport(kiosk, preview.bytes, true);
  // Nothing was written (disk full, locked …): the preview stays, so the manager can try again.
  if (report.failure !== undefined) throw new ApiFailure('failed', report.failure);
  forgetPreview(kiosk, previewId);
  return importReportView(previewId, preview.fileName, report);
}

export const rosterHandlers = {
  'roster.list': (input, ctx) => {
    const date = today(ctx.kiosk);
    const page = listElders(ctx.kiosk.context.store.read, {
      query: input.query,
      status: input.filter.status,
      active: input.filter.active,
      regular: input.filter.regular,
      today: date,
      offset: input.offset,
      limit: input.limit,
    });
    const policy = policyOn(ctx.kiosk, date);
    return { total: page.total, rows: page.elders.map((e) => rosterRow(e, policy, date)) };
  },
  'roster.get': (input, ctx) => detail(ctx.kiosk, input.elderId),
  'roster.save': (input, ctx) => detail(ctx.kiosk, save(ctx.kiosk, input)),
  'roster.bindCard': (input, ctx) => {
    const uid = typedUid(ctx.kiosk, input.uid);
    unwrap(bindCard(ctx.kiosk.context.store, input.elderId, uid, now(ctx.kiosk)), fromRosterRefusal);
    return detail(ctx.kiosk, input.elderId);
  },
  'roster.reportLost': (input, ctx) => {
    const store = ctx.kiosk.context.store;
    const uid = typedUid(ctx.kiosk, input.uid);
    // Only a card of this elder: the screen shows the elder's cards and the manager picks one.
    const elder = getElder(store.read, input.elderId);
    if (elder === undefined) throw new ApiFailure('notFound', message('api.elderNotFound'));
    const card = elder.cards.find((c) => c.uid === uid);
    if (card === undefined) throw new ApiFailure('notFound', message('roster.card.notThisElders', { uid }));
    unwrap(reportCardLost(store, uid, now(ctx.kiosk)), fromRosterRefusal);
    return detail(ctx.kiosk, input.elderId);
  },
  'roster.setActive': (input, ctx) => {
    unwrap(setActive(ctx.kiosk.context.store, input.elderId, input.active, now(ctx.kiosk)), fromRosterRefusal);
    return detail(ctx.kiosk, input.elderId);
  },
  'roster.importPreview': async (input, ctx) => {
    const bytes = Buffer.from(input.base64, 'base64');
    const report = await runImport(ctx.kiosk, bytes, false);
    // A file that could not be read at all has nothing to accept: no preview kept.
    const previewId = report.good > 0 ? keepPreview(ctx.kiosk, input.fileName, bytes) : '';
    return importReportView(previewId, input.fileName, report);
  },
  'roster.importAccept': (input, ctx) => acceptPreview(ctx.kiosk, input.previewId),
  'roster.paper': (_input, ctx) => {
    const date = today(ctx.kiosk);
    const collator = new Intl.Collator('zh-CN');
    return [...allElders(ctx.kiosk.context.store.read)]
      .filter((e) => e.active)
      .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
      .map((e) => paperRow(e, date));
  },
} satisfies Handlers<
  | 'roster.list'
  | 'roster.get'
  | 'roster.save'
  | 'roster.bindCard'
  | 'roster.reportLost'
  | 'roster.setActive'
  | 'roster.importPreview'
  | 'roster.importAccept'
  | 'roster.paper'
>;
