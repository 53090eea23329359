/**
 * The elder-facing display (a second window, or a second browser tab at #display): the amount to pay,
 * very large, and a greeting — never the elder's name, status or tier, which the queue would see.
 * Optionally says the amount aloud and plays a tone for accepted / see-the-cashier.
 */
import { useEffect, useRef, useState } from 'react';
import { assertNever } from '../../../shared/assert.js';
import type { DisplayView, UiSettings } from '../../../shared/kiosk-api/views.js';
import { announce } from '../../ui/announce.js';
import { LocaleProvider, useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { playTone, sayAmount } from './display-sound.js';

/** After this long the display goes back to the welcome, so the next elder does not see an old amount. */
const SHOW_MS = 20_000;

export function DisplayScreen() {
  const client = useKiosk();
  const [view, setView] = useState<DisplayView>({ kind: 'welcome' });
  const [settings, setSettings] = useState<UiSettings | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (v: DisplayView, fresh: boolean): void => {
      setView(v);
      announce('display', { kind: v.kind });
      clearTimeout(timer);
      if (v.kind !== 'welcome') timer = setTimeout(() => setView({ kind: 'welcome' }), SHOW_MS);
      const s = settingsRef.current;
      if (fresh && s !== null) {
        if (s.sounds && v.kind !== 'welcome') playTone(v.kind === 'pay' ? 'accepted' : 'refused', s.volume);
        if (s.speech && v.kind === 'pay' && !v.duplicate) sayAmount(v.personal, s.locale, s.volume);
      }
    };
    void client.call('session.status', {}).then((r) => {
      if (r.ok) setSettings(r.value.settings);
    });
    void client.call('display.current', {}).then((r) => {
      if (r.ok) show(r.value, false);
    });
    const stop = client.subscribe((e) => {
      if (e.type === 'display') show(e.view, true);
      if (e.type === 'session') setSettings(e.session.settings);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [client]);

  return (
    <LocaleProvider locale={settings?.locale ?? 'zh-CN'}>
      <DisplayBody view={view} />
    </LocaleProvider>
  );
}

function DisplayBody({ view }: { view: DisplayView }) {
  const { t, yuan } = useT();
  switch (view.kind) {
    case 'welcome':
      return (
        <main className="display welcome" data-testid="display" data-kind="welcome">
          <h1>{t('ui.display.welcome')}</h1>
          <p>{t('ui.display.swipe')}</p>
        </main>
      );
    case 'pay':
      return (
        <main className="display pay" data-testid="display" data-kind="pay">
          <h1>{t('ui.display.hello')}</h1>
          <p className="pay-label">{view.personal === 0 ? t('ui.display.free') : t('ui.display.pay')}</p>
          {view.personal > 0 && (
            <p className="pay-amount" data-testid="display-amount">
              {yuan(view.personal)}
            </p>
          )}
          <p>{t(`ui.payment.${view.payment}`)}</p>
        </main>
      );
    case 'seeCashier':
      return (
        <main className="display see-cashier" data-testid="display" data-kind="seeCashier">
          <h1>{t('ui.display.seeCashier')}</h1>
        </main>
      );
    default:
      return assertNever(view);
  }
}
