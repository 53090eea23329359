/**
 * The shapes every part of the reader path agrees on: a raw HID report goes into a decoder chosen
 * by the reader's configuration; whole scans come out, then are classified (card UID, resident ID
 * number, signed QR code) into the identity a check-in takes.
 */

/** How a reader's reports are laid out. One decoder per format. */
export type ReportFormat =
  /** 8-byte boot-protocol keyboard reports: modifier, reserved, up to six usage codes. */
  | 'keyboard'
  /** HID-POS barcode scanner reports (usage page 0x8C). */
  | 'hidPos'
  /** A vendor report that carries ASCII (length byte or NUL padding). */
  | 'vendorAscii';

/** How a card reader prints a card's UID; the roster keeps one canonical form (see card-uid-formats). */
export type UidFormat =
  /** 8 hex digits, most significant byte first (the canonical form). */
  | 'hex'
  /** 8 hex digits with the bytes reversed. */
  | 'hexReversed'
  /** 10 decimal digits of the 32-bit number ("8H10D"). */
  | 'dec10'
  /** Wiegand-26: facility code (3 digits) + card number (5 digits). */
  | 'wiegand26';

/** One whole scan out of a decoder: the text up to (not including) its terminator. */
export interface Scan {
  readonly text: string;
}

/** What a decoder says after a report. */
export type DecodeEvent =
  | { readonly kind: 'scan'; readonly scan: Scan }
  /** A report it could not read; the partial scan, if any, is dropped (never passed on as a scan). */
  | { readonly kind: 'garbled'; readonly reason: string };

/** Turns reports into scans. Stateful (a scan spans many reports); `reset` drops a partial scan. */
export interface ReportDecoder {
  push(report: Uint8Array): readonly DecodeEvent[];
  reset(): void;
  /** True while part of a scan has been read and its terminator has not. */
  readonly pending: boolean;
}

/** The prefix of a Zhucan QR token as scanned ("ZC1." then the signed payload; shared/qr/token.ts). */
export { QR_PREFIX as QR_TOKEN_PREFIX } from '../../../shared/qr/token.js';
