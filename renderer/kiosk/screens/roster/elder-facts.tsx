/** An elder's details and statuses as the manager reads them (statuses never reach the elder's display). */
import type { ElderDetail } from '../../../../shared/kiosk-api/roster-views.js';
import { useT } from '../../../ui/i18n.js';

export function ElderFacts({ elder }: { elder: ElderDetail }) {
  const { t } = useT();
  const yesNo = (b: boolean): string => (b ? t('ui.roster.yes') : t('ui.roster.no'));
  const facts: readonly [string, string][] = [
    [t('ui.roster.idMasked'), elder.idMasked],
    [t('ui.roster.birthDate'), `${elder.birthDate} (${t('ui.ageYears', { age: elder.age })}, ${t(`ui.ageBand.${elder.ageBand}`)})`],
    [t('ui.roster.sex'), t(`ui.roster.sex.${elder.sex}`)],
    [t('ui.roster.phone'), elder.phone ?? '—'],
    [t('ui.roster.hukouRegion'), elder.hukouRegion ?? '—'],
    [t('ui.roster.residenceRegion'), elder.residenceRegion ?? '—'],
    [t('ui.roster.dietAlert'), elder.dietAlert ?? '—'],
    [t('ui.roster.regular'), yesNo(elder.regular)],
    [t('ui.roster.livesAlone'), yesNo(elder.livesAlone)],
    [t('ui.roster.careHome'), yesNo(elder.careHome)],
  ];
  return (
    <section aria-labelledby="elder-facts-title">
      <h3 id="elder-facts-title">{t('ui.roster.details')}</h3>
      <dl className="facts" data-testid="elder-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={label === t('ui.roster.idMasked') ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <table className="table">
        <caption>{t('ui.roster.statuses')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.roster.status')}</th>
            <th scope="col">{t('ui.roster.validFrom')}</th>
            <th scope="col">{t('ui.roster.validTo')}</th>
          </tr>
        </thead>
        <tbody>
          {elder.statusRows.map((s, i) => (
            <tr key={`${s.code}-${i}`}>
              <td>
                {s.name} <span className="mono hint">{s.code}</span>
              </td>
              <td>{s.validFrom ?? t('ui.roster.open')}</td>
              <td>{s.validTo ?? t('ui.roster.open')}</td>
            </tr>
          ))}
          {elder.statusRows.length === 0 && (
            <tr>
              <td colSpan={3}>{t('ui.roster.noStatus')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
