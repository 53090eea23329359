/**
 * The card readers the main process reads raw (node-hid): each one's state, last read and errors,
 * kept current by the back end's 'reader' events; adding one from the devices plugged in; a live view
 * of its raw reports and a test swipe (whom a card would find, nothing recorded); and how to set a
 * reader up on each platform.
 *
 * Live view and test swipe are switched off again when the manager leaves this screen (and by the
 * back end when the shift locks): test-swipe mode left on would keep that reader from checking in.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReaderView } from '../../../../shared/kiosk-api/settings-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { ReaderForm } from './reader-form.js';
import { ReaderLiveView } from './reader-live-view.js';
import { ReaderTestView } from './reader-test-view.js';

function byName(list: readonly ReaderView[]): ReaderView[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

export function ReadersPanel({ session }: { session: SessionView }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [readers, setReaders] = useState<readonly ReaderView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Readers this screen switched something on for: switched off on unmount (a ref: the cleanup runs once).
  const switchedOn = useRef(new Set<string>());

  useEffect(() => {
    let current = true;
    void client.call('readers.list', {}).then((r) => {
      if (!current) return;
      if (r.ok) setReaders(byName(r.value));
      else setProblem(msg(r.error.message));
    });
    const stop = client.subscribe((e) => {
      if (e.type !== 'reader') return;
      setReaders((list) => byName([...(list ?? []).filter((x) => x.id !== e.reader.id), e.reader]));
    });
    return () => {
      current = false;
      stop();
    };
  }, [client, msg]);

  useEffect(() => {
    const on = switchedOn.current;
    return () => {
      for (const readerId of on) void client.call('readers.setup', { readerId, live: false, testSwipe: false });
      on.clear();
    };
  }, [client]);

  async function setup(r: ReaderView, live: boolean, testSwipe: boolean): Promise<void> {
    const answer = await guard(() => client.call('readers.setup', { readerId: r.id, live, testSwipe }));
    if (!answer.ok) {
      setProblem(msg(answer.error.message));
      return;
    }
    setProblem(null);
    if (live || testSwipe) switchedOn.current.add(r.id);
    else switchedOn.current.delete(r.id);
    setReaders((list) => byName([...(list ?? []).filter((x) => x.id !== answer.value.id), answer.value]));
  }

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
              <th scope="col">
                <span className="visually-hidden">{t('ui.settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {readers.map((r) => (
              <tr key={r.id} data-testid="reader-row" data-reader-id={r.id}>
                <th scope="row">
                  {r.name} {r.kind !== '' && <span className="hint mono">{r.kind}</span>}
                  {r.config !== null && (
                    <span className="hint">
                      {' '}
                      {t(`ui.settings.readers.format.${r.config.format}`)} · {t(`ui.settings.uid.${r.config.uidFormat}`)}
                    </span>
                  )}
                </th>
                <td>
                  <span className={`tag reader-${r.state}`} data-testid="reader-state">
                    {t(`ui.settings.reader.${r.state}`)}
                  </span>
                </td>
                <td>{when(r.lastReadAt)}</td>
                <td data-testid="reader-errors">
                  {r.lastError === null ? '—' : msg(r.lastError)}
                  {r.errorCount > 0 && <span className="hint"> {t('ui.settings.readers.errorCount', { n: r.errorCount })}</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className={`button small ${r.liveView ? '' : 'secondary'}`}
                    aria-pressed={r.liveView}
                    onClick={() => void setup(r, !r.liveView, r.testSwipe)}
                    data-testid="reader-live-toggle"
                  >
                    {t('ui.settings.readers.live')}
                  </button>{' '}
                  <button
                    type="button"
                    className={`button small ${r.testSwipe ? '' : 'secondary'}`}
                    aria-pressed={r.testSwipe}
                    onClick={() => void setup(r, r.liveView, !r.testSwipe)}
                    data-testid="reader-test-toggle"
                  >
                    {t('ui.settings.readers.test')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {readers?.map((r) => (r.liveView ? <ReaderLiveView key={`live-${r.id}`} readerId={r.id} readerName={r.name} /> : null))}
      {readers?.map((r) => (r.testSwipe ? <ReaderTestView key={`test-${r.id}`} readerId={r.id} readerName={r.name} /> : null))}
      {readers !== null && <ReaderForm readers={readers} wedge={session.settings.wedge} onSaved={(list) => setReaders(byName(list))} />}
      <h3>{t('ui.settings.platformNote')}</h3>
      <p>{t('ui.settings.platformWindows')}</p>
      <p>{t('ui.settings.platformLinux')}</p>
    </section>
  );
}
