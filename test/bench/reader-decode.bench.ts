/**
 * Decode throughput of the three report decoders (electron/kiosk/readers/decode/), in reports and in
 * whole scans per second, against a baseline loop that only copies the same reports (what node-hid
 * itself does for each report: a fresh buffer), so the difference is the decoder's own cost.
 *
 * Workloads, one scan's reports each, replayed many times:
 *   - keyboard: an IC card reader in 8H10D keyboard mode typing a card as 10 decimal digits and
 *     Enter, each key a press report and an all-zero release (22 reports a scan), built from the HID
 *     usage table (usageForCharacter) for 64 different cards; the first is checked against
 *     test/fixtures/hid/ic-card-8h10d.json byte for byte;
 *   - HID-POS: test/fixtures/hid/hid-pos-two-reports.json (a 75-character QR code in two 64-byte
 *     reports);
 *   - vendor ASCII: test/fixtures/hid/vendor-ascii-crlf.json (a hex UID in three length-prefixed
 *     8-byte reports, CR LF).
 * Each round decodes every workload and runs its baseline (the two take turns going first); one
 * unmeasured round warms up the JIT. The figure is the median of the rounds.
 */
import { readFileSync } from 'node:fs';
import { setImmediate } from 'node:timers/promises';
import { createDecoder } from '../../electron/kiosk/readers/decode/create-decoder.js';
import type { DecoderConfig } from '../../electron/kiosk/readers/decode/create-decoder.js';
import { usageForCharacter } from '../../electron/kiosk/readers/hid-usage.js';
import { recordingSchema, reportFromHex } from '../../electron/kiosk/readers/recorded-device.js';
import type { ReportDecoder } from '../../electron/kiosk/readers/reader-types.js';
import { mulberry32 } from '../../electron/kiosk/demo/demo-roster.js';
import { heading, line, median, nowMs, QUICK, ratio, scaled } from './lib/stats.js';

/** Scans decoded per round and workload (÷100 in quick mode). */
const SCANS = scaled(40_000, 200);
/** Measured rounds; one more, first, is a warm-up. */
const ROUNDS = QUICK ? 3 : 9;
const CARDS = 64;
const ENTER = 0x28;

interface Workload {
  readonly name: string;
  readonly config: DecoderConfig;
  /** The reports of each distinct scan; the workload cycles through them. */
  readonly scans: readonly (readonly Uint8Array[])[];
  /** The text the first scan must decode to (a check that the decoder is really decoding). */
  readonly expect: string;
}

function fixtureReports(name: string): Uint8Array[] {
  const recording = recordingSchema.parse(JSON.parse(readFileSync(new URL(`../fixtures/hid/${name}.json`, import.meta.url), 'utf8')));
  return recording.reports.map((hex) => new Uint8Array(reportFromHex(hex)));
}

function bootReport(modifier: number, usage: number): Uint8Array {
  return Uint8Array.of(modifier, 0, usage, 0, 0, 0, 0, 0);
}

/** What a keyboard-mode reader sends for `text` then Enter: a press and an all-zero release per key. */
export function keyboardScanReports(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const c of text) {
    const key = usageForCharacter(c);
    if (key === undefined) throw new Error(`no usage types ${JSON.stringify(c)}`);
    reports.push(bootReport(key.shift ? 0x02 : 0, key.usage), bootReport(0, 0));
  }
  reports.push(bootReport(0, ENTER), bootReport(0, 0));
  return reports;
}

/** A 4-byte UID as an 8H10D reader prints it: the 32-bit number in 10 decimal digits. */
export function dec10(uidHex: string): string {
  return String(Number.parseInt(uidHex, 16)).padStart(10, '0');
}

function workloads(): Workload[] {
  const rng = mulberry32(4242);
  const uids = ['00BC614E', ...Array.from({ length: CARDS - 1 }, () => Math.floor(rng() * 0x1_0000_0000).toString(16).toUpperCase().padStart(8, '0'))];
  const keyboard = uids.map((u) => keyboardScanReports(dec10(u)));
  const fixture = fixtureReports('ic-card-8h10d');
  const first = keyboard[0] ?? [];
  if (first.length !== fixture.length || first.some((r, i) => Buffer.compare(r, fixture[i] ?? new Uint8Array()) !== 0)) {
    throw new Error('reader-decode: the built 8H10D reports differ from test/fixtures/hid/ic-card-8h10d.json');
  }
  return [
    { name: 'keyboard (8H10D card)', config: { format: 'keyboard' }, scans: keyboard, expect: '0012345678' },
    { name: 'HID-POS (QR code)', config: { format: 'hidPos' }, scans: [fixtureReports('hid-pos-two-reports')], expect: '' },
    {
      name: 'vendor ASCII (hex UID)',
      config: { format: 'vendorAscii', framing: 'lengthPrefixed', terminator: 'CRLF' },
      scans: [fixtureReports('vendor-ascii-crlf')],
      expect: '00BC614E',
    },
  ];
}

/** Decodes `scans` scans; returns the time and how many scans came out (all of them, or the figure is wrong). */
function decodeRound(decoder: ReportDecoder, w: Workload, scans: number): { ms: number; out: number; reports: number } {
  let out = 0;
  let reports = 0;
  const distinct = w.scans.length;
  const t0 = nowMs();
  for (let s = 0; s < scans; s++) {
    const scan = w.scans[s % distinct] as readonly Uint8Array[];
    for (const report of scan) {
      const events = decoder.push(report);
      if (events.length > 0 && events[0]?.kind === 'scan') out++;
    }
    reports += scan.length;
  }
  return { ms: nowMs() - t0, out, reports };
}

/** Keeps the copies observable, so the baseline loop is not optimised away. */
export let copySink = 0;

/** The baseline: the same reports, each only copied into a fresh buffer and one byte of it read. */
function copyRound(w: Workload, scans: number): { ms: number; reports: number } {
  let reports = 0;
  let acc = 0;
  const distinct = w.scans.length;
  const t0 = nowMs();
  for (let s = 0; s < scans; s++) {
    const scan = w.scans[s % distinct] as readonly Uint8Array[];
    for (const report of scan) {
      const copy = report.slice();
      acc = (acc + (copy[2] ?? 0)) | 0;
    }
    reports += scan.length;
  }
  const ms = nowMs() - t0;
  copySink ^= acc;
  return { ms, reports };
}

export async function run(): Promise<void> {
  heading('reader-decode', 'reports and scans per second through each decoder vs a loop that only copies the same reports');
  const all = workloads();
  const decodeMs = all.map((): number[] => []);
  const copyMs = all.map((): number[] => []);
  const reportsPerRound = all.map(() => 0);

  for (let round = 0; round <= ROUNDS; round++) {
    all.forEach((w, i) => {
      const decoder = createDecoderFor(w);
      const decode = (): void => {
        const r = decodeRound(decoder, w, SCANS);
        if (r.out !== SCANS) throw new Error(`reader-decode: ${w.name} decoded ${r.out} scans of ${SCANS}`);
        if (round > 0) decodeMs[i]?.push(r.ms);
        reportsPerRound[i] = r.reports;
      };
      const copy = (): void => {
        const r = copyRound(w, SCANS);
        if (round > 0) copyMs[i]?.push(r.ms);
      };
      if (round % 2 === 0) {
        decode();
        copy();
      } else {
        copy();
        decode();
      }
    });
    await setImmediate();
  }

  line('rounds', `${ROUNDS} measured (+1 warm-up), ${SCANS.toLocaleString('en')} scans per workload a round; figures are medians of rounds`);
  all.forEach((w, i) => {
    const reports = reportsPerRound[i] ?? 0;
    const d = median(decodeMs[i] ?? []);
    const c = median(copyMs[i] ?? []);
    const perScanUs = (d * 1000) / SCANS;
    console.log(`  -- ${w.name}: ${reports / SCANS} reports a scan`);
    line('  decode, reports/s', `${fmtRate((reports / d) * 1000)}  (${((d * 1e6) / reports).toFixed(0)} ns a report)`);
    line('  decode, scans/s', `${fmtRate((SCANS / d) * 1000)}  (${perScanUs.toFixed(2)} µs a scan)`);
    line('  copy only (baseline), reports/s', `${fmtRate((reports / c) * 1000)}  (${((c * 1e6) / reports).toFixed(0)} ns a report)`);
    line('  decode ÷ copy, ratio of median times', ratio(d, c));
    line('  decoder\'s own cost a scan', `${(((d - c) * 1000) / SCANS).toFixed(2)} µs`);
  });
}

function createDecoderFor(w: Workload): ReportDecoder {
  const decoder = createDecoder(w.config);
  // A check, once per decoder, that the first scan decodes to the text it should.
  let text: string | null = null;
  for (const r of w.scans[0] ?? []) for (const ev of decoder.push(r)) if (ev.kind === 'scan') text = ev.scan.text;
  if (text === null || (w.expect !== '' && text !== w.expect)) throw new Error(`reader-decode: ${w.name} decoded ${JSON.stringify(text)}`);
  decoder.reset();
  return decoder;
}

function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return perSecond.toFixed(0);
}
