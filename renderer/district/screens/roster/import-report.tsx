/** The import's row report: the totals, then every row with its outcome and, when refused, every reason. */
import { useT } from '../../../ui/i18n.js';
import type { RosterImportReport } from '../../../../shared/hub-api/roster-views.js';

export function ImportReport({ report }: { report: RosterImportReport }) {
  const { t, msg } = useT();
  return (
    <div data-testid="roster-import-report">
      <p className={`banner ${report.refused > 0 ? 'warning' : 'ok'}`} data-testid="roster-import-summary">
        {t(report.accepted ? 'district.roster.summaryAccepted' : 'district.roster.summaryDryRun', {
          total: report.total,
          new: report.new,
          changed: report.changed,
          unchanged: report.unchanged,
          refused: report.refused,
          written: report.written,
        })}
      </p>
      {report.warnings.length > 0 && (
        <ul>
          {report.warnings.map((w, i) => (
            <li key={i}>{t('district.roster.lineSays', { line: w.line, text: msg(w.reason) })}</li>
          ))}
        </ul>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="import-caption">
        <table className="table" data-testid="roster-import-rows">
          <caption id="import-caption">{t('district.roster.rowsCaption', { n: report.rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('district.roster.col.line')}</th>
              <th scope="col">{t('district.roster.col.outcome')}</th>
              <th scope="col">{t('district.roster.col.name')}</th>
              <th scope="col">{t('district.roster.col.id')}</th>
              <th scope="col">{t('district.roster.col.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.line} data-testid={`import-line-${r.line}`} data-outcome={r.outcome}>
                <th scope="row" className="num">
                  {r.line}
                </th>
                <td>{t(`district.roster.outcome.${r.outcome}`)}</td>
                <td>{r.name ?? '—'}</td>
                <td className="mono">{r.idMasked ?? '—'}</td>
                <td>{r.reasons.map((m) => msg(m)).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
