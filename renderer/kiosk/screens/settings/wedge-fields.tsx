/**
 * How a keyboard-wedge scan is told from typing (DESIGN.md §3 "Identity"): keys at most maxGapMs
 * apart, at least minLength long, between an optional prefix and suffix; and how the card reader
 * prints a card's UID.
 */
import { useState } from 'react';
import { useT } from '../../../ui/i18n.js';
import { NumberField } from './number-field.js';
import { BOUNDS, draftValid, UID_FORMATS } from './settings-draft.js';
import type { SettingsDraft } from './settings-draft.js';
import { WedgeTest } from './wedge-test.js';

export function WedgeFields({ draft, onChange }: { draft: SettingsDraft; onChange: (patch: Partial<SettingsDraft>) => void }) {
  const { t } = useT();
  const [testing, setTesting] = useState(false);
  return (
    <fieldset className="wedge-fields">
      <legend>{t('ui.settings.wedge')}</legend>
      <p className="hint">{t('ui.settings.wedgeWhy')}</p>
      <div className="field-row">
        <NumberField label={t('ui.settings.maxGapMs')} value={draft.maxGapMs} min={BOUNDS.maxGapMs[0]} max={BOUNDS.maxGapMs[1]} onChange={(v) => onChange({ maxGapMs: v })} testId="settings-maxGapMs" />
        <NumberField label={t('ui.settings.minLength')} value={draft.minLength} min={BOUNDS.minLength[0]} max={BOUNDS.minLength[1]} onChange={(v) => onChange({ minLength: v })} testId="settings-minLength" />
        <label className="field">
          <span>{t('ui.settings.prefix')}</span>
          <input value={draft.prefix} maxLength={8} autoComplete="off" className="mono" onChange={(e) => onChange({ prefix: e.target.value })} data-testid="settings-prefix" />
        </label>
        <label className="field">
          <span>{t('ui.settings.suffix')}</span>
          <input value={draft.suffix} maxLength={8} autoComplete="off" className="mono" onChange={(e) => onChange({ suffix: e.target.value })} data-testid="settings-suffix" />
        </label>
      </div>
      <label className="field">
        <span>{t('ui.settings.uidFormat')}</span>
        <select value={draft.uidFormat} onChange={(e) => onChange({ uidFormat: UID_FORMATS.find((f) => f === e.target.value) ?? draft.uidFormat })} data-testid="settings-uidFormat">
          {UID_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`ui.settings.uid.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button secondary" aria-expanded={testing} onClick={() => setTesting((v) => !v)} disabled={!testing && !draftValid(draft)} data-testid="wedge-test-toggle">
        {testing ? t('ui.settings.wedgeTestStop') : t('ui.settings.wedgeTestStart')}
      </button>
      {testing && draftValid(draft) && (
        <WedgeTest rules={{ maxGapMs: Number(draft.maxGapMs), minLength: Number(draft.minLength), prefix: draft.prefix, suffix: draft.suffix }} />
      )}
    </fieldset>
  );
}
