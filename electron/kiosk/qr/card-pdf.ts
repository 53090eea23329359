/**
 * The printed QR card (docs/qr.md "Printing a card"): a one-page PDF the size of an ID-1 card
 * (85.6 × 53.98 mm) with the canteen's name, the elder's name, the masked ID number, the card code
 * as a QR code (level M, 4-module quiet zone) and a line saying what the card is. Printing issues a
 * NEW card code, which revokes every card printed before.
 */
import QRCode from 'qrcode';
import { message } from '../../../shared/i18n/text.js';
import { KioskError } from '../kiosk-error.js';
import { getElder } from '../roster/roster-store.js';
import { kioskIdentity } from '../settings.js';
import type { KioskStore } from '../store/open.js';
import { issueCardCode } from './issue-qr.js';
import type { IssuedCardCode } from './issue-qr.js';
import { cjkFontObjects, pdfNumber, streamObject, textWidthUnits, utf16beHex, writePdf } from './pdf-writer.js';

const MM = 72 / 25.4;
/** ID-1 (ISO/IEC 7810) in PDF points: 242.65 × 153.01. */
export const CARD_WIDTH_PT = 85.6 * MM;
export const CARD_HEIGHT_PT = 53.98 * MM;
export const QR_QUIET_MODULES = 4;
/** The QR code with its quiet zone: 40 mm square (at least 30 mm is the rule). */
export const QR_SIDE_PT = 40 * MM;
export const CARD_FOOTER = '助餐卡 · 遗失请告知食堂 / Zhucan meal card';

const MARGIN = 7;

export interface CardContent {
  readonly canteenName: string;
  readonly elderName: string;
  /** As the roster stores it: only the last 4 characters shown. */
  readonly idMasked: string;
  readonly token: string;
}

/** The QR modules of the token (level M): the dark ones as [row, col]. */
export function darkModules(token: string): { size: number; dark: [number, number][] } {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const dark: [number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col) === 1) dark.push([row, col]);
  }
  return { size: modules.size, dark };
}

/** One line of text at (x, y), shrunk (not below minSize) to fit maxWidth. */
function textLine(text: string, x: number, y: number, size: number, maxWidth: number, minSize: number): string {
  const units = textWidthUnits(text);
  const fitted = units === 0 ? size : Math.max(minSize, Math.min(size, (maxWidth * 1000) / units));
  return `BT /F1 ${pdfNumber(fitted)} Tf ${pdfNumber(x)} ${pdfNumber(y)} Td ${utf16beHex(text)} Tj ET`;
}

/** The page's content stream: text left and top, the QR code right, the footer along the bottom. */
export function cardContentStream(card: CardContent): string {
  const { size, dark } = darkModules(card.token);
  const module = QR_SIDE_PT / (size + 2 * QR_QUIET_MODULES);
  const qrX = CARD_WIDTH_PT - MARGIN - QR_SIDE_PT;
  const qrY = (CARD_HEIGHT_PT - QR_SIDE_PT) / 2 + 2;
  const leftWidth = qrX - MARGIN - 2;
  const ops: string[] = ['0 g'];
  // Row 0 is the top of the symbol; PDF's y grows upwards. Each module its own rectangle, filled
  // as one path so neighbours join without seams.
  for (const [row, col] of dark) {
    const x = qrX + (QR_QUIET_MODULES + col) * module;
    const y = qrY + QR_SIDE_PT - (QR_QUIET_MODULES + row + 1) * module;
    ops.push(`${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(module)} ${pdfNumber(module)} re`);
  }
  ops.push('f');
  const top = CARD_HEIGHT_PT - MARGIN;
  ops.push(textLine(card.canteenName, MARGIN, top - 10, 10, leftWidth, 5));
  ops.push(textLine(card.elderName, MARGIN, top - 50, 18, leftWidth, 8));
  ops.push(textLine('身份证号 / ID No.', MARGIN, top - 72, 6, leftWidth, 4));
  ops.push(textLine(card.idMasked, MARGIN, top - 82, 8, leftWidth, 5));
  ops.push(textLine(CARD_FOOTER, MARGIN, MARGIN - 1, 5.5, CARD_WIDTH_PT - 2 * MARGIN, 4));
  return ops.join('\n');
}

/** The card as a one-page PDF 1.4 file. */
export function cardPdf(card: CardContent): Buffer {
  const [font, cidFont, descriptor] = cjkFontObjects(5);
  const mediaBox = `[0 0 ${pdfNumber(CARD_WIDTH_PT)} ${pdfNumber(CARD_HEIGHT_PT)}]`;
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox ${mediaBox} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    streamObject(cardContentStream(card)),
    font,
    cidFont,
    descriptor,
  ]);
}

export interface PrintedCard {
  readonly pdf: Buffer;
  readonly code: IssuedCardCode;
  readonly elderName: string;
  readonly idMasked: string;
  readonly canteenName: string;
}

/**
 * Issues a new card code for the elder (revoking every earlier print) and lays out its card. The
 * elder and the kiosk's identity are read first, so a refusal issues nothing.
 */
export function printCard(store: KioskStore, elderId: string, nowMs: number): PrintedCard {
  const { canteenName } = kioskIdentity(store.read);
  const elder = getElder(store.read, elderId);
  if (elder === undefined) throw new KioskError('notFound', message('roster.elder.unknown'));
  const code = issueCardCode(store, elderId, nowMs);
  const pdf = cardPdf({ canteenName, elderName: elder.name, idMasked: elder.idMasked, token: code.token });
  return { pdf, code, elderName: elder.name, idMasked: elder.idMasked, canteenName };
}
