/**
 * The district's subsidy policy: every published version (the one in force today marked), the rules
 * of the version in force in words (shared/policy/describe.ts — the same words the kiosk shows), and
 * a new version drafted from it: checked, simulated on last month's real meals, then published.
 */
import { useEffect, useState } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import { getPolicy, listPolicies } from '../../api/policy-api.js';
import type { PolicyListing } from '../../api/policy-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { useLoad } from '../../app/use-load.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { DraftForm } from './draft-form.js';
import { draftFrom } from './draft-model.js';
import { inForce } from './in-force.js';
import { PolicyWords } from './policy-words.js';

export function PolicyScreen() {
  const { client, today, say } = useHub();
  const { t } = useT();
  const { loaded, reload } = useLoad(() => listPolicies(client), [client]);
  const list = loaded.state === 'ready' ? loaded.value : null;
  const current = list === null ? null : inForce(list, today);
  const full = useLoad<Policy | null>(async () => (current === null ? { ok: true as const, value: null } : getPolicy(client, current.policyId, current.version)), [client, current?.policyId, current?.version]);
  const policy = full.loaded.state === 'ready' ? full.loaded.value : null;
  const [drafting, setDrafting] = useState(false);

  useEffect(() => {
    if (list === null) return;
    say(t('district.policy.said', { n: list.length }));
    announce('policies', { count: list.length, current: current === null ? null : `${current.policyId}@${current.version}` });
  }, [list]);

  return (
    <main aria-labelledby="policy-title" className="screen">
      <div className="screen-head">
        <ScreenTitle id="policy-title">{t('district.policy.title')}</ScreenTitle>
        {policy !== null && !drafting && (
          <button type="button" className="button" onClick={() => setDrafting(true)} data-testid="policy-new">
            {t('district.policy.new')}
          </button>
        )}
      </div>
      <LoadState loaded={loaded} onRetry={reload} />
      {list !== null && <VersionTable list={list} current={current} />}
      {list !== null && list.length === 0 && <p>{t('district.policy.noneYet')}</p>}
      <LoadState loaded={full.loaded} onRetry={full.reload} />
      {drafting && policy !== null && list !== null && (
        <DraftForm
          start={draftFrom(policy, list)}
          published={list}
          onCancel={() => setDrafting(false)}
          onPublished={() => {
            setDrafting(false);
            reload();
          }}
        />
      )}
      {policy !== null && <PolicyWords policy={policy} />}
    </main>
  );
}

function VersionTable({ list, current }: { list: readonly PolicyListing[]; current: PolicyListing | null }) {
  const { t } = useT();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="policies-caption">
      <table className="table" data-testid="policies-table">
        <caption id="policies-caption">{t('district.policy.caption', { n: list.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('district.policy.col.name')}</th>
            <th scope="col">{t('district.policy.col.version')}</th>
            <th scope="col">{t('district.policy.col.from')}</th>
            <th scope="col">{t('district.policy.col.to')}</th>
            <th scope="col">{t('district.policy.col.published')}</th>
            <th scope="col">{t('district.policy.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => {
            const isCurrent = current !== null && p.policyId === current.policyId && p.version === current.version;
            return (
              <tr key={`${p.policyId}@${p.version}`} data-testid={`policy-${p.policyId}-${p.version}`}>
                <th scope="row">{p.name}</th>
                <td className="num">{p.version}</td>
                <td>{p.effectiveFrom}</td>
                <td>{p.effectiveTo ?? '—'}</td>
                <td>{localDateTime(p.publishedAt)}</td>
                <td>{isCurrent ? <strong>{t('district.policy.inForce')}</strong> : current !== null && p.policyId === current.policyId && p.effectiveFrom > current.effectiveFrom ? t('district.policy.upcoming') : t('district.policy.past')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
