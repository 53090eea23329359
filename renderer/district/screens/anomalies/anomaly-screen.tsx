/**
 * One anomaly: what the hub found, in words, the figures it found it with, and the ledger records
 * behind it; an admin resolves it with a note (what was checked, what was decided) — the note is
 * required, because "resolved" without a reason helps nobody at the next audit.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { anomaly, resolveAnomaly } from '../../api/counting-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { routeHash } from '../../app/routes.js';
import { useLoad } from '../../app/use-load.js';
import { periodName } from '../../parts/labels.js';
import { LoadState, Problem } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { kindName } from './anomalies-screen.js';
import { textIn } from './anomaly-text.js';

const NOTE_MAX = 2000;

export function AnomalyScreen({ id }: { id: number }) {
  const { client, isAdmin, say } = useHub();
  const { t, locale, yuan } = useT();
  const { loaded, reload } = useLoad(() => anomaly(client, id), [client, id]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const detail = loaded.state === 'ready' ? loaded.value : null;

  useEffect(() => {
    if (detail !== null) announce('anomaly', { id, status: detail.anomaly.status, records: detail.records.length });
  }, [detail]);

  async function resolve(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (note.trim() === '') {
      setProblem(t('district.anomaly.noteNeeded'));
      return;
    }
    setBusy(true);
    const r = await resolveAnomaly(client, id, note.trim());
    setBusy(false);
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(null);
    say(t('district.anomaly.resolvedSaid'));
    announce('anomaly-resolved', { id });
    reload();
  }

  const a = detail?.anomaly ?? null;
  return (
    <main aria-labelledby="anomaly-title" className="screen">
      <p>
        <a href={routeHash({ screen: 'anomalies', id: null })}>{t('district.anomaly.back')}</a>
      </p>
      <ScreenTitle id="anomaly-title">{a === null ? t('district.anomaly.title', { id }) : `${kindName(t, a.kind)} · #${a.id}`}</ScreenTitle>
      <LoadState loaded={loaded} onRetry={reload} />
      {a !== null && detail !== null && (
        <>
          <p className="lead" data-testid="anomaly-message">
            {textIn(a.message, locale)}
          </p>
          <dl className="facts">
            <dt>{t('district.anomalies.status')}</dt>
            <dd data-testid="anomaly-status">{t(`district.anomalies.status.${a.status}`)}</dd>
            <dt>{t('district.col.canteen')}</dt>
            <dd>{a.canteenId === null ? '–' : <a href={routeHash({ screen: 'canteens', id: a.canteenId })}>{a.canteenName ?? a.canteenId}</a>}</dd>
            <dt>{t('district.col.device')}</dt>
            <dd className="mono">{a.deviceId ?? '–'}</dd>
            <dt>{t('district.col.date')}</dt>
            <dd>{a.serviceDate ?? '–'}</dd>
            <dt>{t('district.anomalies.detected')}</dt>
            <dd>{localDateTime(a.detectedAt)}</dd>
            {a.status === 'resolved' && (
              <>
                <dt>{t('district.anomaly.resolvedAt')}</dt>
                <dd>{a.resolvedAt === null ? '–' : localDateTime(a.resolvedAt)}</dd>
                <dt>{t('district.anomaly.note')}</dt>
                <dd data-testid="anomaly-note">{a.note ?? '–'}</dd>
              </>
            )}
          </dl>
          <section aria-labelledby="anomaly-records-title">
            <h2 id="anomaly-records-title">{t('district.anomaly.recordsTitle', { n: detail.records.length })}</h2>
            {detail.records.length === 0 ? (
              <p className="hint">{t('district.anomaly.noRecords')}</p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="anomaly-records-title">
                <table className="table" data-testid="anomaly-records">
                  <thead>
                    <tr>
                      <th scope="col">{t('district.col.device')}</th>
                      <th scope="col" className="num">
                        {t('district.col.seq')}
                      </th>
                      <th scope="col">{t('district.col.recordKind')}</th>
                      <th scope="col">{t('district.col.at')}</th>
                      <th scope="col">{t('district.col.date')}</th>
                      <th scope="col">{t('district.col.period')}</th>
                      <th scope="col">{t('district.col.elder')}</th>
                      <th scope="col">{t('district.col.canteen')}</th>
                      <th scope="col" className="num">
                        {t('district.col.claimed')}
                      </th>
                      <th scope="col" className="num">
                        {t('district.col.owed')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.records.map((r) => (
                      <tr key={`${r.deviceId}|${r.seq}`} className={r.voided ? 'voided' : undefined}>
                        <td className="mono">{r.deviceId}</td>
                        <th scope="row" className="num">
                          {r.seq}
                        </th>
                        <td>
                          {t(`district.record.${r.kind}`)}
                          {r.voided && <span className="flag">{t('district.record.voided')}</span>}
                        </td>
                        <td>{localDateTime(r.at)}</td>
                        <td>{r.serviceDate}</td>
                        <td>{r.periodId === null ? '–' : periodName(t, r.periodId)}</td>
                        <td className="mono">{r.elderId ?? '–'}</td>
                        <td>{r.canteenName ?? '–'}</td>
                        <td className="num">{r.claimedSubsidy === null ? '–' : yuan(r.claimedSubsidy)}</td>
                        <td className="num">{r.subsidy === null ? '–' : yuan(r.subsidy)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {Object.keys(a.details).length > 0 && (
            <details className="raw-details">
              <summary>{t('district.anomaly.figures')}</summary>
              <pre className="mono">{JSON.stringify(a.details, null, 2)}</pre>
            </details>
          )}
          {isAdmin && a.status === 'open' && (
            <form className="resolve-form" onSubmit={(e) => void resolve(e)} aria-labelledby="resolve-title" noValidate>
              <h2 id="resolve-title">{t('district.anomaly.resolveTitle')}</h2>
              <label className="field">
                <span>{t('district.anomaly.note')}</span>
                <textarea
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={NOTE_MAX}
                  rows={3}
                  required
                  aria-describedby="resolve-hint"
                  data-testid="resolve-note"
                />
              </label>
              <p id="resolve-hint" className="hint">
                {t('district.anomaly.noteHint')}
              </p>
              <Problem text={problem} />
              <button type="submit" className="button primary" disabled={busy} data-testid="resolve-submit">
                {t('district.anomaly.resolve')}
              </button>
            </form>
          )}
        </>
      )}
    </main>
  );
}
