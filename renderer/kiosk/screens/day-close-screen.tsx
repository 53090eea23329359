/**
 * Day close (日结) as three steps: the day's totals and the cash the drawer should hold; confirm
 * (a manager); the closed day's report, printable. After the close the day takes no more records.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DayReportView, SessionView } from '../../../shared/kiosk-api/views.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { useManagerGuard } from '../app/manager-prompt.js';

export function DayCloseScreen({ session, onClosed }: { session: SessionView; onClosed: () => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [report, setReport] = useState<DayReportView | null>(null);
  const [step, setStep] = useState<'review' | 'confirm'>('review');
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await client.call('day.report', { serviceDate: session.serviceDate });
    if (r.ok) setReport(r.value);
    else setProblem(msg(r.error.message));
  }, [client, msg, session.serviceDate]);

  useEffect(() => {
    void load();
  }, [load]);

  async function close(): Promise<void> {
    const r = await guard(() => client.call('day.close', { serviceDate: session.serviceDate }));
    if (r.ok) {
      setReport(r.value);
      announce('day-closed', { serviceDate: r.value.serviceDate });
      onClosed();
    } else setProblem(msg(r.error.message));
  }

  return (
    <main className="day-close" aria-labelledby="close-title">
      <h1 id="close-title">{t('ui.close.title', { date: session.serviceDate })}</h1>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      {report !== null && <DayTotals report={report} />}
      {report !== null && !report.closed && step === 'review' && (
        <button type="button" className="button big primary" onClick={() => setStep('confirm')}>
          {t('ui.close.next')}
        </button>
      )}
      {report !== null && !report.closed && step === 'confirm' && (
        <section className="confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t('ui.close.confirmTitle')}</h2>
          <p>{t('ui.close.confirmText')}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setStep('review')}>
              {t('ui.back')}
            </button>
            <button type="button" className="button big danger" onClick={() => void close()}>
              {t('ui.close.confirm')}
            </button>
          </div>
        </section>
      )}
      {report?.closed === true && (
        <section>
          <p className="banner ok" role="status" data-testid="day-closed">
            {t('ui.close.done', { date: report.serviceDate })}
          </p>
          <button type="button" className="button" onClick={() => window.print()}>
            {t('ui.print')}
          </button>
        </section>
      )}
    </main>
  );
}

export function DayTotals({ report }: { report: DayReportView }) {
  const { t, yuan } = useT();
  return (
    <div className="day-totals">
      <dl className="totals">
        <div>
          <dt>{t('ui.close.checkins')}</dt>
          <dd data-testid="close-checkins">{report.checkins}</dd>
        </div>
        <div>
          <dt>{t('ui.counters.subsidised')}</dt>
          <dd>{report.subsidised}</dd>
        </div>
        <div>
          <dt>{t('ui.counters.sales')}</dt>
          <dd>{report.sales}</dd>
        </div>
        <div>
          <dt>{t('ui.counters.elders')}</dt>
          <dd>{report.eldersServed}</dd>
        </div>
        <div>
          <dt>{t('ui.close.voids')}</dt>
          <dd>{report.voids}</dd>
        </div>
        <div>
          <dt>{t('ui.backfilled')}</dt>
          <dd>{report.backfilled}</dd>
        </div>
        <div>
          <dt>{t('ui.price.standard')}</dt>
          <dd>{yuan(report.standardTotal)}</dd>
        </div>
        <div>
          <dt>{t('ui.price.subsidy')}</dt>
          <dd>{yuan(report.subsidyTotal)}</dd>
        </div>
        <div>
          <dt>{t('ui.price.personal')}</dt>
          <dd>{yuan(report.personalTotal)}</dd>
        </div>
        <div className="cash">
          <dt>{t('ui.close.cash')}</dt>
          <dd data-testid="close-cash">{yuan(report.cashExpected)}</dd>
        </div>
      </dl>
      <table className="table">
        <caption>{t('ui.close.byPeriod')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.backfill.period')}</th>
            <th scope="col">{t('ui.close.checkins')}</th>
            <th scope="col">{t('ui.counters.subsidised')}</th>
          </tr>
        </thead>
        <tbody>
          {report.byPeriod.map((p) => (
            <tr key={p.periodId}>
              <td>{p.name}</td>
              <td>{p.checkins}</td>
              <td>{p.subsidised}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table">
        <caption>{t('ui.close.byFunding')}</caption>
        <tbody>
          {report.byFunding.map((f) => (
            <tr key={f.source}>
              <th scope="row">{f.name}</th>
              <td>{yuan(f.amount)}</td>
            </tr>
          ))}
          {report.byPayment.map((p) => (
            <tr key={p.payment}>
              <th scope="row">{t(`ui.payment.${p.payment}`)}</th>
              <td>{yuan(p.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
