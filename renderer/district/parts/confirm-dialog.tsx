/**
 * A confirmation in a native modal <dialog>: the browser traps the focus inside it, Escape cancels it
 * and the page behind is inert — nothing of ours to get wrong. Focus starts on Cancel, so a stray
 * Enter does not approve a settlement or revoke a kiosk.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../ui/i18n.js';

export function ConfirmDialog({
  title,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
  children,
  testId,
}: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useT();
  const box = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = box.current;
    const before = document.activeElement;
    if (dialog !== null && !dialog.open) dialog.showModal();
    cancel.current?.focus();
    return () => {
      dialog?.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={box}
      className="modal"
      aria-labelledby={`${testId}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      data-testid={testId}
    >
      <h2 id={`${testId}-title`}>{title}</h2>
      {children}
      <div className="actions">
        <button ref={cancel} type="button" className="button secondary" onClick={onCancel} disabled={busy} data-testid={`${testId}-cancel`}>
          {t('district.cancel')}
        </button>
        <button type="button" className={`button${danger ? ' danger' : ''}`} onClick={onConfirm} disabled={busy} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
