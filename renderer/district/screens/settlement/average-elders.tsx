/**
 * Average daily elders per canteen in the month (for grading: canteens serving 20+ elders a day on
 * average get a larger yearly grant). The hub counts distinct elders with a subsidised meal per day,
 * from the ledgers — true averages, not what a canteen claims.
 */
import { useT } from '../../../ui/i18n.js';
import { averageElders, averageEldersPath } from '../../api/counting-api.js';
import { useHub } from '../../app/hub-context.js';
import { useLoad } from '../../app/use-load.js';
import { ExportButtons } from '../../parts/export-buttons.js';
import { LoadState } from '../../parts/load-state.js';

export function AverageElders({ month }: { month: string }) {
  const { client } = useHub();
  const { t, locale } = useT();
  const { loaded, reload } = useLoad(() => averageElders(client, month), [client, month]);
  const view = loaded.state === 'ready' ? loaded.value : null;
  const average = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <section aria-labelledby="grading-title">
      <div className="screen-head">
        <h2 id="grading-title">{t('district.grading.title', { month })}</h2>
        <ExportButtons path={averageEldersPath(month)} query={{}} name={`average-elders-${month}`} label={t('district.grading.export')} testId="grading-export" />
      </div>
      <p className="hint">{t('district.grading.hint')}</p>
      <LoadState loaded={loaded} onRetry={reload} />
      {view !== null && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="grading-title">
          <table className="table" data-testid="grading-table">
            <thead>
              <tr>
                <th scope="col">{t('district.col.canteen')}</th>
                <th scope="col" className="num">
                  {t('district.grading.daysServed')}
                </th>
                <th scope="col" className="num">
                  {t('district.grading.elderDays')}
                </th>
                <th scope="col" className="num">
                  {t('district.grading.average')}
                </th>
                <th scope="col" className="num">
                  {t('district.grading.distinct')}
                </th>
                <th scope="col">{t('district.grading.line')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.canteenId}>
                  <th scope="row">{r.canteenName}</th>
                  <td className="num">{r.daysServed}</td>
                  <td className="num">{r.elderDays}</td>
                  <td className="num">{average.format(r.averageDailyElders)}</td>
                  <td className="num">{r.distinctElders}</td>
                  <td>{r.atLeast20 ? <span className="flag ok">{t('district.grading.reached')}</span> : t('district.grading.notReached')}</td>
                </tr>
              ))}
              {view.rows.length === 0 && (
                <tr>
                  <td colSpan={6}>{t('district.settle.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
