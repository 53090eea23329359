/**
 * The roster and roster-down routes over HTTP on both engines: a viewer searches and reads but
 * neither imports nor suspends (403); another district's elder is 404; the import's dry run writes
 * nothing and accepting writes the good rows; an oversized body (413) and content that is not base64
 * (400) are refused with words a clerk can act on; a kiosk's signed pull of its area's roster is
 * served (since=N gives only what changed after N, a suspension included), and an unsigned, forged,
 * revoked or ahead-of-the-hub pull is refused; a kiosk's report of re-keyed elders is recorded once.
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiToken } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { districtSigningKey } from '../../../server/districts/index.js';
import { createCanteen, createEnrolmentCode, redeemEnrolmentCode, revokeDevice } from '../../../server/enrolment/index.js';
import { decodeBase64 } from '../../../server/http/routes/roster-routes.js';
import { publishPolicy } from '../../../server/policies/index.js';
import type { PullTarget } from '../../../shared/hub-api/downlink.js';
import { PULL_HEADERS, pullStatementText, rosterAliasesAnswerSchema, rosterAliasesText, rosterPackageAnswerSchema } from '../../../shared/hub-api/downlink.js';
import { MAX_ROSTER_FILE_BYTES, ROSTER_IMPORT_MAX_BODY_BYTES, rosterElderDetailSchema, rosterImportReportSchema, rosterSearchResultSchema } from '../../../shared/hub-api/roster-views.js';
import type { RosterImportReport } from '../../../shared/hub-api/roster-views.js';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { rosterPackageBytes } from '../../../shared/roster/package.js';
import type { RosterAliases } from '../../../shared/roster/package.js';
import { makeIdNumber } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { apiError as error, startHubHttpFixture } from '../../helpers/hub-http-fixture.js';
import type { HubHttpFixture, HubRequest, SignedInBrowser } from '../../helpers/hub-http-fixture.js';
import type { HttpAnswer } from './http-test-client.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';
const ID = {
  wang: makeIdNumber('440104', '1944-05-02', 'F', 1),
  li: makeIdNumber('440104', '1950-08-15', 'M', 2),
  zhou: makeIdNumber('440104', '1938-01-20', 'F', 3),
  // Lives in another town of the district: not in the test canteen's area.
  chen: makeIdNumber('440104', '1941-07-07', 'M', 4),
};
const HEADER = '姓名,身份证号,卡号,类别,类别起始,类别截止,户籍地,常住地,养老机构,独居';
const FILE = [
  HEADER,
  `王秀英,${ID.wang},A1B2C3D4,低保,2025-01-01,,440104001,440104001,否,是`,
  `李国强,${ID.li},B2C3D4E5,,,,440104001,440104001,否,否`,
  `周桂兰,${ID.zhou},,,,,440104001,440104001,否,否`,
  `陈大明,${ID.chen},,,,,440104002,440104002,否,否`,
  // An ID number that is not one: refused with its reason, never written.
  `赵建华,44010419400101123,,,,,440104001,440104001,否,否`,
].join('\r\n');

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

describe('the import body’s base64', () => {
  it('decodes standard base64 (line breaks allowed) and names what is wrong otherwise', () => {
    const wrapped = `${base64('姓名,身份证号').slice(0, 8)}\r\n${base64('姓名,身份证号').slice(8)}`;
    const ok = decodeBase64(wrapped, 1000);
    expect(ok.kind === 'ok' && Buffer.from(ok.bytes).toString('utf8')).toBe('姓名,身份证号');
    expect(decodeBase64('QUJD*EVG', 1000)).toMatchObject({ kind: 'bad', problem: { key: 'rosterRoutes.badBase64Char', params: { at: 5, char: '*' } } });
    expect(decodeBase64('QU=DREVG', 1000)).toMatchObject({ kind: 'bad', problem: { key: 'rosterRoutes.badBase64Char', params: { at: 3 } } });
    expect(decodeBase64('QUJDREV', 1000)).toMatchObject({ kind: 'bad', problem: { key: 'rosterRoutes.badBase64Length', params: { length: 7 } } });
    // Six bytes against a limit of five: refused from the length alone.
    expect(decodeBase64('QUJDREVG', 5)).toEqual({ kind: 'tooLarge' });
    expect(decodeBase64('QUJDREU=', 5).kind).toBe('ok');
  });
});

describe.each(engines)('roster routes on $name', (engine) => {
  let hub: HubHttpFixture;
  let db: HubDb;
  let req: HubRequest;
  let districtKey: KeyObject;
  let adminA: SignedInBrowser;
  let viewerA: SignedInBrowser;
  let adminB: SignedInBrowser;
  let rosterToken: string;
  const kiosk = { deviceId: 'kiosk-dongshan-1', key: null as KeyObject | null };
  const revokedKiosk = { deviceId: 'kiosk-dongshan-old', key: null as KeyObject | null };

  async function enrol(canteenId: number, deviceId: string): Promise<KeyObject> {
    const pair = generateKeyPairSync('ed25519');
    const code = must(await createEnrolmentCode(db, { actor: 'console', canteenId, now: T0 }));
    must(await redeemEnrolmentCode(db, { code: code.code, devicePublicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), deviceId, now: T0 }));
    return pair.privateKey;
  }

  function pullHeaders(deviceId: string, key: KeyObject | null, timestamp = T0, target: PullTarget = { method: 'GET', path: HUB_PATHS.downlinkRoster, since: 0 }): Record<string, string> {
    if (key === null) throw new Error('kiosk not enrolled');
    const signature = sign(null, Buffer.from(pullStatementText(deviceId, timestamp, target), 'utf8'), key).toString('base64');
    return { [PULL_HEADERS.deviceId]: deviceId, [PULL_HEADERS.timestamp]: timestamp, [PULL_HEADERS.signature]: signature };
  }

  function pull(since: number, headers = pullHeaders(kiosk.deviceId, kiosk.key, T0, { method: 'GET', path: HUB_PATHS.downlinkRoster, since })): Promise<HttpAnswer> {
    return req('GET', `${HUB_PATHS.downlinkRoster}?since=${since}`, { headers });
  }

  function aliasBody(aliases: RosterAliases['aliases'], key: KeyObject | null = kiosk.key, timestamp = T0): { aliases: RosterAliases['aliases']; signature: string } {
    if (key === null) throw new Error('kiosk not enrolled');
    return { aliases, signature: sign(null, Buffer.from(rosterAliasesText(kiosk.deviceId, timestamp, aliases), 'utf8'), key).toString('base64') };
  }

  async function importFile(as: SignedInBrowser, accept: boolean, text = FILE): Promise<HttpAnswer> {
    return req('POST', HUB_PATHS.rosterImport, { as, body: { accept, fileName: '越秀区名册.csv', contentBase64: base64(text) } });
  }

  async function elderIdOf(name: string): Promise<string> {
    const found = rosterSearchResultSchema.parse((await req('GET', `${HUB_PATHS.roster}?q=${encodeURIComponent(name)}`, { as: viewerA })).json);
    const elder = found.elders[0];
    if (elder === undefined) throw new Error(`${name} is not on the roster`);
    return elder.elderId;
  }

  beforeAll(async () => {
    hub = await startHubHttpFixture(engine, { now: T0 });
    ({ db, req, adminA, viewerA, adminB } = hub);
    const { districtA, adminA: admin } = hub.actors;
    districtKey = createPublicKey({ key: Buffer.from(must(await districtSigningKey(db, districtA)).publicKey, 'base64'), format: 'der', type: 'spki' });
    rosterToken = must(await createApiToken(db, { actor: admin, accountId: admin.id, scopes: ['roster:write'], name: 'civil registry sync', now: T0 })).token;
    // The policy names the statuses a roster file may use (低保 → dibao).
    must(await publishPolicy(db, { actor: 'console', districtId: districtA, policy: loadPolicy('guangzhou-2020'), now: T0 }));
    const canteen = must(await createCanteen(db, { actor: 'console', districtId: districtA, name: '东山长者饭堂', regionCode: '440104001', address: '', operatorName: '', now: T0 }));
    kiosk.key = await enrol(canteen.id, kiosk.deviceId);
    revokedKiosk.key = await enrol(canteen.id, revokedKiosk.deviceId);
    must(await revokeDevice(db, { actor: 'console', deviceId: revokedKiosk.deviceId, now: T0 }));
  }, 90_000);

  afterAll(() => hub.close());

  it('imports: the dry run reports every row and writes nothing; accepting writes the good rows; a viewer may do neither', async () => {
    const byViewer = await importFile(viewerA, true);
    expect([byViewer.status, error(byViewer).kind]).toEqual([403, 'forbidden']);

    const dry = await importFile(adminA, false);
    expect(dry.status, dry.text).toBe(200);
    const report: RosterImportReport = rosterImportReportSchema.parse(dry.json);
    expect(report).toMatchObject({ format: 'csv', total: 5, new: 4, refused: 1, accepted: false, written: 0, version: 0 });
    expect(report.rows.find((r) => r.line === 6)).toMatchObject({ outcome: 'refused', elderId: null });
    // The whole ID number never comes back; only its masked form.
    expect(dry.text).not.toContain(ID.wang);
    const none = rosterSearchResultSchema.parse((await req('GET', HUB_PATHS.roster, { as: adminA })).json);
    expect(none.elders).toEqual([]);

    const accepted = await importFile(adminA, true);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({ new: 4, refused: 1, accepted: true, written: 4, version: 4 });
    const all = rosterSearchResultSchema.parse((await req('GET', HUB_PATHS.roster, { as: viewerA })).json);
    expect(all.elders.map((e) => e.name).sort()).toEqual(['周桂兰', '李国强', '王秀英', '陈大明'].sort());

    // An integrator's token with roster:write imports too (a dry run here); a counts-only token reaches no roster.
    const byToken = await req('POST', HUB_PATHS.rosterImport, { bearer: rosterToken, body: { accept: false, contentBase64: base64(FILE) } });
    expect(byToken.json).toMatchObject({ new: 0, unchanged: 4, written: 0 });
    const counts = await req('GET', HUB_PATHS.roster, { bearer: hub.readToken });
    expect(counts.status).toBe(403);
  });

  it('searches and reads for a viewer; another district sees none of it (404); only an admin suspends', async () => {
    const byInitials = rosterSearchResultSchema.parse((await req('GET', `${HUB_PATHS.roster}?q=lgq`, { as: viewerA })).json);
    expect(byInitials.elders.map((e) => e.name)).toEqual(['李国强']);
    const byLast4 = rosterSearchResultSchema.parse((await req('GET', `${HUB_PATHS.roster}?q=${ID.zhou.slice(-4)}`, { as: viewerA })).json);
    expect(byLast4.elders.map((e) => e.name)).toEqual(['周桂兰']);
    const paged = rosterSearchResultSchema.parse((await req('GET', `${HUB_PATHS.roster}?limit=2`, { as: viewerA })).json);
    expect(paged.elders).toHaveLength(2);
    const page2 = rosterSearchResultSchema.parse((await req('GET', `${HUB_PATHS.roster}?limit=2&cursor=${paged.nextCursor ?? ''}`, { as: viewerA })).json);
    expect(new Set([...paged.elders, ...page2.elders].map((e) => e.name)).size).toBe(4);
    const badCursor = await req('GET', `${HUB_PATHS.roster}?cursor=nonsense`, { as: viewerA });
    expect([badCursor.status, error(badCursor).kind]).toEqual([400, 'badCursor']);

    const zhou = await elderIdOf('周桂兰');
    const read = await req('GET', hubPath(HUB_PATHS.rosterElder, { elderId: zhou }), { as: viewerA });
    expect(rosterElderDetailSchema.parse(read.json)).toMatchObject({ name: '周桂兰', birthDate: '1938-01-20', active: true, statusChanges: [] });
    const fromB = await req('GET', hubPath(HUB_PATHS.rosterElder, { elderId: zhou }), { as: adminB });
    expect(fromB.status).toBe(404);
    expect(fromB.text).not.toContain('周桂兰');
    expect(rosterSearchResultSchema.parse((await req('GET', HUB_PATHS.roster, { as: adminB })).json).elders).toEqual([]);
    expect((await req('GET', hubPath(HUB_PATHS.rosterElder, { elderId: 'not-an-id' }), { as: viewerA })).status).toBe(404);

    const byViewer = await req('POST', hubPath(HUB_PATHS.rosterStatus, { elderId: zhou }), { as: viewerA, body: { active: false, reason: '住院' } });
    expect([byViewer.status, error(byViewer).kind]).toEqual([403, 'forbidden']);
    const byB = await req('POST', hubPath(HUB_PATHS.rosterStatus, { elderId: zhou }), { as: adminB, body: { active: false, reason: '住院' } });
    expect(byB.status).toBe(404);
    const noReason = await req('POST', hubPath(HUB_PATHS.rosterStatus, { elderId: zhou }), { as: adminA, body: { active: false } });
    expect([noReason.status, error(noReason).kind]).toEqual([400, 'badReason']);
    const stillActive = rosterElderDetailSchema.parse((await req('GET', hubPath(HUB_PATHS.rosterElder, { elderId: zhou }), { as: viewerA })).json);
    expect(stillActive.active).toBe(true);
  });

  it('refuses an oversized body (413) and content that is not base64 (400), in words, changing nothing', async () => {
    const tooBig = await req('POST', HUB_PATHS.rosterImport, { as: adminA, body: '{', headers: { 'Content-Type': 'application/json' }, declaredLength: ROSTER_IMPORT_MAX_BODY_BYTES + 1 });
    expect([tooBig.status, error(tooBig).kind]).toEqual([413, 'tooLarge']);
    // A viewer's oversized body is refused as a viewer's, before a byte of it is read.
    const viewerBig = await req('POST', HUB_PATHS.rosterImport, { as: viewerA, body: '{', headers: { 'Content-Type': 'application/json' }, declaredLength: ROSTER_IMPORT_MAX_BODY_BYTES + 1 });
    expect(viewerBig.status).toBe(403);
    // The limit holds the largest file the hub reads, as base64.
    expect(ROSTER_IMPORT_MAX_BODY_BYTES).toBeGreaterThan((MAX_ROSTER_FILE_BYTES / 3) * 4);

    const before = (await req('GET', HUB_PATHS.roster, { as: adminA })).text;
    const mangled = await req('POST', HUB_PATHS.rosterImport, { as: adminA, body: { accept: true, contentBase64: `${base64(FILE).slice(0, 20)}!${base64(FILE).slice(20)}` }, headers: { 'Accept-Language': 'en' } });
    expect([mangled.status, error(mangled).kind]).toEqual([400, 'badFile']);
    expect(error(mangled).message).toContain('character 21');
    const cut = await req('POST', HUB_PATHS.rosterImport, { as: adminA, body: { accept: true, contentBase64: base64(FILE).slice(0, -1) } });
    expect([cut.status, error(cut).kind]).toEqual([400, 'badFile']);
    expect(error(cut).message).toContain('不是 4 的倍数');
    const notASheet = await req('POST', HUB_PATHS.rosterImport, { as: adminA, body: { accept: true, contentBase64: base64('') } });
    expect(notASheet.status).toBe(400);
    expect((await req('GET', HUB_PATHS.roster, { as: adminA })).text).toBe(before);
  });

  it('sends a kiosk its area’s roster, signed by the district; since=N gives only later changes, a suspension included', async () => {
    const first = await pull(0);
    expect(first.status, first.text).toBe(200);
    const pkg = rosterPackageAnswerSchema.parse(first.json);
    expect(verify(null, Buffer.from(rosterPackageBytes((first.json as { payload: unknown }).payload), 'utf8'), districtKey, Buffer.from(pkg.signature, 'base64'))).toBe(true);
    // The canteen's town only: 陈大明 lives in another town.
    expect(pkg.payload.elders.map((e) => e.name).sort()).toEqual(['周桂兰', '李国强', '王秀英'].sort());
    expect(pkg.payload).toMatchObject({ deviceId: kiosk.deviceId, districtId: hub.actors.districtA, fromVersion: 0, more: false });
    expect(pkg.payload.elders.find((e) => e.name === '王秀英')).toMatchObject({ idNumber: ID.wang, statuses: [{ code: 'dibao' }], cards: [{ uid: 'A1B2C3D4', state: 'active' }] });
    const version = pkg.payload.version;

    const upToDate = rosterPackageAnswerSchema.parse((await pull(version)).json);
    expect(upToDate.payload).toMatchObject({ fromVersion: version, version, elders: [], withdrawn: [], more: false });

    const zhou = await elderIdOf('周桂兰');
    const suspended = await req('POST', hubPath(HUB_PATHS.rosterStatus, { elderId: zhou }), { as: adminA, body: { active: false, reason: '住院' } });
    expect(suspended.status, suspended.text).toBe(200);
    const next = rosterPackageAnswerSchema.parse((await pull(version)).json);
    expect(next.payload.elders).toEqual([expect.objectContaining({ elderId: zhou, active: false })]);
    expect(next.payload.version).toBe(version + 1);

    const ahead = await pull(next.payload.version + 10);
    expect([ahead.status, error(ahead).kind]).toEqual([409, 'aheadOfHub']);
  });

  it('refuses an unsigned, forged, revoked or stale pull', async () => {
    const unsigned = await req('GET', HUB_PATHS.downlinkRoster);
    expect([unsigned.status, error(unsigned).kind]).toEqual([400, 'badRequest']);
    const forged = await pull(0, pullHeaders(kiosk.deviceId, generateKeyPairSync('ed25519').privateKey));
    expect([forged.status, error(forged).kind]).toEqual([401, 'badSignature']);
    expect(forged.text).not.toContain('王秀英');
    const revoked = await pull(0, pullHeaders(revokedKiosk.deviceId, revokedKiosk.key));
    expect([revoked.status, error(revoked).kind]).toEqual([403, 'revoked']);
    const stale = await pull(0, pullHeaders(kiosk.deviceId, kiosk.key, '2026-11-24T07:00:00.000Z'));
    expect([stale.status, error(stale).kind]).toEqual([401, 'clockSkew']);
    const unknown = await pull(0, pullHeaders('kiosk-nobody', kiosk.key));
    // Headers seen on a small incremental pull cannot fetch the whole area again (?since=0).
    const replayed = await pull(0, pullHeaders(kiosk.deviceId, kiosk.key, T0, { method: 'GET', path: HUB_PATHS.downlinkRoster, since: 5 }));
    expect([replayed.status, error(replayed).kind]).toEqual([401, 'badSignature']);
    expect([unknown.status, error(unknown).kind]).toEqual([401, 'unknownDevice']);
  });

  it('records a kiosk’s re-keyed elders once; refuses a forged report, an unknown elder and a conflicting one, keeping nothing of them', async () => {
    const li = await elderIdOf('李国强');
    const wang = await elderIdOf('王秀英');
    const aliasesTarget: PullTarget = { method: 'POST', path: HUB_PATHS.downlinkRosterAliases, since: null };
    const headers = pullHeaders(kiosk.deviceId, kiosk.key, T0, aliasesTarget);
    const post = (body: unknown, h = headers): Promise<HttpAnswer> => req('POST', HUB_PATHS.downlinkRosterAliases, { headers: h, body });
    const aliasRows = async (): Promise<unknown[]> => db.query(`SELECT local_elder_id, elder_id FROM roster_elder_aliases ORDER BY local_elder_id`, [], z.object({ local_elder_id: z.string(), elder_id: z.string() }));

    const forged = await post(aliasBody([{ localElderId: 'E0000000000A1', elderId: li }], generateKeyPairSync('ed25519').privateKey));
    expect([forged.status, error(forged).kind]).toEqual([401, 'badSignature']);
    // The body signed for another moment does not pass with these headers.
    const otherMoment = await post(aliasBody([{ localElderId: 'E0000000000A1', elderId: li }], kiosk.key, '2026-11-24T07:59:00.000Z'));
    expect(otherMoment.status).toBe(401);
    const revoked = await post(aliasBody([{ localElderId: 'E0000000000A1', elderId: li }], revokedKiosk.key), pullHeaders(revokedKiosk.deviceId, revokedKiosk.key, T0, aliasesTarget));
    expect([revoked.status, error(revoked).kind]).toEqual([403, 'revoked']);
    expect(await aliasRows()).toEqual([]);

    const first = await post(aliasBody([{ localElderId: 'E0000000000A1', elderId: li }]));
    expect(first.status, first.text).toBe(200);
    expect(rosterAliasesAnswerSchema.parse(first.json)).toEqual({ received: 1, recorded: 1 });
    const again = await post(aliasBody([{ localElderId: 'E0000000000A1', elderId: li }]));
    expect(again.json).toEqual({ received: 1, recorded: 0 });

    const unknown = await post(aliasBody([{ localElderId: 'E0000000000A2', elderId: 'D0000000000ZZ' }]));
    expect([unknown.status, error(unknown).kind]).toEqual([400, 'unknownElder']);
    const conflict = await post(aliasBody([{ localElderId: 'E0000000000A3', elderId: wang }, { localElderId: 'E0000000000A1', elderId: wang }]));
    expect([conflict.status, error(conflict).kind]).toEqual([409, 'aliasConflict']);
    // A district id passed off as a local one would fold 王秀英's meals into 李国强's: refused whole.
    const folded = await post(aliasBody([{ localElderId: wang, elderId: li }]));
    expect(folded.status).toBe(400);
    expect(folded.text).toContain('本机老人编号不能是区编号');
    expect(await aliasRows()).toEqual([{ local_elder_id: 'E0000000000A1', elder_id: li }]);
  });
});
