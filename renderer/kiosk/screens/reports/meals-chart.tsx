/**
 * Subsidised meals per day, stacked by age band or (switch) by status, with the same numbers in a
 * table beside the chart for anyone who cannot read the chart or wants the exact figures.
 */
import { useState } from 'react';
import { AGE_BANDS } from '../../../../shared/pricing/types.js';
import type { RangeReport } from '../../../../shared/kiosk-api/report-views.js';
import { useT } from '../../../ui/i18n.js';
import { ChartLegend } from '../../../ui/charts/chart-legend.js';
import { StackedBars } from '../../../ui/charts/stacked-bars.js';
import type { ChartSeries, StackedColumn } from '../../../ui/charts/stacked-bars.js';

type By = 'age' | 'status';
/** The status key the back end uses for an elder without a status. */
const NO_STATUS = 'none';

function seriesOf(report: RangeReport, by: By, t: (key: string) => string): ChartSeries[] {
  if (by === 'age') return AGE_BANDS.map((b) => ({ key: b, label: t(`ui.ageBand.${b}`) }));
  const named = report.statusNames.map((s) => ({ key: s.code, label: s.name }));
  return [...named, { key: NO_STATUS, label: t('ui.reports.noStatus') }];
}

function valueOf(day: RangeReport['days'][number], by: By, key: string): number {
  if (by === 'age') return day.byAgeBand[key as (typeof AGE_BANDS)[number]] ?? 0;
  return day.byStatus[key] ?? 0;
}

export function MealsChart({ report }: { report: RangeReport }) {
  const { t } = useT();
  const [by, setBy] = useState<By>('age');
  const all = seriesOf(report, by, t);
  // A series with no meal in the whole range only adds an empty legend entry and a column of zeros.
  const series = all.filter((s) => report.days.some((d) => valueOf(d, by, s.key) > 0));
  const shown = series.length > 0 ? series : all.slice(0, 1);
  const columns: StackedColumn[] = report.days.map((d) => ({ label: d.serviceDate.slice(5), values: shown.map((s) => valueOf(d, by, s.key)) }));
  const title = t(by === 'age' ? 'ui.reports.mealsByAge' : 'ui.reports.mealsByStatus');
  const total = report.days.reduce((n, d) => n + d.checkins, 0);
  const desc = t('ui.reports.mealsDesc', { days: report.days.length, from: report.from, to: report.to, total });

  return (
    <section className="chart-block" aria-labelledby="meals-chart-title">
      <h2 id="meals-chart-title">{title}</h2>
      <fieldset className="switch">
        <legend>{t('ui.reports.stackBy')}</legend>
        {(['age', 'status'] as const).map((b) => (
          <label key={b} className={by === b ? 'chosen' : ''}>
            <input type="radio" name="meals-by" value={b} checked={by === b} onChange={() => setBy(b)} data-testid={`meals-by-${b}`} />
            {t(`ui.reports.by.${b}`)}
          </label>
        ))}
      </fieldset>
      {by === 'status' && <p className="hint">{t('ui.reports.statusNote')}</p>}
      <div className="chart-pair">
        <figure>
          <StackedBars title={title} desc={desc} series={shown} columns={columns} testId="chart-meals" />
          <ChartLegend labels={shown.map((s) => s.label)} label={t('ui.reports.legend')} />
        </figure>
        <div className="chart-table" tabIndex={0} role="region" aria-label={t('ui.reports.dataOf', { title })}>
          <table className="table" data-testid="meals-table">
            <caption>{t('ui.reports.dataOf', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.reports.date')}</th>
                {shown.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
                <th scope="col">{t('ui.reports.total')}</th>
              </tr>
            </thead>
            <tbody>
              {report.days.map((d, i) => (
                <tr key={d.serviceDate}>
                  <th scope="row">{d.serviceDate}</th>
                  {columns[i]?.values.map((v, j) => <td key={shown[j]?.key ?? j}>{v}</td>)}
                  <td>{columns[i]?.values.reduce((a, b) => a + b, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
