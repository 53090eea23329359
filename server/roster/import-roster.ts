/**
 * Importing the district's master roster from a file (CSV or XLSX, the kiosk's column words):
 * a dry run first — every row with what would happen to it (new / changed / unchanged / refused,
 * each refusal with its reasons in both languages) and nothing written — then, when the admin
 * accepts, the good rows are written in one transaction. The rule mirrors the kiosk's import
 * (DESIGN §3, "nothing imported unless the manager accepts the good rows"): refused rows are never
 * written; accepting writes the others.
 *
 * Rows are checked by the shared row parser (shared/roster/import-parse.ts: the same reasons, in the
 * same words, as at the kiosk), then against the district's roster: a card already bound to another
 * elder is refused. The resident ID number is the key: a row whose number is already on the roster
 * updates that elder, who keeps their district elder id.
 */
import { z } from 'zod';
import { maskResidentId } from '../../shared/idcard.js';
import { message } from '../../shared/i18n/index.js';
import type { Message } from '../../shared/i18n/index.js';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { MAX_ROSTER_FILE_BYTES } from '../../shared/hub-api/roster-views.js';
import type { ImportRowView, RosterImportReport } from '../../shared/hub-api/roster-views.js';
import { RosterReader, WHOLE_FILE } from '../../shared/roster/import-parse.js';
import type { RosterRow, StatusName } from '../../shared/roster/import-parse.js';
import type { SheetFormat } from '../../shared/roster/sheet-row.js';
import { jsonParam } from '../db/index.js';
import type { HubDb, HubQueries } from '../db/index.js';
import { instant, requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { newDistrictElderId } from './district-elder-id.js';
import { nameInitials } from './name-initials.js';
import { openSheet } from '../../node-lib/roster/read-sheet.js';
import { ELDER_COLUMNS, anyOf, cardsOf, elderRow, statusesOf } from './roster-rows.js';
import type { CardOfElder, ElderRow, StatusOfElder } from './roster-rows.js';
import { currentVersion, lockVersion, saveVersion } from './roster-versions.js';
import { districtStatuses } from './status-vocabulary.js';

export interface RosterImportInput {
  readonly districtId: number;
  /** The file as uploaded. */
  readonly bytes: Uint8Array;
  /** What the uploader says it is; left out, the first bytes decide. */
  readonly format?: SheetFormat;
  /** False: only report. True: write the good rows. */
  readonly accept: boolean;
  /** ISO instant, stamped on the rows written. */
  readonly now: string;
  /** The status vocabulary; left out, that of the district's published policies. */
  readonly statuses?: readonly StatusName[];
}

export type ImportRefusal = HubRefusal<'forbidden' | 'tooLarge' | 'badFile'>;

/** Longest name kept (roster_elders.name; the package schema says the same). */
const NAME_MAX = 100;

/** Rows per statement when writing: a jsonb parameter of a few hundred KB, a few dozen statements for 100,000 rows. */
const CHUNK = 2000;

interface Existing {
  readonly row: ElderRow;
  readonly statuses: readonly StatusOfElder[];
  readonly cards: readonly CardOfElder[];
}

/** A refused line: its reasons, and the row when it parsed (refused against the roster, not the file). */
interface Refused {
  readonly reasons: readonly Message[];
  readonly row: RosterRow | undefined;
}

/** A good row and what it does to the roster. */
interface Planned {
  readonly row: RosterRow;
  readonly elderId: string;
  readonly outcome: 'new' | 'changed' | 'unchanged';
  readonly before: Existing | undefined;
}

export async function importRoster(db: HubDb, actor: Actor, input: RosterImportInput): Promise<Result<RosterImportReport, ImportRefusal>> {
  const allowed = requireAdminOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  instant(input.now);
  if (input.bytes.length > MAX_ROSTER_FILE_BYTES) return refuse('tooLarge', 'hub.roster.tooLarge', { mb: MAX_ROSTER_FILE_BYTES / 1024 / 1024 });

  const opened = await openSheet(input.bytes);
  if (!opened.ok) return badFile(opened.error);
  const sheet = opened.value;
  if (input.format !== undefined && input.format !== sheet.format) return refuse('badFile', 'hub.roster.formatMismatch', { said: input.format, found: sheet.format });

  const statuses = input.statuses ?? (await districtStatuses(db, input.districtId));
  const reader = new RosterReader({ statuses });
  const good: RosterRow[] = [];
  const read = sheet.eachRow((row) => {
    const parsed = reader.push(row);
    if (parsed !== undefined) good.push(parsed);
  });
  if (!read.ok) return badFile(read.error);
  const summary = reader.finish(sheet.format);
  if (!summary.ok) return badFile(summary.error.reason);

  const warnings = [...summary.value.warnings];
  // The district roster keeps what identifies and prices an elder; phone, diet alert and "regular"
  // are the canteen's own knowledge, kept at its kiosk, so they are read but not stored here.
  const ignored = (['phone', 'dietAlert', 'regular'] as const).filter((f) => summary.value.columns.has(f));
  if (ignored.length > 0) warnings.push({ line: WHOLE_FILE, reason: message('hub.roster.columnsIgnored', { columns: ignored.join(', ') }) });

  const refusedByLine = new Map<number, Refused>();
  for (const problem of summary.value.bad) {
    const seen = refusedByLine.get(problem.line);
    refusedByLine.set(problem.line, { reasons: [...(seen?.reasons ?? []), problem.reason], row: undefined });
  }

  return ok(
    await db.transaction(async (tx) => {
      // Accepting takes the district's version lock first, so what is read below cannot change
      // before it is written (another import, a suspension).
      const startVersion = input.accept ? await lockVersion(tx, input.districtId) : await currentVersion(tx, input.districtId);
      const existing = await loadExisting(tx, input.districtId, good.map((r) => r.resident.number));
      const owners = await cardOwners(tx, input.districtId, good.flatMap((r) => r.cards));

      const planned: Planned[] = [];
      for (const row of good) {
        // The kiosk takes any name; the district roster, whose names go down to every kiosk, bounds them.
        if (!isPlainText(row.name, NAME_MAX)) {
          refusedByLine.set(row.line, { reasons: [message('hub.roster.nameShape', { max: NAME_MAX })], row });
          continue;
        }
        const before = existing.get(row.resident.number);
        const taken = row.cards.filter((uid) => {
          const owner = owners.get(uid);
          return owner !== undefined && owner !== before?.row.elder_id;
        });
        if (taken.length > 0) {
          refusedByLine.set(row.line, { reasons: taken.map((uid) => message('hub.roster.cardTaken', { uid })), row });
          continue;
        }
        if (before === undefined) planned.push({ row, elderId: newDistrictElderId(), outcome: 'new', before });
        else planned.push({ row, elderId: before.row.elder_id, outcome: differs(row, before) ? 'changed' : 'unchanged', before });
      }

      let version = startVersion;
      let written = 0;
      if (input.accept) {
        const toWrite = planned.filter((p) => p.outcome !== 'unchanged');
        version = await writeRows(tx, input.districtId, toWrite, startVersion, input.now);
        await saveVersion(tx, input.districtId, version);
        written = toWrite.length;
      }
      return report(sheet.format, summary.value.total, planned, refusedByLine, warnings, input.accept, written, version);
    }),
  );
}

function badFile(reason: Message): Result<never, ImportRefusal> {
  return err({ kind: 'badFile', message: reason });
}

async function loadExisting(tx: HubQueries, districtId: number, numbers: readonly string[]): Promise<Map<string, Existing>> {
  const byNumber = new Map<string, Existing>();
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const rows = await tx.query(
      `SELECT ${ELDER_COLUMNS} FROM roster_elders e WHERE e.district_id = $2 AND e.id_number = ${anyOf('$1')}`,
      [jsonParam(numbers.slice(i, i + CHUNK)), districtId],
      elderRow,
    );
    const ids = rows.map((r) => r.elder_id);
    const [statuses, cards] = [await statusesOf(tx, ids), await cardsOf(tx, ids)];
    for (const row of rows) byNumber.set(row.id_number, { row, statuses: statuses.get(row.elder_id) ?? [], cards: cards.get(row.elder_id) ?? [] });
  }
  return byNumber;
}

async function cardOwners(tx: HubQueries, districtId: number, uids: readonly string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (let i = 0; i < uids.length; i += CHUNK) {
    const rows = await tx.query(
      `SELECT uid, elder_id FROM roster_cards WHERE district_id = $2 AND uid = ${anyOf('$1')}`,
      [jsonParam(uids.slice(i, i + CHUNK)), districtId],
      z.object({ uid: z.string(), elder_id: z.string() }),
    );
    for (const r of rows) owners.set(r.uid, r.elder_id);
  }
  return owners;
}

function statusKey(s: StatusOfElder): string {
  return `${s.code}\u0000${s.validFrom ?? ''}\u0000${s.validTo ?? ''}`;
}

function sameStatuses(a: readonly StatusOfElder[], b: readonly StatusOfElder[]): boolean {
  const ka = a.map(statusKey).sort();
  const kb = b.map(statusKey).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/**
 * Would the row change the elder? Only the columns the file has count (a file without 户籍地 keeps
 * every elder's 户籍地). Cards are added, never removed by an import: a card already bound to this
 * elder, in whatever state (a lost card stays lost), is no change.
 */
function differs(row: RosterRow, before: Existing): boolean {
  const b = before.row;
  if (row.name !== b.name) return true;
  if (row.hukouRegion !== undefined && row.hukouRegion !== b.hukou_region) return true;
  if (row.residenceRegion !== undefined && row.residenceRegion !== b.residence_region) return true;
  if (row.careHome !== undefined && row.careHome !== b.care_home) return true;
  if (row.livesAlone !== undefined && row.livesAlone !== b.lives_alone) return true;
  if (row.statuses !== undefined && !sameStatuses(row.statuses, before.statuses)) return true;
  return row.cards.some((uid) => !before.cards.some((c) => c.uid === uid));
}

const RECORDSET = `jsonb_to_recordset($1::jsonb) AS x(elder_id text, name text, name_initials text, id_number text, birth_date date, sex text,
  hukou_region text, residence_region text, care_home boolean, lives_alone boolean, version bigint)`;

/** Writes the new and changed rows; each elder written takes the next version. Returns the last version used. */
async function writeRows(tx: HubQueries, districtId: number, rows: readonly Planned[], startVersion: number, now: string): Promise<number> {
  let version = startVersion;
  const elders = rows.map((p) => {
    version += 1;
    const b = p.before?.row;
    return {
      elder_id: p.elderId,
      name: p.row.name,
      name_initials: nameInitials(p.row.name),
      id_number: p.row.resident.number,
      birth_date: p.row.resident.birthDate,
      sex: p.row.resident.sex,
      hukou_region: p.row.hukouRegion !== undefined ? p.row.hukouRegion : (b?.hukou_region ?? null),
      residence_region: p.row.residenceRegion !== undefined ? p.row.residenceRegion : (b?.residence_region ?? null),
      care_home: p.row.careHome ?? b?.care_home ?? false,
      lives_alone: p.row.livesAlone ?? b?.lives_alone ?? false,
      version,
      isNew: p.outcome === 'new',
    };
  });
  for (let i = 0; i < elders.length; i += CHUNK) {
    const chunk = elders.slice(i, i + CHUNK);
    const fresh = chunk.filter((e) => e.isNew);
    const changed = chunk.filter((e) => !e.isNew);
    if (fresh.length > 0) {
      await tx.execute(
        `INSERT INTO roster_elders (elder_id, district_id, name, name_initials, id_number, birth_date, sex, hukou_region, residence_region,
           care_home, lives_alone, version, created_at, updated_at)
         SELECT x.elder_id, $2, x.name, x.name_initials, x.id_number, x.birth_date, x.sex, x.hukou_region, x.residence_region,
           x.care_home, x.lives_alone, x.version, $3, $3
         FROM ${RECORDSET}`,
        [jsonParam(fresh), districtId, now],
      );
    }
    if (changed.length > 0) {
      await tx.execute(
        `UPDATE roster_elders e SET name = x.name, name_initials = x.name_initials, hukou_region = x.hukou_region,
           residence_region = x.residence_region, care_home = x.care_home, lives_alone = x.lives_alone, version = x.version, updated_at = $3
         FROM ${RECORDSET} WHERE e.elder_id = x.elder_id AND e.district_id = $2`,
        [jsonParam(changed), districtId, now],
      );
    }
  }

  // Statuses: the file's list replaces the elder's, when the file has the column.
  const withStatuses = rows.filter((p) => p.row.statuses !== undefined);
  for (let i = 0; i < withStatuses.length; i += CHUNK) {
    const chunk = withStatuses.slice(i, i + CHUNK);
    await tx.execute(`DELETE FROM roster_elder_statuses WHERE elder_id = ${anyOf('$1')}`, [
      jsonParam(chunk.map((p) => p.elderId)),
    ]);
    const statusRows = chunk.flatMap((p) => (p.row.statuses ?? []).map((s) => ({ elder_id: p.elderId, code: s.code, valid_from: s.validFrom, valid_to: s.validTo })));
    if (statusRows.length > 0) {
      await tx.execute(
        `INSERT INTO roster_elder_statuses (elder_id, code, valid_from, valid_to)
         SELECT x.elder_id, x.code, x.valid_from, x.valid_to FROM jsonb_to_recordset($1::jsonb) AS x(elder_id text, code text, valid_from date, valid_to date)`,
        [jsonParam(statusRows)],
      );
    }
  }

  // Cards: each one new to the elder is bound, active (conflicts with other elders were refused above).
  const cards = rows.flatMap((p) => p.row.cards.filter((uid) => !(p.before?.cards ?? []).some((c) => c.uid === uid)).map((uid) => ({ uid, elder_id: p.elderId })));
  for (let i = 0; i < cards.length; i += CHUNK) {
    await tx.execute(
      `INSERT INTO roster_cards (district_id, uid, elder_id, state, bound_at)
       SELECT $2, x.uid, x.elder_id, 'active', $3 FROM jsonb_to_recordset($1::jsonb) AS x(uid text, elder_id text)`,
      [jsonParam(cards.slice(i, i + CHUNK)), districtId, now],
    );
  }
  return version;
}

function report(
  format: SheetFormat,
  total: number,
  planned: readonly Planned[],
  refusedByLine: ReadonlyMap<number, Refused>,
  warnings: RosterImportReport['warnings'],
  accepted: boolean,
  written: number,
  version: number,
): RosterImportReport {
  const rows: ImportRowView[] = planned.map((p) => ({
    line: p.row.line,
    outcome: p.outcome,
    // A new row's id exists only once it is written: a dry run shows none.
    elderId: p.outcome === 'new' && !accepted ? null : p.elderId,
    name: p.row.name,
    idMasked: maskResidentId(p.row.resident.number),
    reasons: [],
  }));
  for (const [line, refused] of refusedByLine) {
    // Line 0 (the file as a whole) has no row of its own; it cannot occur with a readable file.
    if (line < 1) continue;
    const { row } = refused;
    const name = row?.name ?? null;
    const idMasked = row === undefined ? null : maskResidentId(row.resident.number);
    rows.push({ line, outcome: 'refused', elderId: null, name, idMasked, reasons: [...refused.reasons] });
  }
  rows.sort((a, b) => a.line - b.line);
  const count = (o: ImportRowView['outcome']): number => rows.filter((r) => r.outcome === o).length;
  return {
    format,
    total,
    new: count('new'),
    changed: count('changed'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    accepted,
    written,
    version,
    rows,
    warnings: [...warnings],
  };
}

