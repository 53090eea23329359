/**
 * The district roster: search (part of a name, pinyin initials, the last 4 of an ID number) with
 * paging, one elder's page beside the results, and (admin) the import of a roster file. Paging is by
 * the hub's opaque cursor; the cursors of the pages already seen are kept so "previous" needs no
 * cursor the hub never gave.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { searchRoster } from '../../api/roster-api.js';
import { useHub } from '../../app/hub-context.js';
import { useLoad } from '../../app/use-load.js';
import { LoadState } from '../../parts/load-state.js';
import { ScreenTitle } from '../../parts/screen-title.js';
import { ElderPanel } from './elder-panel.js';
import { RosterImport } from './roster-import.js';
import { RosterTable } from './roster-table.js';

type StatusFilter = 'all' | 'active' | 'suspended';

export function RosterScreen() {
  const { client, isAdmin, say } = useHub();
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [search, setSearch] = useState({ q: '', status: 'all' as StatusFilter });
  // cursors[i] is the cursor of page i (null for the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const [selected, setSelected] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const { loaded, reload } = useLoad(() => searchRoster(client, { ...search, cursor: cursors[page] ?? null }), [client, search, cursors]);
  const result = loaded.state === 'ready' ? loaded.value : null;

  useEffect(() => {
    if (result === null) return;
    say(t('district.roster.said', { n: result.elders.length }));
    announce('roster', { count: result.elders.length, page, more: result.nextCursor !== null });
  }, [result]);

  function submit(e: FormEvent): void {
    e.preventDefault();
    setSearch({ q: typed, status });
    setCursors([null]);
  }

  return (
    <main aria-labelledby="roster-title" className="screen">
      <div className="screen-head">
        <ScreenTitle id="roster-title">{t('district.roster.title')}</ScreenTitle>
        {isAdmin && !importing && (
          <button type="button" className="button" onClick={() => setImporting(true)} data-testid="roster-import-open">
            {t('district.roster.import')}
          </button>
        )}
      </div>
      {isAdmin && importing && (
        <RosterImport
          onClose={() => setImporting(false)}
          onAccepted={() => {
            setCursors([null]);
            reload();
          }}
        />
      )}
      <form className="filters" role="search" aria-label={t('district.roster.searchLabel')} onSubmit={submit}>
        <label className="field">
          <span>{t('district.roster.query')}</span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} maxLength={100} aria-describedby="roster-query-hint" data-testid="roster-query" />
          <span id="roster-query-hint" className="hint">
            {t('district.roster.queryHint')}
          </span>
        </label>
        <label className="field">
          <span>{t('district.roster.statusFilter')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} data-testid="roster-status-filter">
            <option value="all">{t('district.roster.filter.all')}</option>
            <option value="active">{t('district.roster.filter.active')}</option>
            <option value="suspended">{t('district.roster.filter.suspended')}</option>
          </select>
        </label>
        <button type="submit" className="button" data-testid="roster-search">
          {t('district.roster.search')}
        </button>
      </form>
      <LoadState loaded={loaded} onRetry={reload} />
      {result !== null && <RosterTable elders={result.elders} selected={selected} onSelect={setSelected} />}
      {result !== null && (page > 0 || result.nextCursor !== null) && (
        <nav className="pager" aria-label={t('district.roster.pages')}>
          <button type="button" className="button secondary small" disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="roster-previous">
            {t('district.pager.previous')}
          </button>
          <span>{t('district.roster.page', { page: page + 1 })}</span>
          <button
            type="button"
            className="button secondary small"
            disabled={result.nextCursor === null}
            onClick={() => setCursors((c) => (result.nextCursor === null ? c : [...c, result.nextCursor]))}
            data-testid="roster-next"
          >
            {t('district.pager.next')}
          </button>
        </nav>
      )}
      {selected !== null && <ElderPanel key={selected} elderId={selected} onClose={() => setSelected(null)} onChanged={reload} />}
    </main>
  );
}
