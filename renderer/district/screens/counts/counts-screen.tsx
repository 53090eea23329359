/**
 * Daily counts: a date range and a canteen; meals per day as a chart; every count row in a table,
 * amended days marked with their amendments; the same rows as CSV, XLSX or JSON.
 */
import { useEffect, useMemo, useState } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { COUNTING_PATHS, countsQuery, dailyCounts } from '../../api/counting-api.js';
import type { CountsFilter } from '../../api/counting-api.js';
import { useHub } from '../../app/hub-context.js';
import { useLoad } from '../../app/use-load.js';
import { ExportButtons } from '../../parts/export-buttons.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { AmendmentsList } from './amendments-list.js';
import { amendedDays, countRows } from './counts-model.js';
import { CountsFilters } from './counts-filters.js';
import { CountsTable } from './counts-table.js';
import { MealsPerDayChart } from './meals-per-day-chart.js';

export function CountsScreen() {
  const { client, today, say } = useHub();
  const { t } = useT();
  const [filter, setFilter] = useState<CountsFilter>({ from: `${today.slice(0, 8)}01`, to: today, canteenId: null });
  const { loaded, reload } = useLoad(() => dailyCounts(client, filter), [client, filter]);
  const view = loaded.state === 'ready' ? loaded.value : null;
  // A year of a whole district is thousands of rows: sort them once per answer, not per render.
  const rows = useMemo(() => (view === null ? [] : countRows(view)), [view]);
  const amended = useMemo(() => (view === null ? [] : amendedDays(view)), [view]);

  useEffect(() => {
    if (view === null) return;
    say(t('district.counts.said', { rows: view.rows.length, from: view.from, to: view.to }));
    announce('counts', { rows: view.rows.length, from: view.from, to: view.to, canteenId: view.canteenId, amendedDays: amended.length });
  }, [view]);

  return (
    <main aria-labelledby="counts-title" className="screen">
      <div className="screen-head">
        <ScreenTitle id="counts-title">{t('district.counts.title')}</ScreenTitle>
        <ExportButtons path={COUNTING_PATHS.dailyCounts} query={countsQuery(filter)} name={`daily-counts-${filter.from}-${filter.to}`} label={t('district.counts.export')} testId="counts-export" />
      </div>
      <CountsFilters initial={filter} onApply={setFilter} />
      <LoadState loaded={loaded} onRetry={reload} />
      {view !== null && (
        <>
          {amended.length > 0 && (
            <p className="banner warning" data-testid="amended-banner">
              {t('district.counts.amendedBanner', { n: amended.length })}
            </p>
          )}
          <MealsPerDayChart view={view} />
          {rows.length === 0 ? <p className="hint">{t('district.counts.none')}</p> : <CountsTable key={`${view.from}|${view.to}|${view.canteenId ?? ''}`} rows={rows} />}
          <AmendmentsList days={amended} />
        </>
      )}
    </main>
  );
}
