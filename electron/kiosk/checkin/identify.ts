/**
 * Finding the elder behind what was presented: a card UID, a resident ID number, or a cashier's
 * manual pick — through roster-store's look-ups. Refusals carry their own message (a lost card is
 * not an unknown card).
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { IdentifyMethod } from '../../../shared/ledger/bodies.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { findByCard, findById, getElder } from '../roster/roster-store.js';
import type { Elder } from '../roster/roster-store.js';
import type { ReadHandle } from '../store/open.js';
import type { Identity, UnidentifiedReason } from './outcome.js';

export interface Identified {
  readonly elder: Elder;
  readonly method: IdentifyMethod;
  readonly cardUid: string | null;
}

export interface NotIdentified {
  readonly reason: UnidentifiedReason;
  readonly message: Message;
}

const no = (reason: UnidentifiedReason, text: Message = message(`checkin.unidentified.${reason}`)): Result<Identified, NotIdentified> =>
  err({ reason, message: text });

export function identify(read: ReadHandle, identity: Identity): Result<Identified, NotIdentified> {
  switch (identity.kind) {
    case 'card': {
      const found = findByCard(read, identity.uid);
      switch (found.kind) {
        case 'found':
          return ok({ elder: found.elder, method: 'card', cardUid: found.card.uid });
        case 'badUid':
          return no('invalidCard', found.message);
        case 'notFound':
          return no('unknownCard');
        case 'lost':
          return no('lostCard');
        case 'replaced':
          return no('replacedCard');
      }
      break;
    }
    case 'id': {
      const found = findById(read, identity.number);
      switch (found.kind) {
        case 'found':
          return ok({ elder: found.elder, method: 'id', cardUid: null });
        case 'badId':
          return no('invalidId', found.problem.message);
        case 'notFound':
          return no('unknownId');
      }
      break;
    }
    case 'manual': {
      const elder = getElder(read, identity.elderId);
      return elder === undefined ? no('unknownElder') : ok({ elder, method: 'manual', cardUid: null });
    }
  }
}
