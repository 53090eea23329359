/**
 * CSV / XLSX / JSON of the list a screen shows: the same URL and filters as the table, with
 * ?format=. Everything a table shows can be taken to Excel (issue 5).
 */
import { useState } from 'react';
import { EXPORT_FORMATS } from '../../../shared/hub-api/routes.js';
import type { ExportFormat } from '../../../shared/hub-api/routes.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import type { Query } from '../api/hub-client.js';
import { useHub } from '../app/hub-context.js';
import { saveFile } from './save-file.js';

/** Spreadsheet formats first: that is what district staff take away. */
const ORDER: readonly ExportFormat[] = ['csv', 'xlsx', 'json'].filter((f): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f));

export function ExportButtons({ path, query, name, label, testId }: { path: string; query: Query; name: string; label: string; testId: string }) {
  const { client, say } = useHub();
  const { t } = useT();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(format: ExportFormat): Promise<void> {
    setBusy(format);
    const r = await client.exportFile(path, query, format, name);
    setBusy(null);
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(null);
    saveFile(r.value.fileName, r.value.blob);
    say(t('district.export.saved', { file: r.value.fileName }));
    announce('exported', { fileName: r.value.fileName, format, path });
  }

  return (
    <div className="export-buttons" role="group" aria-label={label}>
      {ORDER.map((f) => (
        <button key={f} type="button" className="button secondary small" disabled={busy !== null} onClick={() => void run(f)} data-testid={`${testId}-${f}`}>
          {busy === f ? t('district.export.busy') : t(`district.export.${f}`)}
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
