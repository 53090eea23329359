/** The elder's meals of the last 60 days, newest first; voided and back-filled ones marked in words. */
import type { ElderDetail } from '../../../../shared/kiosk-api/roster-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { useT } from '../../../ui/i18n.js';

export function ElderMeals({ session, meals }: { session: SessionView; meals: ElderDetail['meals'] }) {
  const { t, yuan } = useT();
  const periodName = (id: string | null): string => session.periods.find((p) => p.id === id)?.name ?? id ?? '—';
  const time = (iso: string): string =>
    new Date(iso).toLocaleTimeString(session.settings.locale, { timeZone: session.timeZone, hour: '2-digit', minute: '2-digit' });
  return (
    <table className="table" data-testid="elder-meals">
      <caption>{t('ui.roster.meals', { n: meals.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.roster.mealDate')}</th>
          <th scope="col">{t('ui.roster.mealPeriod')}</th>
          <th scope="col">{t('ui.price.personal')}</th>
          <th scope="col">{t('ui.price.subsidy')}</th>
          <th scope="col">{t('ui.roster.mealNote')}</th>
        </tr>
      </thead>
      <tbody>
        {meals.map((m) => (
          <tr key={m.seq} className={m.voided ? 'voided' : ''}>
            <td>
              {m.serviceDate} {time(m.at)}
            </td>
            <td>{periodName(m.periodId)}</td>
            <td>{yuan(m.personal)}</td>
            <td>{yuan(m.subsidy)}</td>
            <td>{[m.voided ? t('ui.roster.mealVoided') : '', m.backfilled ? t('ui.roster.mealBackfilled') : ''].filter((s) => s !== '').join(' · ')}</td>
          </tr>
        ))}
        {meals.length === 0 && (
          <tr>
            <td colSpan={5}>{t('ui.roster.noMeals')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
