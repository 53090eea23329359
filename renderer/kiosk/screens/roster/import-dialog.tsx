/**
 * Importing a roster file (CSV or XLSX) in two steps: a dry run that reports every row, then — only
 * if the manager accepts — the good rows written. Bad rows are never imported; nothing is written
 * before the accept.
 */
import { useState } from 'react';
import type { ImportReportView } from '../../../../shared/kiosk-api/roster-views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { Dialog } from '../dialog.js';
import { ImportReport } from './import-report.js';
import { readAsBase64 } from './read-file.js';
import { useEscape } from './use-escape.js';

type Step = { kind: 'pick' } | { kind: 'reading' } | { kind: 'preview'; report: ImportReportView } | { kind: 'accepting'; report: ImportReportView } | { kind: 'done'; report: ImportReportView };

export function ImportDialog({ onImported, onClose }: { onImported: () => void; onClose: () => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [problem, setProblem] = useState<string | null>(null);
  useEscape(onClose);

  async function pick(file: File | undefined): Promise<void> {
    if (file === undefined) return;
    setProblem(null);
    setStep({ kind: 'reading' });
    let base64: string;
    try {
      base64 = await readAsBase64(file);
    } catch {
      setProblem(t('ui.import.unreadable'));
      setStep({ kind: 'pick' });
      return;
    }
    const r = await guard(() => client.call('roster.importPreview', { fileName: file.name.slice(0, 200), base64 }));
    if (r.ok) {
      setStep({ kind: 'preview', report: r.value });
      announce('roster-preview', { rows: r.value.rows, good: r.value.good, problems: r.value.problems.length });
    } else {
      setProblem(msg(r.error.message));
      setStep({ kind: 'pick' });
    }
  }

  async function accept(report: ImportReportView): Promise<void> {
    setStep({ kind: 'accepting', report });
    const r = await guard(() => client.call('roster.importAccept', { previewId: report.previewId }));
    if (r.ok) {
      setStep({ kind: 'done', report: r.value });
      onImported();
      announce('roster-imported', { rows: r.value.rows, good: r.value.good, created: r.value.created, updated: r.value.updated, problems: r.value.problems.length });
    } else {
      setProblem(msg(r.error.message));
      setStep({ kind: 'preview', report });
    }
  }

  return (
    <Dialog title={t('ui.import.title')} onClose={onClose}>
      <p>{t('ui.import.why')}</p>
      {(step.kind === 'pick' || step.kind === 'preview') && (
        <label className="field">
          <span>{t('ui.import.pick')}</span>
          <input type="file" accept=".csv,.xlsx" onChange={(e) => void pick(e.target.files?.[0])} data-testid="import-file" />
        </label>
      )}
      {step.kind === 'reading' && <p role="status">{t('ui.import.reading')}</p>}
      {problem !== null && (
        <p className="banner error" role="alert" data-testid="import-error">
          {problem}
        </p>
      )}
      {(step.kind === 'preview' || step.kind === 'accepting') && (
        <>
          <ImportReport report={step.report} />
          {step.report.good > 0 && step.report.previewId !== '' ? (
            <button type="button" className="button big primary" disabled={step.kind === 'accepting'} onClick={() => void accept(step.report)} data-testid="import-accept">
              {t('ui.import.accept', { n: step.report.good })}
            </button>
          ) : (
            <p className="banner warning" role="status">
              {t('ui.import.nothingGood')}
            </p>
          )}
        </>
      )}
      {step.kind === 'done' && (
        <>
          <p className="banner ok" role="status" data-testid="import-done">
            {t('ui.import.done', { created: step.report.created, updated: step.report.updated })}
          </p>
          <ImportReport report={step.report} />
          <button type="button" className="button" onClick={onClose}>
            {t('ui.close')}
          </button>
        </>
      )}
    </Dialog>
  );
}
