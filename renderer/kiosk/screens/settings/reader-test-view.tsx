/**
 * Test swipe on one raw HID reader (set-up screen): whom each scan would find, from 'readerTest'
 * events — the elder's name and masked ID, the card's state, or why a check-in would find nobody.
 * Nothing is recorded while it is on; the back end says so, and so does this panel.
 */
import { useEffect, useState } from 'react';
import type { KioskEvent } from '../../../../shared/kiosk-api/events.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';

type TestEvent = Extract<KioskEvent, { type: 'readerTest' }>;

export function ReaderTestView({ readerId, readerName }: { readerId: string; readerName: string }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [last, setLast] = useState<TestEvent | null>(null);
  const [count, setCount] = useState(0);

  useEffect(
    () =>
      client.subscribe((e) => {
        if (e.type !== 'readerTest' || e.readerId !== readerId) return;
        setLast(e);
        setCount((n) => n + 1);
      }),
    [client, readerId],
  );

  useEffect(() => {
    if (last !== null) announce('reader-test', { readerId, count, found: (last.result?.elder ?? null) !== null });
  }, [readerId, count, last]);

  const r = last?.result ?? null;
  return (
    <section aria-labelledby={`reader-test-${readerId}`} data-testid="reader-test-view">
      <h3 id={`reader-test-${readerId}`}>{t('ui.settings.readers.testTitle', { name: readerName })}</h3>
      <p className="hint">{t('ui.settings.readers.testHint')}</p>
      <div aria-live="polite" data-testid="reader-test-result">
        {last === null && <p>{t('ui.settings.readers.testNothing')}</p>}
        {last !== null && last.problem !== null && (
          <p className="problem" data-testid="reader-test-problem">
            {msg(last.problem)}
          </p>
        )}
        {r !== null && (
          <dl className="reader-test">
            <div>
              <dt>{t('ui.settings.readers.testScan')}</dt>
              <dd className="mono" data-testid="reader-test-shown">
                {t(`ui.settings.readers.scan.${r.scan}`)} {r.shown}
              </dd>
            </div>
            <div>
              <dt>{t('ui.settings.readers.testElder')}</dt>
              <dd data-testid="reader-test-elder">
                {r.elder === null ? t('ui.settings.readers.testNoElder') : `${r.elder.name} ${r.elder.idMasked}`}
                {r.elder !== null && !r.elder.active && <span className="tag warn">{t('ui.settings.readers.testSuspended')}</span>}
              </dd>
            </div>
            {r.card !== null && (
              <div>
                <dt>{t('ui.settings.readers.testCard')}</dt>
                <dd className="mono" data-testid="reader-test-card">
                  {r.card.uid} {t(`ui.settings.readers.card.${r.card.state}`)}
                </dd>
              </div>
            )}
            {r.refusal !== null && (
              <div>
                <dt>{t('ui.settings.readers.testRefusal')}</dt>
                <dd className="problem" data-testid="reader-test-refusal">
                  {msg(r.refusal)}
                </dd>
              </div>
            )}
          </dl>
        )}
      </div>
    </section>
  );
}
