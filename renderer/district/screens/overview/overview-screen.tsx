/**
 * The overview: what a district officer looks at first each morning — every canteen with when its
 * kiosks last reached the hub and what needs attention, today's meals, and the open anomalies.
 */
import { useEffect } from 'react';
import type { CanteenDetail } from '../../../../shared/hub-api/routes.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import type { ApiResult } from '../../api/api-result.js';
import { canteenDetail, listCanteens } from '../../api/canteens-api.js';
import { anomalies, dailyCounts } from '../../api/counting-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { routeHash } from '../../app/routes.js';
import { useLoad } from '../../app/use-load.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { canteenOverview, mapLimited } from './overview-figures.js';

async function allDetails(load: (id: number) => Promise<ApiResult<CanteenDetail>>, ids: readonly number[]): Promise<ApiResult<CanteenDetail[]>> {
  const results = await mapLimited(ids, 6, load);
  const failed = results.find((r) => !r.ok);
  if (failed !== undefined && !failed.ok) return failed;
  return { ok: true, value: results.flatMap((r) => (r.ok ? [r.value] : [])) };
}

export function OverviewScreen() {
  const { client, today, say } = useHub();
  const { t } = useT();
  const details = useLoad(async () => {
    const list = await listCanteens(client);
    if (!list.ok) return list;
    return allDetails((id) => canteenDetail(client, id), list.value.canteens.map((c) => c.id));
  }, [client]);
  const counts = useLoad(() => dailyCounts(client, { from: today, to: today, canteenId: null }), [client, today]);
  const open = useLoad(() => anomalies(client, { status: 'open', kind: null, canteenId: null, from: '', to: '' }, null, 200), [client]);

  const ready = details.loaded.state === 'ready' && counts.loaded.state !== 'loading' && open.loaded.state !== 'loading';
  const rows = counts.loaded.state === 'ready' ? counts.loaded.value.rows : [];
  const openList = open.loaded.state === 'ready' ? open.loaded.value.anomalies : [];
  const now = Date.now();
  const canteens = details.loaded.state === 'ready' ? details.loaded.value.map((d) => canteenOverview(d, rows, openList, now)) : [];
  const mealsToday = rows.reduce((n, r) => n + r.meals, 0);
  const claimableToday = rows.reduce((n, r) => n + (r.claimable ? r.meals : 0), 0);
  const openCount = openList.length;
  const openMore = open.loaded.state === 'ready' && open.loaded.value.nextCursor !== null;

  useEffect(() => {
    if (!ready) return;
    say(t('district.overview.said', { canteens: canteens.length, meals: mealsToday, anomalies: openCount }));
    announce('overview', { canteens: canteens.length, mealsToday, claimableToday, openAnomalies: openCount });
    // Once per load (when `ready` turns true), not on every render.
  }, [ready]);

  return (
    <main aria-labelledby="overview-title" className="screen">
      <ScreenTitle id="overview-title">{t('district.overview.title', { date: today })}</ScreenTitle>
      <section className="cards" aria-label={t('district.overview.summary')}>
        <div className="card">
          <span className="card-label">{t('district.overview.canteens')}</span>
          <strong className="card-value" data-testid="overview-canteens">
            {details.loaded.state === 'ready' ? canteens.length : '–'}
          </strong>
        </div>
        <div className="card">
          <span className="card-label">{t('district.overview.mealsToday')}</span>
          <strong className="card-value" data-testid="overview-meals">
            {counts.loaded.state === 'ready' ? mealsToday : '–'}
          </strong>
          <span className="card-note">{counts.loaded.state === 'ready' ? t('district.overview.claimable', { n: claimableToday }) : ''}</span>
        </div>
        <div className="card">
          <span className="card-label">{t('district.overview.openAnomalies')}</span>
          <strong className="card-value" data-testid="overview-anomalies">
            {open.loaded.state === 'ready' ? `${openCount}${openMore ? '+' : ''}` : '–'}
          </strong>
          <a href={routeHash({ screen: 'anomalies', id: null })}>{t('district.overview.seeAnomalies')}</a>
        </div>
      </section>
      <LoadState loaded={counts.loaded} onRetry={counts.reload} />
      <LoadState loaded={open.loaded} onRetry={open.reload} />
      <LoadState loaded={details.loaded} onRetry={details.reload} />
      {details.loaded.state === 'ready' && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="overview-table-caption">
          <table className="table" data-testid="overview-table">
            <caption id="overview-table-caption">{t('district.overview.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district.col.canteen')}</th>
                <th scope="col">{t('district.col.kiosks')}</th>
                <th scope="col">{t('district.col.lastUpload')}</th>
                <th scope="col">{t('district.col.attention')}</th>
                <th scope="col" className="num">
                  {t('district.col.mealsToday')}
                </th>
                <th scope="col" className="num">
                  {t('district.col.openAnomalies')}
                </th>
              </tr>
            </thead>
            <tbody>
              {canteens.map((c) => (
                <tr key={c.canteen.id} data-testid={`overview-row-${c.canteen.id}`}>
                  <th scope="row">
                    <a href={routeHash({ screen: 'canteens', id: c.canteen.id })}>{c.canteen.name}</a>
                  </th>
                  <td>{c.activeDevices}</td>
                  <td>{c.lastUploadAt === null ? t('district.never') : localDateTime(c.lastUploadAt)}</td>
                  <td>
                    {c.flags.length === 0 ? (
                      <span className="flag ok">{t('district.flag.ok')}</span>
                    ) : (
                      c.flags.map((f) => (
                        <span key={f} className="flag warn">
                          {t(`district.flag.${f}`)}
                        </span>
                      ))
                    )}
                  </td>
                  <td className="num">{c.mealsToday}</td>
                  <td className="num">{c.openAnomalies}</td>
                </tr>
              ))}
              {canteens.length === 0 && (
                <tr>
                  <td colSpan={6}>{t('district.overview.noCanteens')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
