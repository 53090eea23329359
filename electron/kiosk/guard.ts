/**
 * Turns the failures a person must see into `{ok: false, error}` and lets bugs through. Store
 * failures (disk full, damaged file) and our own refusals both say "NOT done", never "done".
 */
import type { Message } from '../../shared/i18n/text.js';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { LedgerAppendError } from './ledger/ledger-store.js';
import { asStoreError } from './store/open.js';
import { KioskError } from './kiosk-error.js';

export interface KioskFailure {
  /** A StoreError kind, a LedgerAppendError kind or a KioskError kind. */
  readonly kind: string;
  readonly message: Message;
}

export function failureOf(e: unknown): KioskFailure | null {
  if (e instanceof KioskError) return { kind: e.kind, message: e.text };
  if (e instanceof LedgerAppendError) return { kind: e.kind, message: e.text };
  const store = asStoreError(e);
  if (store !== null) return { kind: store.kind, message: store.text };
  return null;
}

export function guard<T>(fn: () => T): Result<T, KioskFailure> {
  try {
    return ok(fn());
  } catch (e) {
    const failure = failureOf(e);
    if (failure === null) throw e;
    return err(failure);
  }
}
