/**
 * Reports (manager): today, this month, a chosen month or range — totals, meals per day by age band
 * or status, the subsidy by funding source, CSV / XLSX exports — and today's absence list.
 */
import { useEffect, useState } from 'react';
import type { RangeReport } from '../../../../shared/kiosk-api/report-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { AbsenceList } from './absence-list.js';
import { ExportButtons } from './export-buttons.js';
import { FundingChart } from './funding-chart.js';
import { MealsChart } from './meals-chart.js';
import { RangePicker } from './range-picker.js';
import type { ReportQuery } from './range-picker.js';
import { ReportTotals } from './report-totals.js';

export function ReportsScreen({ session }: { session: SessionView }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [query, setQuery] = useState<ReportQuery>({ kind: 'range', from: session.serviceDate, to: session.serviceDate });
  const [report, setReport] = useState<RangeReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const call = query.kind === 'month' ? () => client.call('reports.month', { month: query.month }) : () => client.call('reports.range', { from: query.from, to: query.to });
    void guard(call).then((r) => {
      if (!current) return;
      setLoading(false);
      if (r.ok) {
        setReport(r.value);
        setProblem(null);
        announce('report', { days: r.value.days.length, from: r.value.from, to: r.value.to });
      } else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, guard, msg, query]);

  return (
    <main className="reports-screen" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('ui.reports.title')}</h1>
      <RangePicker today={session.serviceDate} onPick={setQuery} />
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      {loading && <p role="status">{t('ui.reports.loading')}</p>}
      {report !== null && (
        <section className="report" aria-labelledby="report-range" data-testid="report">
          <div className="screen-head">
            <h2 id="report-range">{report.from === report.to ? t('ui.reports.oneDay', { date: report.from }) : t('ui.reports.range', { from: report.from, to: report.to })}</h2>
            <ExportButtons report="range" from={report.from} to={report.to} />
          </div>
          <ReportTotals report={report} today={session.serviceDate} />
          <MealsChart report={report} />
          <FundingChart report={report} />
        </section>
      )}
      <AbsenceList today={session.serviceDate} />
    </main>
  );
}
