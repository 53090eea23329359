/** Shift start: pick your name, enter your PIN. Also the lock screen, where the name is fixed. */
import { useEffect, useState } from 'react';
import type { OperatorView, SessionView } from '../../../shared/kiosk-api/views.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { PinPad } from './pin-pad.js';

export function SignInScreen({ session, onSession }: { session: SessionView; onSession: (s: SessionView) => void }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const locked = session.locked && session.operator !== null;
  const [operators, setOperators] = useState<OperatorView[]>([]);
  const [chosen, setChosen] = useState<string | null>(locked ? (session.operator?.id ?? null) : null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void client.call('session.operators', {}).then((r) => {
      if (r.ok) setOperators(r.value);
    });
  }, [client]);

  async function submit(pin: string): Promise<void> {
    if (chosen === null) return;
    const r = locked ? await client.call('session.unlock', { operatorId: chosen, pin }) : await client.call('session.start', { operatorId: chosen, pin });
    if (r.ok) onSession(r.value);
    else setProblem(msg(r.error.message));
  }

  const who = operators.find((o) => o.id === chosen);
  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{locked ? t('ui.lock.title') : t('ui.signIn.title')}</h1>
      <p className="canteen">{session.canteenName}</p>
      {chosen === null || (!locked && who === undefined) ? (
        <ul className="operator-list" aria-label={t('ui.signIn.who')}>
          {operators.map((o) => (
            <li key={o.id}>
              <button type="button" className="button big" onClick={() => setChosen(o.id)}>
                {o.name}
                <small>{t(o.role === 'manager' ? 'ui.role.manager' : 'ui.role.cashier')}</small>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <section className="pin-entry">
          <p className="who">{locked ? t('ui.lock.who', { name: session.operator?.name ?? '' }) : who?.name}</p>
          <PinPad label={t('ui.pin')} onSubmit={(pin) => void submit(pin)} problem={problem} />
          {locked ? (
            <button type="button" className="button secondary" onClick={() => setChosen(null)}>
              {t('ui.lock.other')}
            </button>
          ) : (
            <button type="button" className="button secondary" onClick={() => setChosen(null)}>
              {t('ui.back')}
            </button>
          )}
        </section>
      )}
    </main>
  );
}
