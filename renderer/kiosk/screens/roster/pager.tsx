/** Previous / next page and "21–40 of 133": the roster pages in name order, end to end. */
import { useT } from '../../../ui/i18n.js';

export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const { t } = useT();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('ui.roster.pages')}>
      <button type="button" className="button secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))} data-testid="roster-prev">
        {t('ui.roster.prev')}
      </button>
      <span role="status" data-testid="roster-count">
        {t('ui.roster.range', { first, last, total })}
      </span>
      <button type="button" className="button secondary" disabled={last >= total} onClick={() => onOffset(offset + limit)} data-testid="roster-next">
        {t('ui.roster.next')}
      </button>
    </nav>
  );
}
