/**
 * The district's canteens, and (admin) a new one. A new canteen opens on its own page, where its
 * kiosk's enrolment code is made.
 */
import { useEffect, useState } from 'react';
import { HUB_PATHS } from '../../../../shared/hub-api/routes.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { listCanteens } from '../../api/canteens-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { routeHash } from '../../app/routes.js';
import type { Route } from '../../app/routes.js';
import { useLoad } from '../../app/use-load.js';
import { ExportButtons } from '../../parts/export-buttons.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { CanteenForm } from './canteen-form.js';

export function CanteensScreen({ go }: { go: (to: Route) => void }) {
  const { client, isAdmin, say } = useHub();
  const { t } = useT();
  const { loaded, reload } = useLoad(() => listCanteens(client), [client]);
  const [adding, setAdding] = useState(false);
  const list = loaded.state === 'ready' ? loaded.value.canteens : null;

  useEffect(() => {
    if (list === null) return;
    say(t('district.canteens.said', { n: list.length }));
    announce('canteens', { count: list.length });
  }, [list]);

  return (
    <main aria-labelledby="canteens-title" className="screen">
      <div className="screen-head">
        <ScreenTitle id="canteens-title">{t('district.canteens.title')}</ScreenTitle>
        <ExportButtons path={HUB_PATHS.canteens} query={{}} name="canteens" label={t('district.canteens.export')} testId="canteens-export" />
        {isAdmin && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="canteen-add">
            {t('district.canteens.add')}
          </button>
        )}
      </div>
      {isAdmin && adding && (
        <CanteenForm
          onCancel={() => setAdding(false)}
          onCreated={(c) => {
            announce('canteen-created', { id: c.id, name: c.name });
            go({ screen: 'canteens', id: c.id });
          }}
        />
      )}
      <LoadState loaded={loaded} onRetry={reload} />
      {list !== null && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="canteens-caption">
          <table className="table" data-testid="canteens-table">
            <caption id="canteens-caption">{t('district.canteens.caption', { n: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district.col.canteen')}</th>
                <th scope="col">{t('district.canteen.regionCode')}</th>
                <th scope="col">{t('district.canteen.address')}</th>
                <th scope="col">{t('district.canteen.operator')}</th>
                <th scope="col">{t('district.canteen.created')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={routeHash({ screen: 'canteens', id: c.id })}>{c.name}</a>
                  </th>
                  <td className="mono">{c.regionCode}</td>
                  <td>{c.address}</td>
                  <td>{c.operatorName}</td>
                  <td>{localDateTime(c.createdAt)}</td>
                </tr>
              ))}
              {list.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('district.overview.noCanteens')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
