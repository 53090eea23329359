/**
 * What a check-in gives the screen. Every kind is handled wherever an outcome is shown (assertNever),
 * so a new kind cannot compile until each screen knows it.
 */
import type { Message } from '../../../shared/i18n/text.js';
import type { CheckinBody, IdentifyMethod } from '../../../shared/ledger/bodies.js';
import type { AgeBand, PriceResult } from '../../../shared/pricing/types.js';

/** How the elder was identified. A card is a claim of identity, not proof: the screen shows the photo. */
export type Identity =
  | { readonly kind: 'card'; readonly uid: string }
  | { readonly kind: 'id'; readonly number: string }
  /** A signed QR code as scanned (docs/qr.md): a printed card's or a phone's. */
  | { readonly kind: 'qr'; readonly token: string }
  | { readonly kind: 'manual'; readonly elderId: string };

/** What the cashier sees of the elder: never the ID number (masked only), never raw status codes. */
export interface ElderView {
  readonly id: string;
  readonly name: string;
  readonly idMasked: string;
  readonly age: number;
  readonly ageBand: AgeBand;
  readonly dietAlert: string | null;
  readonly hasPhoto: boolean;
}

export type CheckinOutcome =
  /** Recorded (durably, before this returns). `duplicate`: the same elder within 10 s — the first result again, nothing new recorded. */
  | {
      readonly kind: 'served';
      readonly seq: number;
      readonly at: string;
      readonly serviceDate: string;
      readonly periodId: string;
      readonly elder: ElderView;
      readonly meal: CheckinBody;
      readonly method: IdentifyMethod;
      /** The full reckoning; null for a duplicate, whose first result is read back from the ledger. */
      readonly price: PriceResult | null;
      readonly duplicate: boolean;
    }
  /** Not subsidised, nothing recorded; the cashier may sell at full price (`fullPrice: true`). */
  | { readonly kind: 'refused'; readonly elder: ElderView; readonly price: PriceResult; readonly message: Message }
  /** No elder found for what was presented; nothing recorded. */
  | { readonly kind: 'unidentified'; readonly reason: UnidentifiedReason; readonly message: Message }
  /** The meal could not be recorded (disk full, damaged file, day closed, no policy): NOT done. */
  | { readonly kind: 'failed'; readonly reason: string; readonly message: Message };

export type UnidentifiedReason =
  | 'invalidCard'
  | 'unknownCard'
  | 'lostCard'
  | 'replacedCard'
  /** A Wiegand-26 read that more than one active card could be (readers/card-uid-formats.ts). */
  | 'ambiguousCard'
  | 'invalidId'
  | 'unknownId'
  | 'unknownElder'
  | 'qrMalformed'
  | 'qrBadSignature'
  | 'qrUnknownKey'
  | 'qrRevoked'
  | 'qrExpired'
  | 'qrNotYetValid'
  | 'qrUsed';
