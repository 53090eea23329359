/** Loads the recorded-report fixtures of test/fixtures/hid (hex strings, one per report). */
import { readFileSync } from 'node:fs';
import type { DecodeEvent, ReportDecoder, ReportFormat } from '../../../electron/kiosk/readers/reader-types.js';

export interface HidFixture {
  readonly description: string;
  readonly format: ReportFormat;
  readonly reports: readonly Uint8Array[];
}

export function bytes(hex: string): Uint8Array {
  const parts = hex.trim() === '' ? [] : hex.trim().split(/\s+/);
  return Uint8Array.from(parts.map((p) => {
    if (!/^[0-9a-f]{2}$/i.test(p)) throw new Error(`not a hex byte: ${p}`);
    return parseInt(p, 16);
  }));
}

export function loadHidFixture(name: string): HidFixture {
  const raw = JSON.parse(readFileSync(new URL(`../../fixtures/hid/${name}.json`, import.meta.url), 'utf8')) as {
    description: string;
    format: ReportFormat;
    reports: string[];
  };
  return { description: raw.description, format: raw.format, reports: raw.reports.map(bytes) };
}

/** Every event the decoder gives for the reports, in order. */
export function pushAll(decoder: ReportDecoder, reports: readonly Uint8Array[]): DecodeEvent[] {
  return reports.flatMap((r) => [...decoder.push(r)]);
}

/** The texts of the scans among the events. */
export function scans(events: readonly DecodeEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'scan' ? [e.scan.text] : []));
}
