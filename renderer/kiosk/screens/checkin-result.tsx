/**
 * The large result of the last swipe: who (name, photo placeholder, age band), the price broken down
 * 餐费 / 补贴 / 自付 and how it is paid — or one line saying why not and what to do next. Never the
 * elder's status category: people in the queue can read this screen.
 */
import { assertNever } from '../../../shared/assert.js';
import type { CheckinView } from '../../../shared/kiosk-api/views.js';
import { useT } from '../../ui/i18n.js';

export interface ResultActions {
  readonly fullPrice: (elderId: string) => void;
  readonly search: () => void;
}

export function CheckinResult({ result, actions }: { result: CheckinView; actions: ResultActions }) {
  const { t, msg, yuan } = useT();
  switch (result.kind) {
    case 'served':
      return (
        <section className={`result served${result.duplicate ? ' duplicate' : ''}`} data-testid="checkin-result" data-kind="served" aria-live="assertive">
          <div className="who">
            <div className="photo" aria-hidden="true">
              {result.elder.name.slice(0, 1)}
            </div>
            <div>
              <p className="name">{result.elder.name}</p>
              <p className="detail">
                {t('ui.ageBand', { band: t(`ui.ageBand.${result.elder.ageBand}`) })} · {result.period.name} · {t(`ui.method.${result.method}`)}
              </p>
              {result.elder.dietAlert !== null && <p className="diet-alert">{t('ui.dietAlert', { alert: result.elder.dietAlert })}</p>}
            </div>
          </div>
          <dl className="price">
            <div>
              <dt>{t('ui.price.standard')}</dt>
              <dd data-testid="price-standard">{yuan(result.price.standard)}</dd>
            </div>
            <div>
              <dt>{t('ui.price.subsidy')}</dt>
              <dd data-testid="price-subsidy">{yuan(result.price.subsidy)}</dd>
            </div>
            <div className="personal">
              <dt>{t('ui.price.personal')}</dt>
              <dd data-testid="price-personal">{yuan(result.price.personal)}</dd>
            </div>
          </dl>
          <p className="payment">
            {t(`ui.payment.${result.payment}`)}
            {result.fullPrice && ` · ${t('ui.fullPrice')}`}
            {result.duplicate && ` · ${t('ui.duplicate')}`}
          </p>
        </section>
      );
    case 'refused':
      return (
        <section className="result refused" data-testid="checkin-result" data-kind="refused" aria-live="assertive">
          <p className="name">{result.elder.name}</p>
          <p className="reason" role="alert">
            {msg(result.message)}
          </p>
          <div className="actions">
            <button type="button" className="button big" onClick={() => actions.fullPrice(result.elder.id)}>
              {t('ui.sellFullPrice', { amount: yuan(result.price.standard) })}
            </button>
          </div>
        </section>
      );
    case 'unidentified':
      return (
        <section className="result unidentified" data-testid="checkin-result" data-kind="unidentified" aria-live="assertive">
          <p className="reason" role="alert">
            {msg(result.message)}
          </p>
          <div className="actions">
            <button type="button" className="button big" onClick={actions.search}>
              {t('ui.findByHand')}
            </button>
          </div>
        </section>
      );
    case 'failed':
      return (
        <section className="result failed" data-testid="checkin-result" data-kind="failed" aria-live="assertive">
          <p className="not-done">{t('ui.notRecorded')}</p>
          <p className="reason" role="alert">
            {msg(result.message)}
          </p>
        </section>
      );
    default:
      return assertNever(result);
  }
}
