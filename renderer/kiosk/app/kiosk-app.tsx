/**
 * The cashier's window: sign-in until a shift is open, the lock screen while locked, otherwise the
 * header (canteen, clock, meal period, who is signed in, language) and one screen at a time.
 */
import { useCallback, useState } from 'react';
import type { SessionView } from '../../../shared/kiosk-api/views.js';
import { LocaleProvider, useT } from '../../ui/i18n.js';
import { CheckinScreen } from '../screens/checkin-screen.js';
import { DayCloseScreen } from '../screens/day-close-screen.js';
import { PaperRosterScreen } from '../screens/paper-roster-screen.js';
import { RecordsScreen } from '../screens/records-screen.js';
import { SignInScreen } from '../screens/sign-in-screen.js';
import { useKiosk } from './kiosk-client-context.js';
import { ManagerPromptProvider } from './manager-prompt.js';
import { SCREENS, type ScreenId } from './screens.js';
import { useIdleLock } from './use-idle-lock.js';
import { useSession } from './use-session.js';
import { ManagerScreen } from './manager-screens.js';
import { StatusStrip } from './status-strip.js';

export function KioskApp() {
  const { session, error, set, refresh } = useSession();
  if (session === null) {
    return (
      <LocaleProvider locale="zh-CN">
        <Starting problem={error === null ? null : error.message} />
      </LocaleProvider>
    );
  }
  return (
    <LocaleProvider locale={session.settings.locale}>
      <ManagerPromptProvider>
        {session.operator === null || session.locked ? (
          <SignInScreen key={session.locked ? 'lock' : 'sign-in'} session={session} onSession={set} />
        ) : (
          <Shell session={session} onSession={set} refresh={refresh} />
        )}
      </ManagerPromptProvider>
    </LocaleProvider>
  );
}

function Starting({ problem }: { problem: { key: string; params?: Record<string, string | number> } | null }) {
  const { t, msg } = useT();
  return (
    <main className="starting">
      <h1>{t('ui.appName')}</h1>
      {problem === null ? <p>{t('ui.starting')}</p> : <p className="banner error">{msg(problem)}</p>}
    </main>
  );
}

function Shell({ session, onSession, refresh }: { session: SessionView; onSession: (s: SessionView) => void; refresh: () => Promise<void> }) {
  const client = useKiosk();
  const { t } = useT();
  const [screen, setScreen] = useState<ScreenId>('checkin');
  const lock = useCallback(() => {
    void client.call('session.lock', {}).then((r) => {
      if (r.ok) onSession(r.value);
    });
  }, [client, onSession]);
  useIdleLock(session.settings.lockMinutes, true, lock);

  const clock = new Date(session.now).toLocaleTimeString(session.settings.locale, { timeZone: session.timeZone, hour: '2-digit', minute: '2-digit' });
  const otherLocale = session.settings.locale === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <div className="shell">
      <header className="header">
        <div className="canteen">
          <strong>{session.canteenName}</strong>
          <span>
            {session.serviceDate} {clock} · {session.period?.name ?? t('ui.noPeriod')}
          </span>
          <StatusStrip />
        </div>
        <div className="who">
          <span data-testid="operator-name">{session.operator?.name}</span>
          {session.manager !== null && session.manager.id !== session.operator?.id && <span className="tag">{t('ui.managerOn', { name: session.manager.name })}</span>}
          <button
            type="button"
            className="button small"
            lang={otherLocale}
            onClick={() => void client.call('settings.locale', { locale: otherLocale }).then((r) => r.ok && onSession(r.value))}
          >
            {t('ui.switchLanguage')}
          </button>
          <button type="button" className="button small" onClick={lock}>
            {t('ui.lock')}
          </button>
          <button type="button" className="button small" onClick={() => void client.call('session.end', {}).then((r) => r.ok && onSession(r.value))}>
            {t('ui.signOut')}
          </button>
        </div>
      </header>
      <nav className="nav" aria-label={t('ui.nav')}>
        {SCREENS.map((s) => (
          <button key={s} type="button" className={`nav-item${screen === s ? ' current' : ''}`} aria-current={screen === s ? 'page' : undefined} onClick={() => setScreen(s)}>
            {t(`ui.nav.${s}`)}
          </button>
        ))}
      </nav>
      {screen === 'checkin' && <CheckinScreen session={session} />}
      {screen === 'records' && <RecordsScreen session={session} />}
      {screen === 'close' && <DayCloseScreen session={session} onClosed={() => void refresh()} />}
      {screen === 'paper' && <PaperRosterScreen session={session} />}
      {screen !== 'checkin' && screen !== 'records' && screen !== 'close' && screen !== 'paper' && <ManagerScreen screen={screen} session={session} onSession={onSession} />}
    </div>
  );
}
