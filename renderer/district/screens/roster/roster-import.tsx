/**
 * Importing a roster file (admin): choose a CSV or XLSX, see what every row would do — new, changed,
 * unchanged, or refused with every reason — and only then accept the good rows. The same file is sent
 * twice (dry run, then accept) so the hub judges exactly what the admin saw; refused rows are never
 * written (DESIGN §3: nothing imported unless the manager accepts the good rows).
 */
import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import type { RosterImportReport } from '../../../../shared/hub-api/roster-views.js';
import { MAX_ROSTER_FILE_BYTES } from '../../../../shared/hub-api/roster-views.js';
import { formatOfName, importRoster, toBase64 } from '../../api/roster-api.js';
import type { RosterImportBody } from '../../api/roster-api.js';
import { useHub } from '../../app/hub-context.js';
import { Problem } from '../../parts/load-state.js';
import { ImportReport } from './import-report.js';

export function RosterImport({ onClose, onAccepted }: { onClose: () => void; onAccepted: () => void }) {
  const { client, say } = useHub();
  const { t } = useT();
  const [file, setFile] = useState<Omit<RosterImportBody, 'accept'> | null>(null);
  const [report, setReport] = useState<RosterImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(e: ChangeEvent<HTMLInputElement>): Promise<void> {
    const chosen = e.target.files?.[0];
    setReport(null);
    setProblem(null);
    setFile(null);
    if (chosen === undefined) return;
    if (chosen.size > MAX_ROSTER_FILE_BYTES) return setProblem(t('district.roster.fileTooLarge', { mb: MAX_ROSTER_FILE_BYTES / 1024 / 1024 }));
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const format = formatOfName(chosen.name);
    const body = { fileName: chosen.name, contentBase64: toBase64(bytes), ...(format === undefined ? {} : { format }) };
    setFile(body);
    await run(body, false);
  }

  async function run(body: Omit<RosterImportBody, 'accept'>, accept: boolean): Promise<void> {
    setBusy(true);
    const r = await importRoster(client, { ...body, accept });
    setBusy(false);
    if (!r.ok) return setProblem(r.error.message);
    setProblem(null);
    setReport(r.value);
    const counts = { new: r.value.new, changed: r.value.changed, unchanged: r.value.unchanged, refused: r.value.refused, written: r.value.written };
    say(t(accept ? 'district.roster.saidAccepted' : 'district.roster.saidDryRun', counts));
    announce(accept ? 'roster-import-accepted' : 'roster-import-report', counts);
    if (accept) onAccepted();
  }

  const canAccept = file !== null && report !== null && !report.accepted && report.new + report.changed > 0;
  return (
    <section className="panel" aria-labelledby="roster-import-title" data-testid="roster-import">
      <h2 id="roster-import-title">{t('district.roster.import')}</h2>
      <p className="hint">{t('district.roster.importHint')}</p>
      <label className="field">
        <span>{t('district.roster.file')}</span>
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void choose(e)} disabled={busy} data-testid="roster-file" />
      </label>
      {busy && (
        <p className="hint" role="status">
          {t('district.roster.reading')}
        </p>
      )}
      <Problem text={problem} />
      {report !== null && <ImportReport report={report} />}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onClose} data-testid="roster-import-close">
          {report?.accepted === true ? t('district.roster.close') : t('district.cancel')}
        </button>
        {canAccept && (
          <button type="button" className="button primary" disabled={busy} onClick={() => void run(file, true)} data-testid="roster-import-accept">
            {t('district.roster.accept', { n: report.new + report.changed })}
          </button>
        )}
      </div>
    </section>
  );
}
