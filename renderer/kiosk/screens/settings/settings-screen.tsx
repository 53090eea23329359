/**
 * Settings (manager): the canteen (read-only), the kiosk's own settings with the wedge test, the policy in force, operators
 * and readers. The manager panels are shown once one manager call has gone through: asking for the
 * manager PIN once, not once per panel (two prompts at a time would leave one unanswered).
 */
import { useEffect, useState } from 'react';
import type { OperatorView, SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { CanteenPanel } from './canteen-panel.js';
import { DisplaySettingsForm } from './display-settings-form.js';
import { OperatorsPanel } from './operators-panel.js';
import { PolicyPanel } from './policy-panel.js';
import { ReadersPanel } from './readers-panel.js';

export function SettingsScreen({ session, onSession }: { session: SessionView; onSession: (s: SessionView) => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [operators, setOperators] = useState<readonly OperatorView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void guard(() => client.call('operators.list', {})).then((r) => {
      if (!current) return;
      if (r.ok) {
        setOperators(r.value);
        setProblem(null);
        announce('settings', {});
      } else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, guard, msg, attempt]);

  return (
    <main className="settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('ui.settings.title')}</h1>
      {problem !== null && (
        <div className="banner error" role="alert">
          <p>{problem}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('ui.settings.retry')}
          </button>
        </div>
      )}
      <div className="settings-grid">
        <CanteenPanel session={session} />
        <DisplaySettingsForm session={session} onSession={onSession} />
        <PolicyPanel />
        {operators !== null && <OperatorsPanel initial={operators} />}
        {operators !== null && <ReadersPanel session={session} />}
      </div>
    </main>
  );
}
