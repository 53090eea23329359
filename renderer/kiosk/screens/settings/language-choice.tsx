/** The screens' language: any cashier may switch it (settings.locale), so it applies at once. */
import { LOCALE_CODES } from '../../../../shared/kiosk-api/views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';

export function LanguageChoice({ session, onSession, onProblem }: { session: SessionView; onSession: (s: SessionView) => void; onProblem: (p: string | null) => void }) {
  const client = useKiosk();
  const { t, msg } = useT();
  async function choose(locale: (typeof LOCALE_CODES)[number]): Promise<void> {
    const r = await client.call('settings.locale', { locale });
    if (r.ok) {
      onProblem(null);
      onSession(r.value);
      announce('locale', { locale });
    } else onProblem(msg(r.error.message));
  }
  return (
    <label className="field">
      <span>{t('ui.settings.language')}</span>
      <select
        value={session.settings.locale}
        onChange={(e) => {
          const locale = LOCALE_CODES.find((l) => l === e.target.value);
          if (locale !== undefined) void choose(locale);
        }}
        data-testid="settings-locale"
      >
        {LOCALE_CODES.map((l) => (
          // Each language's name in itself, so a reader of either can find their own.
          <option key={l} value={l} lang={l}>
            {t(`ui.settings.locale.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
