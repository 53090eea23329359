/**
 * Anomalies: what looks wrong, newest first, filtered by state, kind, canteen and dates; each opens
 * to the records behind it. 50 to a page, the hub's cursor for the next.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ANOMALY_KINDS } from '../../../../shared/hub-api/counting-views.js';
import type { Anomaly, AnomalyKind } from '../../../../shared/hub-api/counting-views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { anomalies, anomaliesQuery, COUNTING_PATHS } from '../../api/counting-api.js';
import type { AnomalyFilter } from '../../api/counting-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { routeHash } from '../../app/routes.js';
import { useLoad } from '../../app/use-load.js';
import { CanteenSelect } from '../../parts/canteen-select.js';
import { ExportButtons } from '../../parts/export-buttons.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { textIn } from './anomaly-text.js';

const STATUSES = ['open', 'resolved'] as const;

export function AnomaliesScreen() {
  const { client, say } = useHub();
  const { t, locale } = useT();
  const [filter, setFilter] = useState<AnomalyFilter>({ status: 'open', kind: null, canteenId: null, from: '', to: '' });
  const [draft, setDraft] = useState<AnomalyFilter>(filter);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const { loaded, reload } = useLoad(() => anomalies(client, filter, cursor), [client, filter, cursor]);
  const page = loaded.state === 'ready' ? loaded.value : null;

  useEffect(() => {
    if (page === null) return;
    say(t('district.anomalies.said', { n: page.anomalies.length }));
    announce('anomalies', { count: page.anomalies.length, status: filter.status, kind: filter.kind });
  }, [page]);

  function apply(e: FormEvent): void {
    e.preventDefault();
    setCursors([null]);
    setFilter(draft);
  }

  return (
    <main aria-labelledby="anomalies-title" className="screen">
      <div className="screen-head">
        <ScreenTitle id="anomalies-title">{t('district.anomalies.title')}</ScreenTitle>
        <ExportButtons path={COUNTING_PATHS.anomalies} query={anomaliesQuery(filter)} name="anomalies" label={t('district.anomalies.export')} testId="anomalies-export" />
      </div>
      <form className="filters" onSubmit={apply} aria-label={t('district.filter.title')} noValidate>
        <label className="field">
          <span>{t('district.anomalies.status')}</span>
          <select value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: STATUSES.find((s) => s === e.target.value) ?? null })} data-testid="anomalies-status">
            <option value="">{t('district.anomalies.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`district.anomalies.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('district.anomalies.kind')}</span>
          <select value={draft.kind ?? ''} onChange={(e) => setDraft({ ...draft, kind: ANOMALY_KINDS.find((k) => k === e.target.value) ?? null })} data-testid="anomalies-kind">
            <option value="">{t('district.anomalies.anyKind')}</option>
            {ANOMALY_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(t, k)}
              </option>
            ))}
          </select>
        </label>
        <CanteenSelect value={draft.canteenId} onChange={(canteenId) => setDraft({ ...draft, canteenId })} testId="anomalies-canteen" />
        <label className="field">
          <span>{t('district.filter.from')}</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('district.filter.to')}</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit" className="button" data-testid="anomalies-apply">
          {t('district.filter.apply')}
        </button>
      </form>
      <LoadState loaded={loaded} onRetry={reload} />
      {page !== null && (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="anomalies-caption">
            <table className="table" data-testid="anomalies-table">
              <caption id="anomalies-caption">{t('district.anomalies.caption', { n: page.anomalies.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('district.anomalies.kind')}</th>
                  <th scope="col">{t('district.anomalies.what')}</th>
                  <th scope="col">{t('district.col.canteen')}</th>
                  <th scope="col">{t('district.col.date')}</th>
                  <th scope="col">{t('district.anomalies.detected')}</th>
                  <th scope="col" className="num">
                    {t('district.anomalies.records')}
                  </th>
                  <th scope="col">{t('district.anomalies.status')}</th>
                </tr>
              </thead>
              <tbody>
                {page.anomalies.map((a) => (
                  <AnomalyRow key={a.id} anomaly={a} text={textIn(a.message, locale)} />
                ))}
                {page.anomalies.length === 0 && (
                  <tr>
                    <td colSpan={7}>{t('district.anomalies.none')}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('district.anomalies.pages')}>
            <button type="button" className="button secondary small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('district.pager.previous')}
            </button>
            <button type="button" className="button secondary small" disabled={page.nextCursor === null} onClick={() => page.nextCursor !== null && setCursors([...cursors, page.nextCursor])}>
              {t('district.pager.next')}
            </button>
          </nav>
        </>
      )}
    </main>
  );
}

export function kindName(t: (key: string) => string, kind: AnomalyKind): string {
  return t(`district.anomaly.kind.${kind}`);
}

function AnomalyRow({ anomaly: a, text }: { anomaly: Anomaly; text: string }) {
  const { t } = useT();
  return (
    <tr data-testid={`anomaly-row-${a.id}`}>
      <th scope="row">
        <a href={routeHash({ screen: 'anomalies', id: a.id })}>{kindName(t, a.kind)}</a>
      </th>
      <td>{text}</td>
      <td>{a.canteenName ?? '–'}</td>
      <td>{a.serviceDate ?? '–'}</td>
      <td>{localDateTime(a.detectedAt)}</td>
      <td className="num">{a.recordCount}</td>
      <td>
        <span className={`flag ${a.status === 'open' ? 'warn' : 'ok'}`}>{t(`district.anomalies.status.${a.status}`)}</span>
      </td>
    </tr>
  );
}
