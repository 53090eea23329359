/**
 * Finding an elder by hand (a forgotten card): part of the name, pinyin initials (wjg → 王建国) or
 * the last 4 characters of the ID number. The check-in it leads to is recorded as manual.
 */
import { useEffect, useState } from 'react';
import type { ElderBrief } from '../../../shared/kiosk-api/views.js';
import { useT } from '../../ui/i18n.js';
import { useKiosk } from '../app/kiosk-client-context.js';
import { Dialog } from './dialog.js';

export function ElderSearch({ onPick, onClose, title }: { onPick: (elderId: string) => void; onClose: () => void; title?: string }) {
  const client = useKiosk();
  const { t, msg } = useT();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ElderBrief[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (query.trim() === '') {
      setHits([]);
      return;
    }
    let current = true;
    void client.call('elders.search', { query }).then((r) => {
      if (!current) return;
      if (r.ok) {
        setHits(r.value);
        setProblem(null);
      } else setProblem(msg(r.error.message));
    });
    return () => {
      current = false;
    };
  }, [client, query, msg]);

  return (
    <Dialog title={title ?? t('ui.search.title')} onClose={onClose}>
      <label className="field">
        <span>{t('ui.search.label')}</span>
        <input type="search" autoFocus value={query} onChange={(e) => setQuery(e.target.value)} data-testid="elder-search-input" autoComplete="off" />
      </label>
      <p className="hint">{t('ui.search.hint')}</p>
      {problem !== null && <p className="problem">{problem}</p>}
      <ul className="hits" aria-live="polite">
        {hits.map((e) => (
          <li key={e.id}>
            <button type="button" className="button hit" onClick={() => onPick(e.id)} disabled={!e.active}>
              <span className="name">{e.name}</span>
              <span>{t('ui.ageYears', { age: e.age })}</span>
              <span className="mono">{e.idMasked.slice(-4)}</span>
              {!e.active && <span className="tag">{t('ui.suspended')}</span>}
            </button>
          </li>
        ))}
        {query.trim() !== '' && hits.length === 0 && <li className="none">{t('ui.search.none')}</li>}
      </ul>
    </Dialog>
  );
}
