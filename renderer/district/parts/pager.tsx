/** Previous / next through a long table, with where we are in words. */
import { useT } from '../../ui/i18n.js';

export function Pager({ page, pages, onPage, label }: { page: number; pages: number; onPage: (p: number) => void; label: string }) {
  const { t } = useT();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button secondary small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('district.pager.previous')}
      </button>
      <span>{t('district.pager.where', { page: page + 1, pages })}</span>
      <button type="button" className="button secondary small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('district.pager.next')}
      </button>
    </nav>
  );
}
