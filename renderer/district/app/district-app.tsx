/**
 * The whole app: find out whether this browser is signed in (the cookie survives a reload; the CSRF
 * token does not, so it is asked for again), show the login screen until it is, then the shell. When
 * any call finds the session gone, back to the login screen with a word on why.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/hub-api/routes.js';
import { announce } from '../../ui/announce.js';
import { LocaleProvider, useT } from '../../ui/i18n.js';
import { createHubClient } from '../api/hub-client.js';
import { currentSession } from '../api/session-api.js';
import { LoginScreen } from '../screens/login-screen.js';
import { Shell } from './shell.js';
import { useLocale } from './use-locale.js';

type Boot = { readonly state: 'checking' } | { readonly state: 'out'; readonly why: 'ended' | null } | { readonly state: 'in'; readonly session: SessionView };

export function DistrictApp() {
  const { locale, toggle } = useLocale();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [boot, setBoot] = useState<Boot>({ state: 'checking' });
  const signedInRef = useRef(false);
  signedInRef.current = boot.state === 'in';

  const client = useMemo(
    () =>
      createHubClient({
        locale: () => localeRef.current,
        onSessionEnded: () => {
          // At start-up a 401 only means "not signed in yet": nothing ended.
          if (!signedInRef.current) return;
          signedInRef.current = false;
          setBoot({ state: 'out', why: 'ended' });
          announce('session-ended');
        },
      }),
    [],
  );

  useEffect(() => {
    let current = true;
    void currentSession(client).then((r) => {
      if (!current) return;
      setBoot(r.ok ? { state: 'in', session: r.value } : { state: 'out', why: null });
    });
    return () => {
      current = false;
    };
  }, [client]);

  const signedIn = useCallback((session: SessionView) => setBoot({ state: 'in', session }), []);
  const signedOut = useCallback(() => setBoot({ state: 'out', why: null }), []);

  return (
    <LocaleProvider locale={locale}>
      {boot.state === 'checking' && <Checking />}
      {boot.state === 'out' && <LoginScreen client={client} ended={boot.why === 'ended'} onSignedIn={signedIn} onToggleLocale={toggle} />}
      {boot.state === 'in' && <Shell client={client} session={boot.session} onSignedOut={signedOut} onToggleLocale={toggle} />}
    </LocaleProvider>
  );
}

function Checking() {
  const { t } = useT();
  return (
    <main className="login">
      <p role="status">{t('district.starting')}</p>
    </main>
  );
}
