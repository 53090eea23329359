/**
 * The main screen, built for a queue: a swipe anywhere on the screen checks in (wedge scans are
 * caught whatever has focus); the result stays large until the next swipe, which never waits for it
 * to be dismissed (Enter clears it). A forgotten card → find by hand; a refusal → sell at full price.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckinView, DayReportView, SessionView } from '../../../shared/kiosk-api/views.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { useWedgeScanner } from '../wedge/use-wedge-scanner.js';
import { CheckinResult } from './checkin-result.js';
import { ElderSearch } from './elder-search.js';
import { SalePanel } from './sale-panel.js';

type Payment = 'cash' | 'qrExternal';
type Panel = 'none' | 'search' | 'sale';

export function CheckinScreen({ session }: { session: SessionView }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [result, setResult] = useState<CheckinView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [payment, setPayment] = useState<Payment>('cash');
  const [panel, setPanel] = useState<Panel>('none');
  const [today, setToday] = useState<DayReportView | null>(null);
  const paymentRef = useRef(payment);
  paymentRef.current = payment;

  const refreshCounters = useCallback(async () => {
    const r = await client.call('day.report', {});
    if (r.ok) setToday(r.value);
  }, [client]);

  const show = useCallback(
    (view: CheckinView) => {
      setResult(view);
      setProblem(null);
      announce('checkin', { kind: view.kind, ...(view.kind === 'served' ? { seq: view.seq, personal: view.price.personal } : {}) });
      void refreshCounters();
    },
    [refreshCounters],
  );

  const onScan = useCallback(
    async (text: string) => {
      const r = await client.call('checkin.scan', { text, payment: paymentRef.current });
      if (r.ok) show(r.value);
      else {
        setProblem(msg(r.error.message));
        announce('checkin-error', { kind: r.error.kind });
      }
    },
    [client, msg, show],
  );

  // Scans from the wedge path, wherever focus is — except in a dialog that takes a card (binding).
  useWedgeScanner(session.settings.wedge, (text) => void onScan(text));

  useEffect(() => {
    void refreshCounters();
    // Check-ins from raw HID readers arrive as events, not as answers to a call of ours.
    return client.subscribe((e) => {
      if (e.type === 'checkin') show(e.result);
    });
  }, [client, refreshCounters, show]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Enter' && panel === 'none' && !(e.target instanceof HTMLInputElement)) setResult(null);
      if (e.key === 'F3') {
        e.preventDefault();
        setPanel('search');
      }
      if (e.key === 'F4') {
        e.preventDefault();
        setPanel('sale');
      }
      if (e.key === 'Escape') setPanel('none');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel]);

  async function run(call: Promise<Awaited<ReturnType<typeof client.call<'checkin.manual'>>>>): Promise<void> {
    const r = await call;
    setPanel('none');
    if (r.ok) show(r.value);
    else setProblem(msg(r.error.message));
  }

  return (
    <main className="checkin-screen" aria-labelledby="checkin-title">
      <h1 id="checkin-title" className="visually-hidden">
        {t('ui.checkin.title')}
      </h1>
      {session.dayClosed && (
        <p className="banner warning" role="status">
          {t('ui.dayClosedBanner')}
        </p>
      )}
      <div className="checkin-top">
        <fieldset className="payment-choice">
          <legend>{t('ui.payment.title')}</legend>
          {(['cash', 'qrExternal'] as const).map((p) => (
            <label key={p} className={payment === p ? 'chosen' : ''}>
              <input type="radio" name="payment" value={p} checked={payment === p} onChange={() => setPayment(p)} />
              {t(`ui.payment.${p}`)}
            </label>
          ))}
        </fieldset>
        <dl className="counters" aria-label={t('ui.counters')}>
          <div>
            <dt>{t('ui.counters.subsidised')}</dt>
            <dd data-testid="count-subsidised">{today?.subsidised ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('ui.counters.sales')}</dt>
            <dd>{today?.sales ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('ui.counters.elders')}</dt>
            <dd>{today?.eldersServed ?? '—'}</dd>
          </div>
        </dl>
      </div>

      <div className="result-area">
        {problem !== null && (
          <p className="banner error" role="alert" data-testid="checkin-problem">
            {problem}
          </p>
        )}
        {result === null ? (
          <p className="waiting">{session.period === null ? t('ui.betweenPeriods') : t('ui.waiting', { period: session.period.name })}</p>
        ) : (
          <CheckinResult
            result={result}
            actions={{
              fullPrice: (elderId) => void run(client.call('checkin.fullPrice', { elderId, payment })),
              search: () => setPanel('search'),
            }}
          />
        )}
      </div>

      <div className="checkin-actions">
        <button type="button" className="button big" onClick={() => setPanel('search')}>
          {t('ui.findByHand')} <kbd>F3</kbd>
        </button>
        <button type="button" className="button big" onClick={() => setPanel('sale')}>
          {t('ui.sale.open')} <kbd>F4</kbd>
        </button>
      </div>

      {panel === 'search' && (
        <ElderSearch
          onPick={(elderId) => void run(client.call('checkin.manual', { elderId, payment }))}
          onClose={() => setPanel('none')}
        />
      )}
      {panel === 'sale' && (
        <SalePanel
          session={session}
          payment={payment}
          onDone={() => {
            setPanel('none');
            void refreshCounters();
          }}
          onClose={() => setPanel('none')}
        />
      )}
    </main>
  );
}
