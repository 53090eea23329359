/**
 * The kiosk's settings (manager): lock timeout, speech, tones, volume and the wedge scanner's timing,
 * saved together with settings.save. The language sits above the form and applies at once.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { LanguageChoice } from './language-choice.js';
import { NumberField } from './number-field.js';
import { BOUNDS, draftOf, draftValid, settingsOf } from './settings-draft.js';
import type { SettingsDraft } from './settings-draft.js';
import { WedgeFields } from './wedge-fields.js';

export function DisplaySettingsForm({ session, onSession }: { session: SessionView; onSession: (s: SessionView) => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(session.settings));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const patch = (p: Partial<SettingsDraft>): void => {
    setDraft((d) => ({ ...d, ...p }));
    setSaved(false);
  };

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!draftValid(draft)) {
      setProblem(t('ui.settings.fixFields'));
      return;
    }
    const settings = settingsOf(draft, session.settings.locale);
    const r = await guard(() => client.call('settings.save', settings));
    if (r.ok) {
      setProblem(null);
      setSaved(true);
      onSession(r.value);
      announce('settings-saved', {});
    } else setProblem(msg(r.error.message));
  }

  return (
    <section aria-labelledby="settings-kiosk-title">
      <h2 id="settings-kiosk-title">{t('ui.settings.kiosk')}</h2>
      <LanguageChoice session={session} onSession={onSession} onProblem={setProblem} />
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <NumberField
          label={t('ui.settings.lockMinutes')}
          value={draft.lockMinutes}
          min={BOUNDS.lockMinutes[0]}
          max={BOUNDS.lockMinutes[1]}
          onChange={(v) => patch({ lockMinutes: v })}
          testId="settings-lockMinutes"
        />
        <p className="hint">{t('ui.settings.lockNever')}</p>
        <fieldset className="checks">
          <legend>{t('ui.settings.sound')}</legend>
          <label className="check">
            <input type="checkbox" checked={draft.speech} onChange={(e) => patch({ speech: e.target.checked })} data-testid="settings-speech" />
            {t('ui.settings.speech')}
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.sounds} onChange={(e) => patch({ sounds: e.target.checked })} data-testid="settings-sounds" />
            {t('ui.settings.sounds')}
          </label>
        </fieldset>
        <label className="field">
          <span>{t('ui.settings.volume', { n: draft.volume })}</span>
          <input
            type="range"
            min={BOUNDS.volume[0]}
            max={BOUNDS.volume[1]}
            step={5}
            value={draft.volume === '' ? '0' : draft.volume}
            onChange={(e) => patch({ volume: e.target.value })}
            data-testid="settings-volume"
          />
        </label>
        <WedgeFields draft={draft} onChange={patch} />
        {problem !== null && (
          <p className="banner error" role="alert">
            {problem}
          </p>
        )}
        {saved && (
          <p className="banner ok" role="status" data-testid="settings-saved">
            {t('ui.settings.saved')}
          </p>
        )}
        <button type="submit" className="button big primary" data-testid="settings-save">
          {t('ui.settings.save')}
        </button>
      </form>
    </section>
  );
}
