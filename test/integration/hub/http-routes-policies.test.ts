/**
 * The policy and downlink routes over HTTP on both engines: listing, reading, checking, simulating
 * and publishing a version (viewer reads, admin publishes, the next-version rule, another district
 * sees none of it), the list's CSV export, and a kiosk's signed pull of its policy package (signed
 * request served; bad signature, unknown device, skewed clock 401; revoked 403; no headers 400).
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from '../../../server/db/index.js';
import { getDistrict } from '../../../server/districts/index.js';
import type { District } from '../../../server/districts/index.js';
import { createCanteen, createEnrolmentCode, redeemEnrolmentCode, revokeDevice } from '../../../server/enrolment/index.js';
import { publishPolicy } from '../../../server/policies/index.js';
import { POLICY_PACKAGE_PATH, policyPackageSchema, policyPackageText, PULL_HEADERS, pullStatementText } from '../../../shared/hub-api/downlink.js';
import { draftProblemsSchema, simulationReportSchema } from '../../../shared/hub-api/policy-views.js';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { apiError as error, startHubHttpFixture } from '../../helpers/hub-http-fixture.js';
import type { HubHttpFixture, HubRequest, SignedInBrowser } from '../../helpers/hub-http-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';

describe.each(engines)('policy and downlink routes on $name', (engine) => {
  let hub: HubHttpFixture;
  let db: HubDb, req: HubRequest, readToken: string;
  let adminA: SignedInBrowser, viewerA: SignedInBrowser, adminB: SignedInBrowser;
  let districtA: District;
  let clock = T0;
  /** An enrolled kiosk of district A and its private key. */
  const kiosk = { deviceId: 'kiosk-yuexiu-1', key: null as KeyObject | null };
  const revokedKiosk = { deviceId: 'kiosk-yuexiu-old', key: null as KeyObject | null };

  async function enrol(canteenId: number, deviceId: string): Promise<KeyObject> {
    const pair = generateKeyPairSync('ed25519');
    const code = must(await createEnrolmentCode(db, { actor: 'console', canteenId, now: T0 }));
    must(await redeemEnrolmentCode(db, { code: code.code, devicePublicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), deviceId, now: T0 }));
    return pair.privateKey;
  }

  function pullHeaders(deviceId: string, key: KeyObject | null, timestamp = clock, since = 0): Record<string, string> {
    if (key === null) throw new Error('kiosk not enrolled');
    const signature = sign(null, Buffer.from(pullStatementText(deviceId, timestamp, { method: 'GET', path: POLICY_PACKAGE_PATH, since }), 'utf8'), key).toString('base64');
    return { [PULL_HEADERS.deviceId]: deviceId, [PULL_HEADERS.timestamp]: timestamp, [PULL_HEADERS.signature]: signature };
  }

  beforeAll(async () => {
    hub = await startHubHttpFixture(engine, { now: T0, clock: () => clock });
    ({ db, req, readToken, adminA, viewerA, adminB } = hub);
    const found = await getDistrict(db, hub.actors.districtA);
    if (found === null) throw new Error('district A is missing');
    districtA = found;
    // Version 1 took effect long ago: the console loads it, as when a district moves to Zhucan.
    must(await publishPolicy(db, { actor: 'console', districtId: districtA.id, policy: loadPolicy('guangzhou-2020'), now: T0 }));
    const canteen = must(await createCanteen(db, { actor: 'console', districtId: districtA.id, name: '登峰长者饭堂', regionCode: '440104', address: '', operatorName: '', now: T0 }));
    kiosk.key = await enrol(canteen.id, kiosk.deviceId);
    revokedKiosk.key = await enrol(canteen.id, revokedKiosk.deviceId);
    must(await revokeDevice(db, { actor: 'console', deviceId: revokedKiosk.deviceId, now: T0 }));
  }, 90_000);

  afterAll(() => hub.close());

  it('publishes the next version (admin only); the same content again is unchanged; a taken or skipped version is refused', async () => {
    const draft = { ...loadPolicy('guangzhou-2026-v2'), effectiveFrom: '2026-12-01' };
    const byViewer = await req('POST', HUB_PATHS.policies, { as: viewerA, body: { policy: draft } });
    expect([byViewer.status, error(byViewer).kind]).toEqual([403, 'forbidden']);
    const published = await req('POST', HUB_PATHS.policies, { as: adminA, body: { policy: draft } });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({ outcome: 'published', published: { policyId: draft.id, version: 2, effectiveFrom: '2026-12-01', publishedAt: T0 } });
    const again = await req('POST', HUB_PATHS.policies, { as: adminA, body: { policy: draft } });
    expect(again.json).toMatchObject({ outcome: 'unchanged' });
    const other = await req('POST', HUB_PATHS.policies, { as: adminA, body: { policy: { ...draft, maxSubsidy: 100 } } });
    expect([other.status, error(other).kind]).toEqual([409, 'conflict']);
    const skipped = await req('POST', HUB_PATHS.policies, { as: adminA, body: { policy: { ...draft, version: 5, effectiveFrom: '2027-01-01' } }, headers: { 'Accept-Language': 'en' } });
    expect([skipped.status, error(skipped).kind]).toEqual([400, 'notNext']);
    expect(error(skipped).message).toContain('version');
    const broken = await req('POST', HUB_PATHS.policies, { as: adminA, body: { policy: { ...draft, version: 3, periods: [] } } });
    expect([broken.status, error(broken).kind]).toEqual([400, 'invalid']);
    expect(error(broken).message).toContain('periods');
    const noPolicy = await req('POST', HUB_PATHS.policies, { as: adminA, body: { document: draft } });
    expect([noPolicy.status, error(noPolicy).kind]).toEqual([400, 'badRequest']);
    // Another district's admin publishes into their own district, never into A's.
    const theirs = await req('POST', HUB_PATHS.policies, { as: adminB, body: { policy: { ...draft, version: 1 } } });
    expect(theirs.status, theirs.text).toBe(200);
    expect(theirs.json).toMatchObject({ outcome: 'published', published: { version: 1 } });
  });

  it('lists and reads the district’s own versions only; exports the list as CSV for a session, not for a counts-only token', async () => {
    const list = await req('GET', HUB_PATHS.policies, { as: viewerA });
    expect(list.status).toBe(200);
    const rows = (list.json as { policies: { policyId: string; version: number }[] }).policies;
    expect(rows.map((p) => [p.policyId, p.version])).toEqual([
      ['guangzhou-zhucan', 2],
      ['guangzhou-zhucan', 1],
    ]);
    const one = await req('GET', hubPath(HUB_PATHS.policy, { policyId: 'guangzhou-zhucan', version: 2 }), { as: viewerA });
    expect(one.json).toMatchObject({ policy: { id: 'guangzhou-zhucan', version: 2, effectiveFrom: '2026-12-01' }, publishedAt: T0 });
    // District B published its own version 1 only; A's version 2 is a page that does not exist there.
    const fromB = await req('GET', hubPath(HUB_PATHS.policy, { policyId: 'guangzhou-zhucan', version: 2 }), { as: adminB });
    expect(fromB.status).toBe(404);
    expect(fromB.text).not.toContain('2026-12-01');
    expect((await req('GET', hubPath(HUB_PATHS.policy, { policyId: 'guangzhou-zhucan', version: 0 }), { as: viewerA })).status).toBe(404);
    const csv = await req('GET', `${HUB_PATHS.policies}?format=csv`, { as: viewerA });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('guangzhou-zhucan');
    expect(csv.text.split(/\r?\n/).filter((l) => l.includes('guangzhou-zhucan'))).toHaveLength(2);
    expect((await req('GET', HUB_PATHS.policies, { bearer: readToken })).status).toBe(200);
    expect((await req('GET', `${HUB_PATHS.policies}?format=csv`, { bearer: readToken })).status).toBe(403);
    expect((await req('GET', HUB_PATHS.policies)).status).toBe(401);
  });

  it('checks a draft as the next version: every problem by field, none for a good draft', async () => {
    const good = { ...loadPolicy('guangzhou-2026-v2'), version: 3, effectiveFrom: '2027-01-01' };
    const ok = await req('POST', HUB_PATHS.policyCheck, { as: viewerA, body: { draft: good } });
    expect(ok.status, ok.text).toBe(200);
    expect(draftProblemsSchema.parse(ok.json).problems).toEqual([]);
    const bad = await req('POST', HUB_PATHS.policyCheck, { as: viewerA, body: { draft: { ...good, version: 2, effectiveFrom: '2026-11-01' } } });
    const problems = draftProblemsSchema.parse(bad.json).problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['version', 'effectiveFrom']));
    expect(problems.find((p) => p.path === 'version')?.key).toBe('hub.sim.version.taken');
    const shapeless = await req('POST', HUB_PATHS.policyCheck, { as: viewerA, body: { draft: { ...good, periods: 'lunch' } } });
    expect(draftProblemsSchema.parse(shapeless.json).problems.map((p) => p.path)).toContain('periods');
    // An API token never reaches a session-only route.
    expect((await req('POST', HUB_PATHS.policyCheck, { bearer: readToken, body: { draft: good } })).status).toBe(403);
  });

  it('simulates a draft on a past month, answers a bad draft with its problems and a bad month with a 400 naming it', async () => {
    const draft = { ...loadPolicy('guangzhou-2026-v2'), version: 3, effectiveFrom: '2027-01-01' };
    const report = await req('POST', HUB_PATHS.policySimulate, { as: viewerA, body: { draft, month: '2026-10' } });
    expect(report.status, report.text).toBe(200);
    expect(simulationReportSchema.safeParse(report.json).success).toBe(true);
    const bad = await req('POST', HUB_PATHS.policySimulate, { as: viewerA, body: { draft: { ...draft, periods: [] } } });
    expect(draftProblemsSchema.parse(bad.json).problems.map((p) => p.path)).toContain('periods');
    const month = await req('POST', HUB_PATHS.policySimulate, { as: viewerA, body: { draft, month: '2026-13' } });
    expect([month.status, error(month).kind]).toEqual([400, 'badRequest']);
    expect(error(month).message).toContain('month');
  });

  it('serves a signed pull its district’s package, signed with the district key; empty when the kiosk is up to date', async () => {
    expect(POLICY_PACKAGE_PATH).toBe(HUB_PATHS.downlinkPolicies);
    const pulled = await req('GET', POLICY_PACKAGE_PATH, { headers: pullHeaders(kiosk.deviceId, kiosk.key) });
    expect(pulled.status, pulled.text).toBe(200);
    const pkg = policyPackageSchema.parse(pulled.json);
    expect(pkg).toMatchObject({ districtId: districtA.id, deviceId: kiosk.deviceId, issuedAt: clock, packageVersion: 2 });
    expect(pkg.policies.map((p) => p['version'])).toEqual([1, 2]);
    const { signature, ...unsigned } = pkg;
    const districtKey = createPublicKey({ key: Buffer.from(districtA.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(policyPackageText(unsigned), 'utf8'), districtKey, Buffer.from(signature, 'base64'))).toBe(true);
    const upToDate = policyPackageSchema.parse((await req('GET', `${POLICY_PACKAGE_PATH}?since=2`, { headers: pullHeaders(kiosk.deviceId, kiosk.key, clock, 2) })).json);
    expect(upToDate).toMatchObject({ packageVersion: 2, policies: [] });
    const badSince = await req('GET', `${POLICY_PACKAGE_PATH}?since=-1`, { headers: pullHeaders(kiosk.deviceId, kiosk.key) });
    expect([badSince.status, error(badSince).kind]).toEqual([400, 'badQuery']);
  });

  it('refuses a pull without headers (400), with a bad signature, an unknown device or a skewed clock (401), from a revoked kiosk (403)', async () => {
    const none = await req('GET', POLICY_PACKAGE_PATH);
    expect([none.status, error(none).kind]).toEqual([400, 'badRequest']);
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = await req('GET', POLICY_PACKAGE_PATH, { headers: pullHeaders(kiosk.deviceId, other) });
    expect([forged.status, error(forged).kind]).toEqual([401, 'badSignature']);
    const unknown = await req('GET', POLICY_PACKAGE_PATH, { headers: pullHeaders('kiosk-nobody', other) });
    expect([unknown.status, error(unknown).kind]).toEqual([401, 'unknownDevice']);
    const skewed = await req('GET', POLICY_PACKAGE_PATH, { headers: pullHeaders(kiosk.deviceId, kiosk.key, '2026-11-24T07:00:00.000Z') });
    expect([skewed.status, error(skewed).kind]).toEqual([401, 'clockSkew']);
    const revoked = await req('GET', POLICY_PACKAGE_PATH, { headers: pullHeaders(revokedKiosk.deviceId, revokedKiosk.key) });
    expect([revoked.status, error(revoked).kind]).toEqual([403, 'revoked']);
    expect(revoked.text).not.toContain('guangzhou');
    // A session is no substitute for the kiosk's signature.
    expect((await req('GET', POLICY_PACKAGE_PATH, { as: adminA })).status).toBe(400);
    clock = T0;
  });
});
