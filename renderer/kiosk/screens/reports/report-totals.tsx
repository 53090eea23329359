/** The range's totals: meals, full-price sales, elders served, subsidy and what the elders paid. */
import type { RangeReport } from '../../../../shared/kiosk-api/report-views.js';
import { useT } from '../../../ui/i18n.js';

export function ReportTotals({ report, today }: { report: RangeReport; today: string }) {
  const { t, yuan } = useT();
  // Days still to come (the rest of this month) have served nobody yet: they do not lower the average.
  const days = report.days.filter((d) => d.serviceDate <= today).length;
  const items: readonly [string, string, string][] = [
    ['checkins', t('ui.reports.checkins'), String(report.totals.checkins)],
    ['sales', t('ui.reports.sales'), String(report.totals.sales)],
    ['elders', t('ui.reports.elders'), String(report.totals.elders)],
    // True daily averages decide a canteen's class (20+ elders a day): shown, not claimed.
    ['average', t('ui.reports.perDay'), days === 0 ? '—' : (report.totals.checkins / days).toFixed(1)],
    ['subsidy', t('ui.price.subsidy'), yuan(report.totals.subsidy)],
    ['personal', t('ui.reports.personal'), yuan(report.totals.personal)],
  ];
  return (
    <dl className="totals" data-testid="report-totals">
      {items.map(([key, label, value]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd data-testid={`total-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
