/**
 * The district's master roster on both engines: import with a row report (new / changed / unchanged /
 * refused with reasons; a dry run writes nothing, refused rows are never written), CSV and XLSX,
 * SQL-ish names kept verbatim, search by name / initials / last 4 with paging, suspension with a
 * reason, eligible counts per canteen area, and the rights: a viewer reads but cannot import or
 * suspend, another district is forbidden.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Account } from '../../../server/accounts/index.js';
import { dbCount } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createCanteen } from '../../../server/enrolment/index.js';
import { eligibleElders, getRosterElder, importRoster, rosterVersion, searchRoster, setElderStatus } from '../../../server/roster/index.js';
import type { StatusName } from '../../../shared/roster/import-parse.js';
import type { RosterImportReport } from '../../../shared/hub-api/roster-views.js';
import { makeIdNumber, withWrongCheck } from '../../helpers/kiosk-fixture.js';
import { must, useHubEngines } from './hub-engines.js';
import { seedHubActors } from '../../helpers/hub-actors.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';
const T1 = '2026-11-25T08:00:00.000Z';
const PASSWORD = 'correct horse battery';
const STATUSES: readonly StatusName[] = [
  { code: 'tekun', name: '特困' },
  { code: 'dibao', name: '低保' },
];
const HEADER = '姓名,身份证号,卡号,类别,类别起始,类别截止,户籍地,常住地,养老机构,独居';
const SQLISH = `Robert'); DROP TABLE roster_elders;--`;

const ID = {
  wang: makeIdNumber('440106', '1950-03-15', 'F', 1),
  li: makeIdNumber('440106', '1940-05-20', 'M', 2),
  chen: makeIdNumber('440106', '1961-01-10', 'F', 3),
  he: makeIdNumber('440106', '1955-12-01', 'M', 4),
  odd: makeIdNumber('440106', '1948-02-02', 'F', 5),
};

function csv(...rows: string[]): Uint8Array {
  return new TextEncoder().encode([HEADER, ...rows].join('\r\n'));
}

const BASE_ROWS = [
  `王秀英,${ID.wang},A1B2C3D4,,,,440106001,440106001,否,是`,
  `李国强,${ID.li},B2C3D4E5,低保,2025-01-01,,440106001,440106001,否,否`,
  `陈桂兰,${ID.chen},,特困,,,440106002,440106002,否,否`,
];

async function count(db: HubDb, table: string): Promise<number> {
  const [row] = await db.query(`SELECT count(*) AS n FROM ${table}`, [], z.object({ n: dbCount }));
  return row?.n ?? -1;
}

async function rosterCounts(db: HubDb): Promise<number[]> {
  return [await count(db, 'roster_elders'), await count(db, 'roster_elder_statuses'), await count(db, 'roster_cards')];
}

function outcomes(report: RosterImportReport): string[] {
  return report.rows.map((r) => `${r.line}:${r.outcome}`);
}

describe.each(engines)('the district roster on $name', (engine) => {
  let db: HubDb;
  let districtA: number;
  let districtB: number;
  let adminA: Account;
  let viewerA: Account;
  let adminB: Account;
  let townCanteen: number;
  let countyCanteen: number;

  beforeAll(async () => {
    db = await engine.open();
    ({ districtA, districtB, adminA, viewerA, adminB } = await seedHubActors(db, {
      password: PASSWORD,
      now: T0,
      districtA: { name: '天河区', regionCode: '440106' },
      loginPrefix: 'roster.',
    }));
    const canteen = { actor: adminA, districtId: districtA, address: '', operatorName: '', now: T0 };
    townCanteen = must(await createCanteen(db, { ...canteen, name: '石牌长者饭堂', regionCode: '440106001' })).id;
    countyCanteen = must(await createCanteen(db, { ...canteen, name: '天河区中心饭堂', regionCode: '440106' })).id;
  }, 90_000);

  it('a dry run reports every row and writes nothing; accepting writes the good rows and refused rows never', async () => {
    const file = csv(
      ...BASE_ROWS,
      `坏号码,${withWrongCheck(ID.he)},,,,,,,,`, // wrong check character
      `,${ID.odd},,,,,,,,`, // no name
      `重复,${ID.wang},,,,,,,,`, // the same number as line 2
      `未知类别,${makeIdNumber('440106', '1949-09-09', 'M', 9)},,五保,,,,,,`,
      `${'长'.repeat(101)},${makeIdNumber('440106', '1949-09-10', 'M', 10)},,,,,,,,`,
    );
    const dry = must(await importRoster(db, adminA, { districtId: districtA, bytes: file, accept: false, now: T0, statuses: STATUSES }));
    expect(dry).toMatchObject({ format: 'csv', total: 8, new: 3, changed: 0, unchanged: 0, refused: 5, accepted: false, written: 0, version: 0 });
    expect(outcomes(dry)).toEqual(['2:new', '3:new', '4:new', '5:refused', '6:refused', '7:refused', '8:refused', '9:refused']);
    // A dry run gives new rows no id yet; refused rows say why, in keys the UI renders in both languages.
    expect(dry.rows[0]).toMatchObject({ elderId: null, name: '王秀英', idMasked: `**************${ID.wang.slice(14)}`, reasons: [] });
    const reasons = dry.rows.filter((r) => r.outcome === 'refused').map((r) => r.reasons.map((m) => m.key));
    expect(reasons).toEqual([['id.checkChar'], ['roster.row.nameEmpty'], ['roster.row.idDuplicate'], ['roster.row.statusUnknown'], ['hub.roster.nameShape']]);
    expect(JSON.stringify(dry)).not.toContain(ID.wang);
    expect(await rosterCounts(db)).toEqual([0, 0, 0]);

    const done = must(await importRoster(db, adminA, { districtId: districtA, bytes: file, accept: true, now: T0, statuses: STATUSES }));
    expect(done).toMatchObject({ new: 3, refused: 5, accepted: true, written: 3, version: 3 });
    expect(done.rows.slice(0, 3).every((r) => r.elderId !== null && /^D[0-9A-HJKMNP-TV-Z]{12}$/.test(r.elderId))).toBe(true);
    // 3 elders, 2 statuses (李 低保, 陈 特困), 2 cards; nothing of the refused rows.
    expect(await rosterCounts(db)).toEqual([3, 2, 2]);
    expect(await rosterVersion(db, districtA)).toBe(3);
    const found = must(await searchRoster(db, viewerA, { districtId: districtA, q: '坏号码' }));
    expect(found.elders).toEqual([]);
  });

  it('re-importing: the same rows are unchanged and keep their ids; an edited row is changed; the policy statuses are the vocabulary', async () => {
    const ids = new Map(must(await searchRoster(db, viewerA, { districtId: districtA })).elders.map((e) => [e.name, e.elderId]));
    // 陈 becomes 低保 from 2026 and moves to town 001; 王 gets a second card. Statuses come from the published policy.
    await db.execute(
      `INSERT INTO policies (district_id, policy_id, version, effective_from, document, published_at) VALUES ($1, 'gz', 1, '2026-01-01', $2, $3)`,
      [districtA, JSON.stringify({ statuses: [{ code: 'tekun', name: '特困' }, { code: 'dibao', name: '低保' }] }), T0],
    );
    const file = csv(
      `王秀英,${ID.wang},A1B2C3D4;0A0B0C0D,,,,440106001,440106001,否,是`,
      BASE_ROWS[1] ?? '',
      `陈桂兰,${ID.chen},,低保,2026-01-01,,440106002,440106001,否,否`,
    );
    const report = must(await importRoster(db, adminA, { districtId: districtA, bytes: file, accept: true, now: T1 }));
    expect(outcomes(report)).toEqual(['2:changed', '3:unchanged', '4:changed']);
    expect(report.rows.map((r) => r.elderId)).toEqual([ids.get('王秀英'), ids.get('李国强'), ids.get('陈桂兰')]);
    expect(report).toMatchObject({ written: 2, version: 5 });
    const chen = must(await searchRoster(db, viewerA, { districtId: districtA, q: '陈桂兰' })).elders[0];
    expect(chen).toMatchObject({ residenceRegion: '440106001', statuses: [{ code: 'dibao', validFrom: '2026-01-01', validTo: null }], version: 5, updatedAt: T1 });
    const wang = must(await searchRoster(db, viewerA, { districtId: districtA, q: '王秀英' })).elders[0];
    expect(wang?.cards).toEqual([
      { uid: 'A1B2C3D4', state: 'active' },
      { uid: '0A0B0C0D', state: 'active' },
    ]);

    // The same file again changes nothing, and takes no version.
    const again = must(await importRoster(db, adminA, { districtId: districtA, bytes: file, accept: true, now: T1 }));
    expect(again).toMatchObject({ unchanged: 3, written: 0, version: 5 });
  });

  it('a card bound to another elder is refused with its reason; a file that cannot be read is refused whole', async () => {
    const before = await rosterCounts(db);
    const file = csv(`何建华,${ID.he},A1B2C3D4,,,,440106002,440106002,否,否`);
    const report = must(await importRoster(db, adminA, { districtId: districtA, bytes: file, accept: true, now: T1, statuses: STATUSES }));
    expect(report.rows).toEqual([
      { line: 2, outcome: 'refused', elderId: null, name: '何建华', idMasked: `**************${ID.he.slice(14)}`, reasons: [{ key: 'hub.roster.cardTaken', params: { uid: 'A1B2C3D4' } }] },
    ]);
    for (const bytes of [new Uint8Array(), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), new TextEncoder().encode('a,b\n1,2\n')]) {
      expect(await importRoster(db, adminA, { districtId: districtA, bytes, accept: true, now: T1, statuses: STATUSES })).toMatchObject({
        ok: false,
        error: { kind: 'badFile' },
      });
    }
    expect(await importRoster(db, adminA, { districtId: districtA, bytes: file, format: 'xlsx', accept: true, now: T1 })).toMatchObject({
      ok: false,
      error: { kind: 'badFile', message: { key: 'hub.roster.formatMismatch' } },
    });
    expect(await rosterCounts(db)).toEqual(before);
  });

  it('reads XLSX, and keeps SQL-ish and LIKE-ish names verbatim; search finds them by a part', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(['天河区长者饭堂花名册']);
    sheet.addRow(['姓名', '身份证号', '常住地']);
    sheet.addRow([SQLISH, ID.odd, '440106002']);
    sheet.addRow([`100%_\\王`, makeIdNumber('440106', '1944-04-04', 'M', 11), '440106002']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const report = must(await importRoster(db, adminA, { districtId: districtA, bytes, accept: true, now: T1, statuses: STATUSES }));
    expect(report).toMatchObject({ format: 'xlsx', new: 2, refused: 0 });
    expect(report.warnings.map((w) => w.reason.key)).toContain('roster.file.titleRows');
    expect(await count(db, 'roster_elders')).toBe(5);

    const sqlish = must(await searchRoster(db, viewerA, { districtId: districtA, q: `'); DROP` })).elders;
    expect(sqlish.map((e) => e.name)).toEqual([SQLISH]);
    // % and _ are matched as themselves, not as wildcards.
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, q: '%_\\' })).elders.map((e) => e.name)).toEqual([`100%_\\王`]);
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, q: '%' })).elders.map((e) => e.name)).toEqual([`100%_\\王`]);
  });

  it('searches by pinyin initials and by the last 4 of the number, filters by status, and pages by cursor', async () => {
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, q: 'WXY' })).elders.map((e) => e.name)).toEqual(['王秀英']);
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, q: ID.li.slice(14) })).elders.map((e) => e.name)).toEqual(['李国强']);
    const names: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = must(await searchRoster(db, viewerA, { districtId: districtA, limit: 2, ...(cursor === undefined ? {} : { cursor }) }));
      names.push(...result.elders.map((e) => e.name));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    const all = must(await searchRoster(db, viewerA, { districtId: districtA, limit: 200 })).elders.map((e) => e.name);
    expect(names).toEqual(all);
    expect(all).toHaveLength(5);
    expect(await searchRoster(db, viewerA, { districtId: districtA, cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { kind: 'badCursor' } });
  });

  it('suspends with a reason and reinstates: each a new version, recorded with who and why', async () => {
    const li = must(await searchRoster(db, viewerA, { districtId: districtA, q: '李国强' })).elders[0];
    if (li === undefined) throw new Error('no 李国强');
    const v0 = await rosterVersion(db, districtA);
    expect(await setElderStatus(db, adminA, { districtId: districtA, elderId: li.elderId, active: false, reason: '  ', now: T1 })).toMatchObject({
      ok: false,
      error: { kind: 'badReason', message: { key: 'hub.roster.reasonNeeded' } },
    });
    const off = must(await setElderStatus(db, adminA, { districtId: districtA, elderId: li.elderId, active: false, reason: `住院'; --`, now: T1 }));
    expect(off).toMatchObject({ active: false, suspendedReason: `住院'; --`, suspendedSince: T1, version: v0 + 1 });
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, status: 'suspended' })).elders.map((e) => e.name)).toEqual(['李国强']);
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, status: 'active' })).elders.map((e) => e.name)).not.toContain('李国强');
    // Suspending again changes nothing.
    expect(must(await setElderStatus(db, adminA, { districtId: districtA, elderId: li.elderId, active: false, reason: 'x', now: T1 })).version).toBe(v0 + 1);
    const on = must(await setElderStatus(db, adminA, { districtId: districtA, elderId: li.elderId, active: true, reason: '', now: T1 }));
    expect(on).toMatchObject({ active: true, suspendedReason: null, suspendedSince: null, version: v0 + 2 });
    const audit = await db.query(`SELECT active, reason, changed_by FROM roster_status_changes WHERE elder_id = $1 ORDER BY id`, [li.elderId], z.object({ active: z.boolean(), reason: z.string(), changed_by: dbCount }));
    expect(audit).toEqual([
      { active: false, reason: `住院'; --`, changed_by: adminA.id },
      { active: true, reason: '', changed_by: adminA.id },
    ]);
    const detail = must(await getRosterElder(db, viewerA, { districtId: districtA, elderId: li.elderId }));
    expect(detail).toMatchObject({ name: '李国强', active: true });
    expect(detail.statusChanges.map((c) => [c.active, c.reason, c.by])).toEqual([
      [true, '', 'roster.admin.a'],
      [false, `住院'; --`, 'roster.admin.a'],
    ]);
    expect(await getRosterElder(db, adminB, { districtId: districtA, elderId: li.elderId })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await getRosterElder(db, adminB, { districtId: districtB, elderId: li.elderId })).toMatchObject({ ok: false, error: { kind: 'unknown' } });
  });

  it('changes made at once (on PostgreSQL truly at once) each take their own version, and the counter ends at the highest', async () => {
    const elders = must(await searchRoster(db, viewerA, { districtId: districtA })).elders;
    const v0 = await rosterVersion(db, districtA);
    const results = await Promise.all(
      elders.map((e) => setElderStatus(db, adminA, { districtId: districtA, elderId: e.elderId, active: false, reason: '核查中', now: T1 })),
    );
    const versions = results.map((r) => must(r).version).sort((a, b) => a - b);
    expect(versions).toEqual(elders.map((_, i) => v0 + 1 + i));
    expect(await rosterVersion(db, districtA)).toBe(v0 + elders.length);
    await Promise.all(elders.map((e) => setElderStatus(db, adminA, { districtId: districtA, elderId: e.elderId, active: true, reason: '', now: T1 })));
    expect(await rosterVersion(db, districtA)).toBe(v0 + 2 * elders.length);
  });

  it('a viewer reads but cannot import or suspend; another district is forbidden, and its elders unknown', async () => {
    const file = csv(...BASE_ROWS);
    const before = await rosterCounts(db);
    expect(await importRoster(db, viewerA, { districtId: districtA, bytes: file, accept: true, now: T1, statuses: STATUSES })).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: { key: 'hub.needAdmin' } },
    });
    expect(await importRoster(db, adminB, { districtId: districtA, bytes: file, accept: true, now: T1, statuses: STATUSES })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: { key: 'hub.forbidden' } },
    });
    expect(await searchRoster(db, adminB, { districtId: districtA })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const wang = must(await searchRoster(db, viewerA, { districtId: districtA, q: '王秀英' })).elders[0];
    if (wang === undefined) throw new Error('no 王秀英');
    expect(await setElderStatus(db, viewerA, { districtId: districtA, elderId: wang.elderId, active: false, reason: 'r', now: T1 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await setElderStatus(db, adminB, { districtId: districtB, elderId: wang.elderId, active: false, reason: 'r', now: T1 })).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    expect(must(await searchRoster(db, adminB, { districtId: districtB })).elders).toEqual([]);
    expect(await rosterCounts(db)).toEqual(before);
    expect(must(await searchRoster(db, viewerA, { districtId: districtA, q: '王秀英' })).elders[0]?.active).toBe(true);

    // The same person on district B's roster is B's own elder, with another id.
    must(await importRoster(db, adminB, { districtId: districtB, bytes: csv(BASE_ROWS[0] ?? ''), accept: true, now: T1, statuses: STATUSES }));
    const inB = must(await searchRoster(db, adminB, { districtId: districtB })).elders;
    expect(inB).toHaveLength(1);
    expect(inB[0]?.elderId).not.toBe(wang.elderId);
  });

  it('the hot queries are index look-ups: roster down by version, search by initials and by last 4', async () => {
    const plans: string[] = [];
    const before = await count(db, 'roster_elders');
    const rollBack = new Error('roll back');
    await db
      .transaction(async (tx) => {
        // A district-sized table (rolled back afterwards), analysed, so the planner chooses as it would in use.
        await tx.execute(
          `INSERT INTO roster_elders (elder_id, district_id, name, name_initials, id_number, birth_date, sex, version, created_at, updated_at)
           SELECT 'D' || lpad(i::text, 12, '0'), $1, 'n' || i, 'q' || md5(i::text), lpad(i::text, 17, '0') || '0', '1950-01-01', 'F', 100000 + i, $2, $2
           FROM generate_series(1, 20000) AS i`,
          [districtA, T0],
        );
        await tx.execute('ANALYZE roster_elders');
        for (const [sql, params] of [
          [`SELECT e.elder_id FROM roster_elders e WHERE e.district_id = $1 AND e.version > $2 ORDER BY e.version LIMIT 10`, [districtA, 119990]],
          [`SELECT e.elder_id FROM roster_elders e WHERE e.district_id = $1 AND e.name_initials LIKE 'wxy%'`, [districtA]],
          [`SELECT e.elder_id FROM roster_elders e WHERE e.district_id = $1 AND right(e.id_number, 4) = '1234'`, [districtA]],
        ] as const) {
          const rows = await tx.query(`EXPLAIN ${sql}`, [...params], z.object({ 'QUERY PLAN': z.string() }));
          plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
        }
        throw rollBack;
      })
      .catch((e: unknown) => {
        if (e !== rollBack) throw e;
      });
    expect(plans[0]).toContain('roster_elders_district_version_key');
    expect(plans[1]).toContain('roster_elders_district_initials_idx');
    expect(plans[2]).toContain('roster_elders_district_last4_idx');
    expect(await count(db, 'roster_elders')).toBe(before);
  });

  it('counts eligible elders per age band × status for a canteen area: a town canteen its town, a county one the district', async () => {
    const town = await eligibleElders(db, { districtId: districtA, canteenId: townCanteen, onDate: '2026-11-24' });
    // Town 440106001: 王 (76, none), 李 (86, 低保 since 2025), 陈 (65, 低保 from 2026; lives in 001).
    expect(town).toEqual([
      { ageBand: '60-69', status: 'dibao', elders: 1 },
      { ageBand: '70-79', status: 'none', elders: 1 },
      { ageBand: '80-89', status: 'dibao', elders: 1 },
    ]);
    // Before 2026 陈's 低保 was not yet valid.
    expect(await eligibleElders(db, { districtId: districtA, canteenId: townCanteen, onDate: '2025-06-01' })).toContainEqual({ ageBand: '60-69', status: 'none', elders: 1 });
    const county = await eligibleElders(db, { districtId: districtA, canteenId: countyCanteen, onDate: '2026-11-24' });
    expect(county.reduce((n, c) => n + c.elders, 0)).toBe(5);
    // A canteen of another district has none here.
    expect(await eligibleElders(db, { districtId: districtB, canteenId: townCanteen, onDate: '2026-11-24' })).toEqual([]);
  });
});
