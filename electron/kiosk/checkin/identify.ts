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
import { verifyQr } from '../qr/verify-qr.js';
import type { QrRefusalCode } from '../qr/verify-qr.js';
import type { Identity, UnidentifiedReason } from './outcome.js';

export interface Identified {
  readonly elder: Elder;
  readonly method: IdentifyMethod;
  readonly cardUid: string | null;
  /** A phone QR code's nonce: the check-in marks it used with its record. */
  readonly qrNonce?: string;
}

export interface NotIdentified {
  readonly reason: UnidentifiedReason;
  readonly message: Message;
}

const no = (reason: UnidentifiedReason, text: Message = message(`checkin.unidentified.${reason}`)): Result<Identified, NotIdentified> =>
  err({ reason, message: text });

const QR_REASONS: Readonly<Record<QrRefusalCode, UnidentifiedReason>> = {
  malformed: 'qrMalformed',
  badSignature: 'qrBadSignature',
  unknownKey: 'qrUnknownKey',
  unknownElder: 'unknownElder',
  revoked: 'qrRevoked',
  expired: 'qrExpired',
  notYetValid: 'qrNotYetValid',
  used: 'qrUsed',
};

/**
 * `nowMs` dates a QR code's time window; the check-in passes its own clock. "Used" is not checked
 * here: the check-in asks after its same-check-in test (see checkin.ts).
 */
export function identify(read: ReadHandle, identity: Identity, nowMs: number = Date.now()): Result<Identified, NotIdentified> {
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
        case 'ambiguous':
          return no('ambiguousCard', found.message);
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
    case 'qr': {
      const found = verifyQr(read, identity.token, nowMs, { checkUsed: false });
      if (!found.ok) return no(QR_REASONS[found.error.code], found.error.message);
      const elder = getElder(read, found.value.elderId);
      if (elder === undefined) return no('unknownElder', message('qr.unknownElder'));
      return ok({ elder, method: 'qr', cardUid: null, ...(found.value.nonce === undefined ? {} : { qrNonce: found.value.nonce }) });
    }
    case 'manual': {
      const elder = getElder(read, identity.elderId);
      return elder === undefined ? no('unknownElder') : ok({ elder, method: 'manual', cardUid: null });
    }
  }
}
