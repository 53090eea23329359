/** What a roster file holds, row by row: the counts, then every bad row with its line and reason, then the warnings. */
import type { ImportReportView } from '../../../../shared/kiosk-api/roster-views.js';
import { useT } from '../../../ui/i18n.js';

export function ImportReport({ report }: { report: ImportReportView }) {
  const { t } = useT();
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
      <LineMessages rows={report.problems} caption={t('ui.import.problems')} className="problems" testId="import-problems" rowTestId="import-problem" />
      <LineMessages rows={report.warnings} caption={t('ui.import.warnings')} className="warnings" testId="import-warnings" rowTestId="import-warning" />
    </div>
  );
}

/** A table of file lines with a message each (problems or warnings); nothing when there are none. */
function LineMessages({
  rows,
  caption,
  className,
  testId,
  rowTestId,
}: {
  rows: ImportReportView['problems'];
  caption: string;
  className: string;
  testId: string;
  rowTestId: string;
}) {
  const { t, msg } = useT();
  if (rows.length === 0) return null;
  return (
    <table className={`table ${className}`} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.import.line')}</th>
          <th scope="col">{t('ui.import.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p, i) => (
          <tr key={i} data-testid={rowTestId}>
            <td>{p.line === 0 ? t('ui.import.wholeFile') : p.line}</td>
            <td>{msg(p.message)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
