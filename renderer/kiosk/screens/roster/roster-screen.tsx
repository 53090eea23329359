/**
 * The roster (manager): find elders by name, pinyin initials or the last 4 of the ID number, filter,
 * page through; open one elder's page; register a new elder; import a roster file.
 */
import { useEffect, useState } from 'react';
import type { RosterRow } from '../../../../shared/kiosk-api/roster-views.js';
import type { SessionView } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { Dialog } from '../dialog.js';
import { ElderPage } from './elder-page.js';
import { ElderForm } from './elder-form.js';
import { ImportDialog } from './import-dialog.js';
import { Pager } from './pager.js';
import { RosterFilters } from './roster-filters.js';
import type { RosterFilter } from './roster-filters.js';
import { RosterTable } from './roster-table.js';
import { useEscape } from './use-escape.js';
import { useStatusNames } from './use-status-names.js';

const PAGE_SIZE = 20;

type Panel = { kind: 'none' } | { kind: 'elder'; elderId: string } | { kind: 'add' } | { kind: 'import' };

export function RosterScreen({ session }: { session: SessionView }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<RosterFilter>({});
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<readonly RosterRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  // Bumped after a change (save, import, suspension) so the page is read again.
  const [version, setVersion] = useState(0);
  const statuses = useStatusNames(session.serviceDate, loaded);
  // The elder's page and the import dialog close themselves on Escape; the add form is this screen's.
  useEscape(() => {
    if (panel.kind === 'add') setPanel({ kind: 'none' });
  });

  useEffect(() => {
    // Each keystroke starts a search; only the newest one's answer is shown.
    let current = true;
    void guard(() => client.call('roster.list', { query, filter, offset, limit: PAGE_SIZE })).then((r) => {
      if (!current) return;
      if (r.ok) {
        setRows(r.value.rows);
        setTotal(r.value.total);
        setProblem(null);
        setLoaded(true);
        announce('roster', { total: r.value.total, rows: r.value.rows.length });
      } else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, guard, msg, query, filter, offset, version]);

  const changed = (): void => setVersion((v) => v + 1);

  return (
    <main className="roster-screen" aria-labelledby="roster-title">
      <div className="screen-head">
        <h1 id="roster-title">{t('ui.roster.title')}</h1>
        <div className="actions">
          <button type="button" className="button" onClick={() => setPanel({ kind: 'add' })} data-testid="roster-add">
            {t('ui.roster.add')}
          </button>
          <button type="button" className="button" onClick={() => setPanel({ kind: 'import' })} data-testid="roster-import-open">
            {t('ui.roster.import')}
          </button>
        </div>
      </div>
      <div className="roster-search">
        <label className="field">
          <span>{t('ui.roster.searchLabel')}</span>
          <input
            type="search"
            value={query}
            autoComplete="off"
            maxLength={40}
            onChange={(e) => {
              setQuery(e.target.value);
              setOffset(0);
            }}
            data-testid="roster-search"
          />
        </label>
        <RosterFilters
          filter={filter}
          statuses={statuses}
          onChange={(f) => {
            setFilter(f);
            setOffset(0);
          }}
        />
      </div>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
      <RosterTable rows={rows} onOpen={(elderId) => setPanel({ kind: 'elder', elderId })} />
      {loaded && rows.length === 0 && <p className="hint">{t('ui.roster.none')}</p>}
      <Pager offset={offset} limit={PAGE_SIZE} total={total} onOffset={setOffset} />

      {panel.kind === 'elder' && <ElderPage session={session} elderId={panel.elderId} statuses={statuses} onChanged={changed} onClose={() => setPanel({ kind: 'none' })} />}
      {panel.kind === 'add' && (
        <Dialog title={t('ui.roster.addTitle')} onClose={() => setPanel({ kind: 'none' })}>
          <ElderForm
            elder={null}
            statuses={statuses}
            onSaved={(d) => {
              changed();
              setPanel({ kind: 'elder', elderId: d.id });
            }}
            onCancel={() => setPanel({ kind: 'none' })}
          />
        </Dialog>
      )}
      {panel.kind === 'import' && <ImportDialog onImported={changed} onClose={() => setPanel({ kind: 'none' })} />}
    </main>
  );
}
