/**
 * A refusal by the kiosk back end that a person must see and can act on (shown as it is), as opposed
 * to a bug (logged). Store failures are StoreError; this is everything our own rules refuse.
 */
import type { Message } from '../../shared/i18n/text.js';
import { renderBoth } from '../../shared/i18n/catalogs.js';

export type KioskErrorKind =
  | 'notSetUp'
  | 'noPolicy'
  | 'policyConflict'
  | 'operator'
  | 'forbidden'
  | 'notFound'
  | 'dayClosed'
  | 'invalid';

export class KioskError extends Error {
  override readonly name = 'KioskError';
  readonly kind: KioskErrorKind;
  readonly text: Message;

  constructor(kind: KioskErrorKind, text: Message) {
    super(renderBoth(text));
    this.kind = kind;
    this.text = text;
  }
}
