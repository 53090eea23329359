/** The range's subsidy by funding source (city, district, town …) as horizontal bars, and as a table. */
import type { RangeReport } from '../../../../shared/kiosk-api/report-views.js';
import { useT } from '../../../ui/i18n.js';
import { HorizontalBars } from '../../../ui/charts/horizontal-bars.js';

export function FundingChart({ report }: { report: RangeReport }) {
  const { t, yuan } = useT();
  const title = t('ui.reports.byFunding');
  const lines = report.byFunding.map((f) => ({ key: f.source, label: f.name, value: f.amount, shown: yuan(f.amount) }));
  const desc = t('ui.reports.fundingDesc', { from: report.from, to: report.to, total: yuan(report.totals.subsidy) });
  return (
    <section className="chart-block" aria-labelledby="funding-chart-title">
      <h2 id="funding-chart-title">{title}</h2>
      {lines.length === 0 ? (
        <p>{t('ui.reports.noSubsidy')}</p>
      ) : (
        <div className="chart-pair">
          <figure>
            <HorizontalBars title={title} desc={desc} lines={lines} testId="chart-funding" />
          </figure>
          <table className="table" data-testid="funding-table">
            <caption>{t('ui.reports.dataOf', { title })}</caption>
            <tbody>
              {lines.map((l) => (
                <tr key={l.key}>
                  <th scope="row">{l.label}</th>
                  <td>{l.shown}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('ui.reports.total')}</th>
                <td>{yuan(report.totals.subsidy)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
