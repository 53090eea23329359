/**
 * The overview: what a district officer looks at first each morning — every canteen with when its
 * kiosks last reached the hub and what needs attention, today's meals, and the open anomalies. One
 * request (GET /api/v1/overview) however many canteens the district has.
 */
import { useEffect } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { overview } from '../../api/overview-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { routeHash } from '../../app/routes.js';
import { useLoad } from '../../app/use-load.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { canteenFlags } from './overview-figures.js';

export function OverviewScreen() {
  const { client, today, say } = useHub();
  const { t } = useT();
  const { loaded, reload } = useLoad(() => overview(client), [client]);

  const view = loaded.state === 'ready' ? loaded.value : null;
  // "Stale" is measured on the hub's clock, the one the uploads were stamped with.
  const asOfMs = view === null ? 0 : Date.parse(view.asOf);
  const canteens = view === null ? [] : view.canteens.map((c) => ({ ...c, flags: canteenFlags(c, asOfMs) }));
  const totals = view?.totals ?? null;

  useEffect(() => {
    if (totals === null) return;
    say(t('district.overview.said', { canteens: totals.canteens, meals: totals.mealsToday, anomalies: totals.openAnomalies }));
    announce('overview', { canteens: totals.canteens, mealsToday: totals.mealsToday, claimableToday: totals.claimableToday, openAnomalies: totals.openAnomalies });
    // Once per answer, not on every render.
  }, [view]);

  return (
    <main aria-labelledby="overview-title" className="screen">
      <ScreenTitle id="overview-title">{t('district.overview.title', { date: view?.today ?? today })}</ScreenTitle>
      <section className="cards" aria-label={t('district.overview.summary')}>
        <div className="card">
          <span className="card-label">{t('district.overview.canteens')}</span>
          <strong className="card-value" data-testid="overview-canteens">
            {totals === null ? '–' : totals.canteens}
          </strong>
        </div>
        <div className="card">
          <span className="card-label">{t('district.overview.mealsToday')}</span>
          <strong className="card-value" data-testid="overview-meals">
            {totals === null ? '–' : totals.mealsToday}
          </strong>
          <span className="card-note">{totals === null ? '' : t('district.overview.claimable', { n: totals.claimableToday })}</span>
        </div>
        <div className="card">
          <span className="card-label">{t('district.overview.openAnomalies')}</span>
          <strong className="card-value" data-testid="overview-anomalies">
            {totals === null ? '–' : totals.openAnomalies}
          </strong>
          <a href={routeHash({ screen: 'anomalies', id: null })}>{t('district.overview.seeAnomalies')}</a>
        </div>
      </section>
      <LoadState loaded={loaded} onRetry={reload} />
      {view !== null && (
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
                <tr key={c.canteenId} data-testid={`overview-row-${c.canteenId}`}>
                  <th scope="row">
                    <a href={routeHash({ screen: 'canteens', id: c.canteenId })}>{c.name}</a>
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
