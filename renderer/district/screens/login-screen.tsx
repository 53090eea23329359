/**
 * Signing in. The hub words every refusal (wrong login or password — it never says which —, locked
 * until a time after repeated failures, too many attempts from this address); the screen shows that
 * message as it came, in an alert the screen reader reads at once, and puts the focus back on the
 * password so the person can simply type again.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionView } from '../../../shared/hub-api/routes.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import type { HubClient } from '../api/hub-client.js';
import { signIn } from '../api/session-api.js';

export function LoginScreen({ client, ended, onSignedIn, onToggleLocale }: { client: HubClient; ended: boolean; onSignedIn: (s: SessionView) => void; onToggleLocale: () => void }) {
  const { t, locale } = useT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const loginField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    loginField.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${t('district.login.submit')} · ${t('district.appName')}`;
  }, [t]);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (login.trim() === '' || password === '') {
      setProblem(t('district.login.missing'));
      return;
    }
    setBusy(true);
    const r = await signIn(client, { login: login.trim(), password });
    setBusy(false);
    if (r.ok) {
      announce('signed-in', { login: r.value.account.login, role: r.value.account.role });
      onSignedIn(r.value);
      return;
    }
    setPassword('');
    setProblem(r.error.message);
    announce('login-refused', { kind: r.error.kind });
    passwordField.current?.focus();
  }

  return (
    <main className="login" aria-labelledby="login-title">
      <div className="login-top">
        <button type="button" className="button secondary small" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} onClick={onToggleLocale}>
          {t('district.switchLanguage')}
        </button>
      </div>
      <h1 id="login-title">{t('district.appName')}</h1>
      <p className="hint">{t('district.login.intro')}</p>
      {ended && problem === null && (
        <p className="banner warning" role="status">
          {t('district.login.ended')}
        </p>
      )}
      <form className="login-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>{t('district.login.login')}</span>
          <input ref={loginField} name="username" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required maxLength={100} data-testid="login-name" />
        </label>
        <label className="field">
          <span>{t('district.login.password')}</span>
          <input
            ref={passwordField}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            maxLength={1000}
            aria-invalid={problem !== null}
            aria-describedby={problem !== null ? 'login-problem' : undefined}
            data-testid="login-password"
          />
        </label>
        {problem !== null && (
          <p id="login-problem" className="banner error" role="alert" data-testid="login-problem">
            {problem}
          </p>
        )}
        <button type="submit" className="button" disabled={busy} data-testid="login-submit">
          {busy ? t('district.login.busy') : t('district.login.submit')}
        </button>
      </form>
    </main>
  );
}
