/**
 * Test-swipe (reader set-up screen): who a scan would find, by the same look-ups a check-in makes,
 * without checking in. Shows the masked ID number only, and the card's state so a manager testing
 * a reader can tell "this reader reads wrongly" from "this card was reported lost".
 */
import { maskResidentId } from '../../../shared/idcard.js';
import type { Message } from '../../../shared/i18n/text.js';
import { identify } from '../checkin/identify.js';
import type { UnidentifiedReason } from '../checkin/outcome.js';
import type { Kiosk } from '../kiosk.js';
import { findByCard, getElder } from '../roster/roster-store.js';
import type { CardState, Elder } from '../roster/roster-store.js';
import type { ScanIdentity } from './classify-scan.js';
import { QR_TOKEN_PREFIX } from './reader-types.js';

export interface TestSwipeElder {
  readonly id: string;
  readonly name: string;
  readonly idMasked: string;
  readonly active: boolean;
}

export interface TestSwipeResult {
  readonly scan: 'card' | 'id' | 'qr';
  /** What was read, safe to show: a card's canonical UID, an ID number masked, a QR code's prefix only. */
  readonly shown: string;
  /** The elder the scan names, if any; for a lost or replaced card, its holder. */
  readonly elder: TestSwipeElder | null;
  /** For a card: the stored card it matched (a Wiegand key gives the whole UID) and its state. */
  readonly card: { readonly uid: string; readonly state: CardState } | null;
  /** Why a check-in would not find the elder; null when it would. */
  readonly refusal: { readonly reason: UnidentifiedReason; readonly message: Message } | null;
}

function view(elder: Elder): TestSwipeElder {
  return { id: elder.id, name: elder.name, idMasked: elder.idMasked, active: elder.active };
}

/** Read-only: identify() and findByCard only read; a phone QR code is not marked used. */
export function lookUpScan(kiosk: Kiosk, identity: Exclude<ScanIdentity, { kind: 'unreadable' }>): TestSwipeResult {
  const read = kiosk.context.store.read;
  const found = identify(read, identity, kiosk.context.clock());
  const refusal = found.ok ? null : { reason: found.error.reason, message: found.error.message };
  if (identity.kind !== 'card') {
    const shown = identity.kind === 'id' ? maskResidentId(identity.number) : `${QR_TOKEN_PREFIX}…`;
    return { scan: identity.kind, shown, elder: found.ok ? view(found.value.elder) : null, card: null, refusal };
  }
  const shown = identity.uid;
  const card = findByCard(read, identity.uid);
  switch (card.kind) {
    case 'found':
      return { scan: 'card', shown, elder: view(card.elder), card: card.card, refusal };
    case 'lost':
    case 'replaced': {
      const holder = getElder(read, card.elderId);
      return { scan: 'card', shown, elder: holder === undefined ? null : view(holder), card: { uid: card.uid, state: card.kind }, refusal };
    }
    case 'notFound':
    case 'ambiguous':
    case 'badUid':
      return { scan: 'card', shown, elder: null, card: null, refusal };
  }
}
