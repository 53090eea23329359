/** What a roster file holds, row by row: the counts, then every bad row with its line, column and reason. */
import type { ImportReportView } from '../../../../shared/kiosk-api/roster-views.js';
import { useT } from '../../../ui/i18n.js';

export function ImportReport({ report }: { report: ImportReportView }) {
  const { t, msg } = useT();
  return (
    <div className="import-report" data-testid="import-report">
      <dl className="facts">
        <div>
          <dt>{t('ui.import.file')}</dt>
          <dd>{report.fileName}</dd>
        </div>
        <div>
          <dt>{t('ui.import.rows')}</dt>
          <dd data-testid="import-rows">{report.rows}</dd>
        </div>
        <div>
          <dt>{t('ui.import.good')}</dt>
          <dd data-testid="import-good">{report.good}</dd>
        </div>
        <div>
          <dt>{t('ui.import.created')}</dt>
          <dd data-testid="import-created">{report.created}</dd>
        </div>
        <div>
          <dt>{t('ui.import.updated')}</dt>
          <dd data-testid="import-updated">{report.updated}</dd>
        </div>
        <div>
          <dt>{t('ui.import.bad')}</dt>
          <dd data-testid="import-bad">{report.problems.length}</dd>
        </div>
      </dl>
      {report.problems.length > 0 && (
        <table className="table problems" data-testid="import-problems">
          <caption>{t('ui.import.problems')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.import.line')}</th>
              <th scope="col">{t('ui.import.column')}</th>
              <th scope="col">{t('ui.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i} data-testid="import-problem">
                <td>{p.line === 0 ? t('ui.import.wholeFile') : p.line}</td>
                <td>{p.column ?? '—'}</td>
                <td>{msg(p.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
