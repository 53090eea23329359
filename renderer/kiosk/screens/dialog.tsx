/**
 * A modal panel: a titled dialog with a close button. On opening, focus moves into it (to the field
 * marked autoFocus if any, else the dialog itself) so keyboard users are where the action is; on
 * closing, focus goes back where it was. Escape is handled by the screen that opened it.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../ui/i18n.js';

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    const dialog = box.current;
    if (dialog !== null && !dialog.contains(document.activeElement)) dialog.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={box}>
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
