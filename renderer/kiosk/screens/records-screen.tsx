/**
 * Today's recent records, newest first, each voidable by a manager with a reason (a void is a new
 * record pointing at the old one); and the back-fill of meals written on the paper roster during an
 * outage (manager only, marked back-filled).
 */
import { useCallback, useEffect, useState } from 'react';
import type { RecordView, SessionView } from '../../../shared/kiosk-api/views.js';
import { announce } from '../../ui/announce.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { useManagerGuard } from '../app/manager-prompt.js';
import { Dialog } from './dialog.js';
import { ElderSearch } from './elder-search.js';

export function RecordsScreen({ session }: { session: SessionView }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg, yuan } = useT();
  const [records, setRecords] = useState<RecordView[]>([]);
  const [voiding, setVoiding] = useState<RecordView | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [backfill, setBackfill] = useState(false);

  const load = useCallback(async () => {
    const r = await client.call('records.recent', { limit: 50 });
    if (r.ok) setRecords(r.value);
    else setProblem(msg(r.error.message));
  }, [client, msg]);

  useEffect(() => {
    void load();
  }, [load]);

  async function confirmVoid(): Promise<void> {
    if (voiding === null) return;
    const seq = voiding.seq;
    const r = await guard(() => client.call('records.void', { seq, reason }));
    if (r.ok) {
      setVoiding(null);
      setReason('');
      announce('void', { seq: r.value.seq, targetSeq: r.value.targetSeq });
      await load();
    } else setProblem(msg(r.error.message));
  }

  const time = (iso: string): string => new Date(iso).toLocaleTimeString(session.settings.locale, { timeZone: session.timeZone, hour: '2-digit', minute: '2-digit' });

  return (
    <main className="records-screen" aria-labelledby="records-title">
      <div className="screen-head">
        <h1 id="records-title">{t('ui.records.title')}</h1>
        <button type="button" className="button" onClick={() => setBackfill(true)}>
          {t('ui.backfill.open')}
        </button>
      </div>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('ui.records.seq')}</th>
            <th scope="col">{t('ui.records.time')}</th>
            <th scope="col">{t('ui.records.kind')}</th>
            <th scope="col">{t('ui.records.who')}</th>
            <th scope="col">{t('ui.price.personal')}</th>
            <th scope="col">{t('ui.records.operator')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('ui.records.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.seq} className={r.voided ? 'voided' : ''} data-testid={`record-${r.seq}`}>
              <td>{r.seq}</td>
              <td>{time(r.at)}</td>
              <td>
                {t(`ui.kind.${r.kind}`)}
                {r.backfilled && ` · ${t('ui.backfilled')}`}
                {r.targetSeq !== null && ` → ${r.targetSeq}`}
              </td>
              <td>{r.elderName ?? '—'}</td>
              <td>{r.kind === 'checkin' || r.kind === 'sale' ? yuan(r.personal) : '—'}</td>
              <td>{r.operatorName ?? '—'}</td>
              <td>
                {r.voided ? (
                  <span className="tag">{t('ui.voided')}</span>
                ) : (
                  (r.kind === 'checkin' || r.kind === 'sale') && (
                    <button type="button" className="button small" onClick={() => setVoiding(r)}>
                      {t('ui.void')}
                    </button>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {voiding !== null && (
        <Dialog title={t('ui.void.title', { seq: voiding.seq })} onClose={() => setVoiding(null)}>
          <p>{t('ui.void.what', { who: voiding.elderName ?? t('ui.kind.sale'), amount: yuan(voiding.personal) })}</p>
          <label className="field">
            <span>{t('ui.void.reason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
          </label>
          <button type="button" className="button big primary" disabled={reason.trim().length < 2} onClick={() => void confirmVoid()}>
            {t('ui.void.confirm')}
          </button>
        </Dialog>
      )}
      {backfill && <Backfill session={session} onClose={() => setBackfill(false)} onDone={() => void load()} />}
    </main>
  );
}

function Backfill({ session, onClose, onDone }: { session: SessionView; onClose: () => void; onDone: () => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg, yuan } = useT();
  const [date, setDate] = useState(session.serviceDate);
  const [periodId, setPeriodId] = useState(session.period?.id ?? session.periods[0]?.id ?? '');
  const [picking, setPicking] = useState(false);
  const [lines, setLines] = useState<string[]>([]);

  async function pick(elderId: string): Promise<void> {
    setPicking(false);
    const r = await guard(() => client.call('checkin.backfill', { elderId, serviceDate: date, periodId, payment: 'cash' }));
    const line = !r.ok
      ? msg(r.error.message)
      : r.value.kind === 'served'
        ? t('ui.backfill.done', { name: r.value.elder.name, amount: yuan(r.value.price.personal) })
        : r.value.kind === 'refused'
          ? `${r.value.elder.name}: ${msg(r.value.message)}`
          : msg(r.value.message);
    setLines((l) => [line, ...l]);
    onDone();
  }

  return (
    <Dialog title={t('ui.backfill.title')} onClose={onClose}>
      <p>{t('ui.backfill.why')}</p>
      <label className="field">
        <span>{t('ui.backfill.date')}</span>
        <input type="date" value={date} max={session.serviceDate} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('ui.backfill.period')}</span>
        <select value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
          {session.periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button big" onClick={() => setPicking(true)}>
        {t('ui.backfill.pick')}
      </button>
      <ul className="backfill-log" aria-live="polite">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      {picking && <ElderSearch title={t('ui.backfill.pick')} onPick={(id) => void pick(id)} onClose={() => setPicking(false)} />}
    </Dialog>
  );
}
