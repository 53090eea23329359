/** A full-price meal sold to anyone (全人群服务): how many, at the period's price unless changed. */
import { useState } from 'react';
import { parseYuan } from '../../../shared/money.js';
import type { SessionView } from '../../../shared/kiosk-api/views.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { Dialog } from './dialog.js';

export function SalePanel({
  session,
  payment,
  onDone,
  onClose,
}: {
  session: SessionView;
  payment: 'cash' | 'qrExternal';
  onDone: () => void;
  onClose: () => void;
}) {
  const client = useKiosk();
  const { t, msg, yuan } = useT();
  const standard = session.period?.standardPrice ?? session.periods[0]?.standardPrice ?? 0;
  const [quantity, setQuantity] = useState(1);
  const [price, setPrice] = useState((standard / 100).toFixed(2));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function sell(): Promise<void> {
    const amount = parseYuan(price);
    if (!amount.ok) {
      setProblem(msg(amount.error));
      return;
    }
    const r = await client.call('sale.sell', { quantity, amount: amount.value, payment });
    if (r.ok) {
      setDone(t('ui.sale.done', { total: yuan(r.value.total) }));
      announce('sale', { seq: r.value.seq, total: r.value.total });
      onDone();
    } else setProblem(msg(r.error.message));
  }

  const each = parseYuan(price);
  return (
    <Dialog title={t('ui.sale.title')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void sell();
        }}
      >
        <div className="stepper">
          <button type="button" className="button" onClick={() => setQuantity((q) => Math.max(1, q - 1))} aria-label={t('ui.sale.less')}>
            −
          </button>
          <label className="field">
            <span>{t('ui.sale.quantity')}</span>
            <input type="number" min={1} max={100} value={quantity} onChange={(e) => setQuantity(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} />
          </label>
          <button type="button" className="button" onClick={() => setQuantity((q) => Math.min(100, q + 1))} aria-label={t('ui.sale.more')}>
            +
          </button>
        </div>
        <label className="field">
          <span>{t('ui.sale.each')}</span>
          <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} data-testid="sale-price" />
        </label>
        <p className="sale-total">{each.ok ? t('ui.sale.total', { total: yuan(each.value * quantity) }) : ''}</p>
        <p>{t(`ui.payment.${payment}`)}</p>
        {problem !== null && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        {done !== null && <p role="status">{done}</p>}
        <button type="submit" className="button big primary">
          {t('ui.sale.confirm')}
        </button>
      </form>
    </Dialog>
  );
}
