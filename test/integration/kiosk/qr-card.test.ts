/**
 * The printed QR card (docs/qr.md "Printing a card"): a one-page PDF 1.4 of ID-1 size whose xref
 * points at its objects, with the elder's name and masked ID as UTF-16BE text, one rectangle per
 * dark module of the issued token's QR code, and — since printing issues a new card code — a second
 * print revokes the first. Once through `zhucan qr card` as district IT would run it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { CARD_FOOTER, printCard } from '../../../electron/kiosk/qr/card-pdf.js';
import { utf16beHex } from '../../../electron/kiosk/qr/pdf-writer.js';
import { verifyQr } from '../../../electron/kiosk/qr/verify-qr.js';
import { getElder } from '../../../electron/kiosk/roster/roster-store.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import { createKioskFixture, snapshot, useKioskFixtures } from '../../helpers/kiosk-fixture.js';
import { onlyJson, runCli } from '../../helpers/zhucan-cli.js';

const fixture = useKioskFixtures();

/** The file as latin1 text: every byte one character, so string offsets are byte offsets. */
function pdfText(pdf: Buffer): string {
  return pdf.toString('latin1');
}

/** The page's content stream (uncompressed). */
function contentStream(text: string): string {
  const m = /stream\n([\s\S]*?)\nendstream/.exec(text);
  if (m?.[1] === undefined) throw new Error('no content stream');
  return m[1];
}

function darkModuleCount(token: string): number {
  return QRCode.create(token, { errorCorrectionLevel: 'M' }).modules.data.reduce((n, bit) => n + (bit === 1 ? 1 : 0), 0);
}

describe('the card PDF', () => {
  it('is PDF 1.4 whose xref table points at each object and whose trailer points at the xref', () => {
    const fx = fixture();
    const text = pdfText(printCard(fx.store, fx.elder('young').id, fx.clock.now).pdf);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
    const xrefAt = Number(startxref?.[1]);
    expect(text.slice(xrefAt, xrefAt + 5)).toBe('xref\n');
    const header = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
    const size = Number(header?.[1]);
    expect(size).toBeGreaterThan(1);
    expect(text).toContain(`/Size ${size} /Root 1 0 R`);
    const entriesAt = xrefAt + (header?.[0].length ?? 0);
    // Every entry is exactly 20 bytes; entry 0 is the head of the free list.
    expect(text.slice(entriesAt, entriesAt + 20)).toBe('0000000000 65535 f \n');
    for (let n = 1; n < size; n++) {
      const entry = text.slice(entriesAt + 20 * n, entriesAt + 20 * (n + 1));
      expect(entry).toMatch(/^\d{10} 00000 n \n$/);
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${n} 0 obj\n`.length)).toBe(`${n} 0 obj\n`);
    }
    // The stream's /Length is its byte count.
    const stream = /<< \/Length (\d+) >>\nstream\n/.exec(text);
    const start = (stream?.index ?? 0) + (stream?.[0].length ?? 0);
    expect(text.slice(start + Number(stream?.[1]), start + Number(stream?.[1]) + 10)).toBe('\nendstream');
  });

  it('is one ID-1 page with the canteen, the name, the masked ID and the footer in the standard CJK font', () => {
    const fx = fixture();
    const elder = fx.elder('young');
    const printed = printCard(fx.store, elder.id, fx.clock.now);
    const text = pdfText(printed.pdf);
    expect(text).toContain('/MediaBox [0 0 242.65 153.01]');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toContain('/Count 1');
    expect(text).toContain('/Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H');
    expect(text).toContain('/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>');

    const stored = getElder(fx.store, elder.id);
    expect(stored?.idMasked).toMatch(/^\*{14}.{4}$/);
    const content = contentStream(text);
    const shown = [...content.matchAll(/(<[0-9A-F]+>) Tj/g)].map((m) => m[1]);
    expect(shown).toContain(utf16beHex(elder.name));
    expect(shown).toContain(utf16beHex(stored?.idMasked ?? '?'));
    expect(shown).toContain(utf16beHex('天河区测试长者饭堂'));
    expect(shown).toContain(utf16beHex(CARD_FOOTER));
    // The plain ID number is nowhere in the file, in either encoding.
    expect(text).not.toContain(elder.idNumber);
    expect(text).not.toContain(utf16beHex(elder.idNumber).slice(1, -1));
    expect(utf16beHex('张三')).toBe('<5F204E09>');
    // U+00B7 has no code in UniGB-UCS2-H: the middle dot is drawn as U+30FB, GB 2312's A1A4.
    expect(utf16beHex('买买提·艾力')).toBe('<4E704E7063D030FB827E529B>');
  });

  it('draws one rectangle per dark module of the issued token, filling a square of at least 30 mm', () => {
    const fx = fixture();
    const printed = printCard(fx.store, fx.elder('young').id, fx.clock.now);
    const rects = [...contentStream(pdfText(printed.pdf)).matchAll(/^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re$/gm)].map((m) => m.slice(1, 5).map(Number));
    expect(rects).toHaveLength(darkModuleCount(printed.code.token));
    const { size } = QRCode.create(printed.code.token, { errorCorrectionLevel: 'M' }).modules;
    const module = rects[0]?.[2] ?? 0;
    const sideMm = (((size + 8) * module) / 72) * 25.4;
    expect(sideMm).toBeGreaterThanOrEqual(30);
    // The symbol (without its quiet zone) spans size modules each way.
    const xs = rects.map((r) => r[0] ?? 0);
    expect((Math.max(...xs) - Math.min(...xs)) / module).toBeCloseTo(size - 1, 1);
  });

  it('issues a new card code each time: the earlier print is revoked', () => {
    const fx = fixture();
    const id = fx.elder('young').id;
    const first = printCard(fx.store, id, fx.clock.now);
    expect(verifyQr(fx.store.read, first.code.token, fx.clock.now)).toMatchObject({ ok: true, value: { elderId: id, kind: 'card' } });
    const second = printCard(fx.store, id, fx.clock.now);
    expect(second.code.cardVersion).toBe(first.code.cardVersion + 1);
    expect(verifyQr(fx.store.read, first.code.token, fx.clock.now)).toMatchObject({ ok: false, error: { code: 'revoked' } });
    expect(verifyQr(fx.store.read, second.code.token, fx.clock.now)).toMatchObject({ ok: true });
  });

  it('refuses an unknown elder without issuing anything', () => {
    const fx = fixture();
    const before = snapshot(fx.store.read);
    expect(() => printCard(fx.store, 'ENOSUCHELDER', fx.clock.now)).toThrow(expect.objectContaining({ kind: 'notFound' }));
    expect(snapshot(fx.store.read)).toEqual(before);
  });
});

describe('zhucan qr card', () => {
  it('prints as a manager, says the earlier card is revoked, and a second print revokes the first', async () => {
    // Not through fixture(): its after-test chain check needs the store this test closes for the CLI.
    const fx = createKioskFixture();
    const id = fx.elder('young').id;
    fx.closeStore();
    const out = join(fx.dir, 'card.pdf');
    const args = ['qr', 'card', '--elder', id, '--out', out, '--db', fx.file];
    const cashierTry = await runCli([...args, '--operator', fx.cashier.id, '--pin', fx.cashier.pin, '--json']);
    expect(onlyJson(cashierTry)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(existsSync(out)).toBe(false);

    const first = await runCli([...args, '--operator', fx.manager.id, '--pin', fx.manager.pin, '--json']);
    expect(first.code).toBe(0);
    const firstJson = onlyJson(first);
    expect(firstJson).toMatchObject({ ok: true, file: out, elderId: id, cardVersion: 1, revokedEarlier: false });
    expect(readFileSync(out).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    const second = await runCli([...args, '--operator', fx.manager.id, '--pin', fx.manager.pin]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('之前打印的卡已作废 / every card printed before for this elder no longer works');
    const store = openKioskStore(fx.file);
    try {
      expect(verifyQr(store.read, String(firstJson.token), Date.now())).toMatchObject({ ok: false, error: { code: 'revoked' } });
    } finally {
      store.close();
    }

    const noFolder = await runCli(['qr', 'card', '--elder', id, '--out', join(fx.dir, 'missing', 'card.pdf'), '--db', fx.file, '--operator', fx.manager.id, '--pin', fx.manager.pin, '--json']);
    expect(noFolder.code).toBe(1);
    expect(onlyJson(noFolder)).toMatchObject({ ok: false, error: 'notFound' });
    const usage = await runCli(['qr', 'card', '--elder', id, '--db', fx.file, '--operator', fx.manager.id, '--pin', fx.manager.pin, '--json']);
    expect(usage.code).toBe(2);
  });
});
