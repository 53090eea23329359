/** A modal panel: a titled dialog with a close button; Escape closes it (handled by the screen). */
import type { ReactNode } from 'react';
import { useT } from '../../ui/i18n.js';

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}>
        <div className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('ui.close')}
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
