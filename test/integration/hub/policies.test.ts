/**
 * The district's policy store on both engines: an admin publishes a version (validated by the shared
 * schema, each problem named), the same content again changes nothing, other content under a
 * published version is refused, and only the district's own admins may publish.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { getPolicy, listPolicies, loadDistrictPolicies, publishPolicy } from '../../../server/policies/index.js';
import { render } from '../../../shared/i18n/index.js';
import { loadPolicy } from '../../helpers/policies.js';
import { insertDistrict, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
const NOW = '2026-11-24T08:00:00.000Z';
const PASSWORD = 'correct horse battery';

describe.each(engines)('policies on $name', (engine) => {
  let db: HubDb;
  let districtA: number;
  let adminA: Account;
  let viewerA: Account;
  let adminB: Account;

  beforeAll(async () => {
    db = await engine.open();
    districtA = await insertDistrict(db, '越秀区', '440104');
    const districtB = await insertDistrict(db, '海珠区', '440105');
    adminA = must(await createAccount(db, { actor: 'console', districtId: districtA, login: 'pa', password: PASSWORD, role: 'admin', now: NOW }));
    viewerA = must(await createAccount(db, { actor: adminA, districtId: districtA, login: 'pv', password: PASSWORD, role: 'viewer', now: NOW }));
    adminB = must(await createAccount(db, { actor: 'console', districtId: districtB, login: 'pb', password: PASSWORD, role: 'admin', now: NOW }));
  }, 90_000);

  it('publishes a version once; the same content again is unchanged, other content is refused', async () => {
    const v1 = loadPolicy('guangzhou-2020');
    // The console loads a version that took effect long ago (a district moving to Zhucan).
    const first = must(await publishPolicy(db, { actor: 'console', districtId: districtA, policy: v1, now: NOW }));
    expect(first.outcome).toBe('published');
    expect(first.published).toMatchObject({ districtId: districtA, publishedAt: NOW, publishedBy: null });
    expect(first.published.policy).toEqual(v1);
    // An admin's retry of the very same content is 'unchanged', though it would not pass as a next version.
    expect(must(await publishPolicy(db, { actor: adminA, districtId: districtA, policy: v1, now: NOW })).outcome).toBe('unchanged');
    // Key order does not make content different.
    const reordered = Object.fromEntries(Object.entries(v1).reverse());
    expect(must(await publishPolicy(db, { actor: adminA, districtId: districtA, policy: reordered, now: NOW })).outcome).toBe('unchanged');
    const edited = { ...v1, maxSubsidy: 100 };
    const refused = await publishPolicy(db, { actor: adminA, districtId: districtA, policy: edited, now: NOW });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!refused.ok) expect(render(refused.error.message, 'en')).toContain('version 1');
    const stored = must(await getPolicy(db, viewerA, { districtId: districtA, policyId: v1.id, version: 1 }));
    expect(stored?.policy).toEqual(v1);
  });

  it('names each problem of an invalid policy and publishes nothing', async () => {
    const bad = { ...loadPolicy('tianjin'), version: 0, periods: [] };
    const r = await publishPolicy(db, { actor: adminA, districtId: districtA, policy: bad, now: NOW });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('invalid');
    expect(r.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['version', 'periods']));
    expect(must(await listPolicies(db, adminA, districtA)).some((p) => p.policyId === bad.id)).toBe(false);
    const notAnObject = await publishPolicy(db, { actor: adminA, districtId: districtA, policy: `'); DROP TABLE policies; --`, now: NOW });
    expect(notAnObject).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('lets only the district’s own admins publish, and its own accounts read', async () => {
    const policy = loadPolicy('nanjing-jianye');
    expect(await publishPolicy(db, { actor: viewerA, districtId: districtA, policy, now: NOW })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await publishPolicy(db, { actor: adminB, districtId: districtA, policy, now: NOW })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await listPolicies(db, adminB, districtA)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await getPolicy(db, adminB, { districtId: districtA, policyId: policy.id, version: policy.version })).toMatchObject({ ok: false });
  });

  it('picks the version in force on a service date for ingest', async () => {
    const v2 = loadPolicy('guangzhou-2026-v2');
    must(await publishPolicy(db, { actor: 'console', districtId: districtA, policy: v2, now: NOW }));
    const listed = must(await listPolicies(db, viewerA, districtA)).filter((p) => p.policyId === v2.id);
    expect(listed.map((p) => [p.version, p.effectiveFrom, p.effectiveTo, p.publishedBy])).toEqual([
      [2, '2026-07-01', null, null],
      [1, '2020-01-01', null, null],
    ]);
    const inForce = await loadDistrictPolicies(db, districtA);
    expect(inForce.inForce(v2.id, '2026-06-30')?.version).toBe(1);
    expect(inForce.inForce(v2.id, '2026-07-01')?.version).toBe(2);
    expect(inForce.inForce(null, '2026-07-01')?.id).toBe(v2.id);
    expect(inForce.inForce(v2.id, '2019-12-31')).toBeNull();
    expect(inForce.has(v2.id, 2)).toBe(true);
    expect(inForce.has(v2.id, 3)).toBe(false);
  });

  it('refuses an admin a version that is not the next one, or that takes effect today or earlier', async () => {
    const v2 = loadPolicy('guangzhou-2026-v2');
    const skipped = await publishPolicy(db, { actor: adminA, districtId: districtA, policy: { ...v2, version: 4, effectiveFrom: '2026-12-01' }, now: NOW });
    expect(skipped).toMatchObject({ ok: false, error: { kind: 'notNext' } });
    if (!skipped.ok) expect(skipped.error.problems?.map((p) => [p.path, p.key])).toEqual([['version', 'hub.sim.version.next']]);
    const backdated = await publishPolicy(db, { actor: adminA, districtId: districtA, policy: { ...v2, version: 3, effectiveFrom: '2026-06-01' }, now: NOW });
    expect(backdated).toMatchObject({ ok: false, error: { kind: 'notNext' } });
    if (!backdated.ok) expect(backdated.error.problems?.map((p) => p.key)).toEqual(['hub.sim.effective.notFuture', 'hub.sim.effective.beforeCurrent']);
    expect(must(await listPolicies(db, viewerA, districtA)).filter((p) => p.policyId === v2.id).map((p) => p.version)).toEqual([2, 1]);
    const next = must(await publishPolicy(db, { actor: adminA, districtId: districtA, policy: { ...v2, version: 3, effectiveFrom: '2026-12-01' }, now: NOW }));
    expect(next).toMatchObject({ outcome: 'published', published: { publishedBy: adminA.id, policy: { version: 3 } } });
  });
});
