/**
 * The subsidy policy in force, read-only: its version, meal periods with times and prices, and each
 * tier's rule in words (the back end writes them as Messages, so they follow the screen's language).
 */
import { useEffect, useState } from 'react';
import type { PolicyView } from '../../../../shared/kiosk-api/settings-views.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';

export function PolicyPanel() {
  const client = useKiosk();
  const { t, msg, yuan, locale } = useT();
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void client.call('policy.describe', {}).then((r) => {
      if (!current) return;
      if (r.ok) setPolicy(r.value);
      else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, msg]);

  return (
    <section aria-labelledby="policy-title" data-testid="policy-panel">
      <h2 id="policy-title">{t('ui.settings.policy')}</h2>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      {policy !== null && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('ui.settings.policyName')}</dt>
              <dd>{policy.name}</dd>
            </div>
            <div>
              <dt>{t('ui.settings.policyRegion')}</dt>
              <dd>{policy.region}</dd>
            </div>
            <div>
              <dt>{t('ui.settings.policyVersion')}</dt>
              <dd data-testid="policy-version">{t('ui.settings.versionFrom', { version: policy.inForce.version, date: policy.inForce.effectiveFrom })}</dd>
            </div>
            <div>
              <dt>{t('ui.settings.timeZone')}</dt>
              <dd>{policy.timeZone}</dd>
            </div>
          </dl>
          {policy.versions.length > 1 && (
            <p className="hint">
              {t('ui.settings.versions')}{' '}
              {policy.versions.map((v) => t('ui.settings.versionFrom', { version: v.version, date: v.effectiveFrom })).join(t('ui.settings.listSep'))}
            </p>
          )}
          <table className="table" data-testid="policy-periods">
            <caption>{t('ui.settings.periods')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.settings.period')}</th>
                <th scope="col">{t('ui.settings.hours')}</th>
                <th scope="col">{t('ui.price.standard')}</th>
              </tr>
            </thead>
            <tbody>
              {policy.periods.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{locale === 'en' && p.nameEn !== null ? p.nameEn : p.name}</th>
                  <td>
                    {p.start}–{p.end}
                  </td>
                  <td>{yuan(p.standardPrice)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('ui.settings.rules')}</h3>
          <p className="hint">{t('ui.settings.rulesOrder')}</p>
          <ol className="rules" data-testid="policy-rules">
            {policy.rules.map((r) => (
              <li key={r.tier}>
                <strong>{r.tier}</strong>
                <ul>
                  {r.text.map((m, i) => (
                    <li key={i}>{msg(m)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <p>
            {t('ui.settings.funding')} {policy.funding.map((f) => f.name).join(t('ui.settings.listSep'))}
          </p>
        </>
      )}
    </section>
  );
}
