/** CSV and XLSX exports of a report (the range, or the absence list of one day). */
import { useState } from 'react';
import { EXPORT_FORMATS } from '../../../../shared/kiosk-api/report-views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { downloadBase64 } from './download.js';

export function ExportButtons({ report, from, to }: { report: 'range' | 'absent'; from: string; to: string }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(format: (typeof EXPORT_FORMATS)[number]): Promise<void> {
    setBusy(true);
    const r = await guard(() => client.call('reports.export', { report, from, to, format }));
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      downloadBase64(r.value.fileName, r.value.mime, r.value.base64);
      announce('exported', { fileName: r.value.fileName, report, format });
    } else setProblem(msg(r.error.message));
  }

  return (
    <div className="export-buttons" role="group" aria-label={t(`ui.reports.export.${report}`)}>
      {EXPORT_FORMATS.map((f) => (
        <button key={f} type="button" className="button secondary" disabled={busy} onClick={() => void run(f)} data-testid={`export-${report}-${f}`}>
          {t(`ui.reports.export.${f}`)}
        </button>
      ))}
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
