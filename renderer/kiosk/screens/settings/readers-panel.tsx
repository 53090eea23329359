/**
 * The card readers the main process reads raw (node-hid): each one's state, last read and last error,
 * kept current by the back end's 'reader' events; and how to set a reader up on each platform.
 */
import { useEffect, useState } from 'react';
import type { ReaderView } from '../../../../shared/kiosk-api/settings-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';

export function ReadersPanel({ session }: { session: SessionView }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [readers, setReaders] = useState<readonly ReaderView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void client.call('readers.list', {}).then((r) => {
      if (!current) return;
      if (r.ok) setReaders(r.value);
      else setProblem(msg(r.error.message));
    });
    const stop = client.subscribe((e) => {
      if (e.type !== 'reader') return;
      setReaders((list) => {
        const others = (list ?? []).filter((x) => x.id !== e.reader.id);
        return [...others, e.reader].sort((a, b) => a.name.localeCompare(b.name));
      });
    });
    return () => {
      current = false;
      stop();
    };
  }, [client, msg]);

  const when = (iso: string | null): string =>
    iso === null ? t('ui.settings.never') : new Date(iso).toLocaleString(session.settings.locale, { timeZone: session.timeZone, dateStyle: 'short', timeStyle: 'medium' });

  return (
    <section aria-labelledby="readers-title" data-testid="readers-panel">
      <h2 id="readers-title">{t('ui.settings.readers')}</h2>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      {readers !== null && readers.length === 0 && <p>{t('ui.settings.noReaders')}</p>}
      {readers !== null && readers.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('ui.settings.reader')}</th>
              <th scope="col">{t('ui.roster.state')}</th>
              <th scope="col">{t('ui.settings.lastRead')}</th>
              <th scope="col">{t('ui.settings.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {readers.map((r) => (
              <tr key={r.id} data-testid="reader-row">
                <th scope="row">
                  {r.name} {r.kind !== '' && <span className="hint mono">{r.kind}</span>}
                </th>
                <td>
                  <span className={`tag reader-${r.state}`}>{t(`ui.settings.reader.${r.state}`)}</span>
                </td>
                <td>{when(r.lastReadAt)}</td>
                <td>{r.lastError === null ? '—' : msg(r.lastError)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('ui.settings.platformNote')}</h3>
      <p>{t('ui.settings.platformWindows')}</p>
      <p>{t('ui.settings.platformLinux')}</p>
    </section>
  );
}
