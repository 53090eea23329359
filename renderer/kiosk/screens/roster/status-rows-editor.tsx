/**
 * An elder's statuses with their dates (either end may be open). The codes come from the policy's
 * vocabulary when the screen has it; otherwise the code is typed (the back end refuses an unknown one).
 */
import type { ElderEdit } from '../../../../shared/kiosk-api/roster-views.js';
import { useT } from '../../../ui/i18n.js';
import type { StatusName } from './use-status-names.js';

export type StatusRow = ElderEdit['statuses'][number];

export function StatusRowsEditor({ rows, statuses, onChange }: { rows: readonly StatusRow[]; statuses: readonly StatusName[]; onChange: (rows: StatusRow[]) => void }) {
  const { t } = useT();
  const update = (i: number, patch: Partial<StatusRow>): void => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const date = (value: string): string | null => (value === '' ? null : value);
  return (
    <fieldset className="status-rows" data-testid="status-rows">
      <legend>{t('ui.roster.statuses')}</legend>
      {rows.map((row, i) => (
        <div key={i} className="status-row" role="group" aria-label={t('ui.roster.statusN', { n: i + 1 })}>
          <label className="field">
            <span>{t('ui.roster.status')}</span>
            {statuses.length > 0 ? (
              <select value={row.code} onChange={(e) => update(i, { code: e.target.value })} data-testid="status-code">
                <option value="">{t('ui.roster.pickStatus')}</option>
                {statuses.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name}
                  </option>
                ))}
                {row.code !== '' && !statuses.some((s) => s.code === row.code) && <option value={row.code}>{row.code}</option>}
              </select>
            ) : (
              <input value={row.code} maxLength={40} onChange={(e) => update(i, { code: e.target.value.trim() })} data-testid="status-code" />
            )}
          </label>
          <label className="field">
            <span>{t('ui.roster.validFrom')}</span>
            <input type="date" value={row.validFrom ?? ''} onChange={(e) => update(i, { validFrom: date(e.target.value) })} />
          </label>
          <label className="field">
            <span>{t('ui.roster.validTo')}</span>
            <input type="date" value={row.validTo ?? ''} min={row.validFrom ?? undefined} onChange={(e) => update(i, { validTo: date(e.target.value) })} />
          </label>
          <button type="button" className="button small secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('ui.roster.removeStatus')}
          </button>
        </div>
      ))}
      {rows.length < 20 && (
        <button type="button" className="button small" onClick={() => onChange([...rows, { code: '', validFrom: null, validTo: null }])} data-testid="status-add">
          {t('ui.roster.addStatus')}
        </button>
      )}
    </fieldset>
  );
}
