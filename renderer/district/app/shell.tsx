/**
 * The signed-in frame: the header (district, who is signed in, language, sign out), the navigation,
 * one screen, and the page's one polite live region. Moving to another screen moves the keyboard
 * focus to its heading, so a screen-reader user hears where they are and Tab starts from there.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MouseEvent } from 'react';
import type { SessionView } from '../../../shared/hub-api/routes.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import type { HubClient } from '../api/hub-client.js';
import { signOut } from '../api/session-api.js';
import { AnomaliesScreen } from '../screens/anomalies/anomalies-screen.js';
import { AnomalyScreen } from '../screens/anomalies/anomaly-screen.js';
import { CanteenScreen } from '../screens/canteens/canteen-screen.js';
import { CanteensScreen } from '../screens/canteens/canteens-screen.js';
import { CountsScreen } from '../screens/counts/counts-screen.js';
import { OverviewScreen } from '../screens/overview/overview-screen.js';
import { PolicyScreen } from '../screens/policy/policy-screen.js';
import { RosterScreen } from '../screens/roster/roster-screen.js';
import { SettlementScreen } from '../screens/settlement/settlement-screen.js';
import { districtToday } from './district-calendar.js';
import { HubContextProvider } from './hub-context.js';
import type { HubContextValue } from './hub-context.js';
import { routeHash, SCREENS } from './routes.js';
import type { Route } from './routes.js';
import { useRoute } from './use-route.js';

export function Shell({ client, session, onSignedOut, onToggleLocale }: { client: HubClient; session: SessionView; onSignedOut: () => void; onToggleLocale: () => void }) {
  const { t, locale } = useT();
  const { route, go } = useRoute();
  const [spoken, setSpoken] = useState('');
  const say = useCallback((text: string) => setSpoken(text), []);
  const context = useMemo<HubContextValue>(
    () => ({ client, session, isAdmin: session.account.role === 'admin', today: districtToday(), say }),
    [client, session, say],
  );

  useEffect(() => {
    announce('screen', { screen: route.screen });
  }, [route]);
  // Each screen titles the page (WCAG 2.4.2): the browser's tabs and history, and the screen reader on arrival.
  useEffect(() => {
    document.title = `${t(`district.nav.${route.screen}`)} · ${t('district.appName')}`;
  }, [route, t]);

  async function leave(): Promise<void> {
    await signOut(client);
    announce('signed-out');
    onSignedOut();
  }

  const account = session.account;
  return (
    <HubContextProvider value={context}>
      <div className="shell">
        <a className="skip-link" href="#main" onClick={skipToMain}>
          {t('district.skipToMain')}
        </a>
        <header className="header">
          <div className="brand">
            <strong>{t('district.appName')}</strong>
            <span data-testid="district-name">{account.district.name}</span>
          </div>
          <div className="who">
            <span data-testid="account-login">{account.login}</span>
            <span className="tag" data-testid="account-role">
              {t(`district.role.${account.role}`)}
            </span>
            <button type="button" className="button small" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} onClick={onToggleLocale}>
              {t('district.switchLanguage')}
            </button>
            <button type="button" className="button small" onClick={() => void leave()} data-testid="sign-out">
              {t('district.signOut')}
            </button>
          </div>
        </header>
        <nav className="nav" aria-label={t('district.nav')}>
          <ul>
            {SCREENS.map((s) => (
              <li key={s}>
                <a className={`nav-item${route.screen === s ? ' current' : ''}`} href={routeHash(s === 'anomalies' || s === 'canteens' ? { screen: s, id: null } : { screen: s })} aria-current={route.screen === s ? 'page' : undefined}>
                  {t(`district.nav.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="live">
          {spoken}
        </p>
        <div id="main">
          <Screen route={route} go={go} />
        </div>
      </div>
    </HubContextProvider>
  );
}

/** The hash is the app's route, so the skip link must not set it: it moves the focus to the screen's heading instead. */
function skipToMain(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  document.querySelector<HTMLElement>('#main h1')?.focus();
}

function Screen({ route, go }: { route: Route; go: (to: Route) => void }) {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen />;
    case 'counts':
      return <CountsScreen />;
    case 'settlement':
      return <SettlementScreen />;
    case 'anomalies':
      return route.id === null ? <AnomaliesScreen /> : <AnomalyScreen key={route.id} id={route.id} />;
    case 'canteens':
      return route.id === null ? <CanteensScreen go={go} /> : <CanteenScreen key={route.id} id={route.id} />;
    case 'roster':
      return <RosterScreen />;
    case 'policy':
      return <PolicyScreen />;
  }
}
