/**
 * Meals per day over the filter's range, claimable and not claimable stacked — the SVG bar chart the
 * kiosk's reports draw too (renderer/ui/charts: patterns as well as colours, a <title> and <desc>, no
 * chart library), with the same numbers in a table beside it for anyone who cannot read the chart.
 */
import type { DailyCountsView } from '../../../../shared/hub-api/counting-views.js';
import { useT } from '../../../ui/i18n.js';
import { ChartLegend } from '../../../ui/charts/chart-legend.js';
import { StackedBars } from '../../../ui/charts/stacked-bars.js';
import type { ChartSeries, StackedColumn } from '../../../ui/charts/stacked-bars.js';

export function MealsPerDayChart({ view }: { view: DailyCountsView }) {
  const { t, yuan } = useT();
  const series: ChartSeries[] = [
    { key: 'claimable', label: t('district.counts.claimable') },
    { key: 'other', label: t('district.counts.notClaimable') },
  ];
  const columns: StackedColumn[] = view.series.map((p) => ({ label: p.serviceDate.slice(5), values: [p.claimableMeals, p.meals - p.claimableMeals] }));
  const total = view.series.reduce((n, p) => n + p.meals, 0);
  const title = t('district.counts.chartTitle');
  const desc = t('district.counts.chartDesc', { days: view.series.length, from: view.from, to: view.to, total });
  return (
    <section className="chart-block" aria-labelledby="meals-chart-title">
      <h2 id="meals-chart-title">{title}</h2>
      <div className="chart-pair">
        <figure>
          <StackedBars title={title} desc={desc} series={series} columns={columns} testId="counts-chart" />
          <ChartLegend labels={series.map((s) => s.label)} label={t('district.counts.legend')} />
        </figure>
        <div className="table-wrap chart-table" tabIndex={0} role="region" aria-labelledby="meals-chart-data">
          <table className="table">
            <caption id="meals-chart-data">{t('district.counts.chartData')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district.col.date')}</th>
                <th scope="col" className="num">
                  {t('district.col.meals')}
                </th>
                <th scope="col" className="num">
                  {t('district.counts.claimable')}
                </th>
                <th scope="col" className="num">
                  {t('district.col.subsidy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.series.map((p) => (
                <tr key={p.serviceDate}>
                  <th scope="row">{p.serviceDate}</th>
                  <td className="num">{p.meals}</td>
                  <td className="num">{p.claimableMeals}</td>
                  <td className="num">{yuan(p.subsidy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
