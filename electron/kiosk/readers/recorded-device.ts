/**
 * A backend without hardware, for tests and demos: devices are plugged and unplugged by hand, and
 * each replays HID reports from a recorded fixture (test/fixtures/hid/*.json:
 * { "description", "format", "reports": ["00 00 1e 00 00 00 00 00", …] }). Past this adapter the
 * kiosk runs the same code as with a real device.
 */
import { z } from 'zod';
import type { HidBackend, HidDeviceInfo, HidDeviceLike } from './hid-device.js';

const hexReport = z
  .string()
  .trim()
  .regex(/^([0-9a-fA-F]{2})(\s+[0-9a-fA-F]{2})*$/, 'a report is hex bytes separated by spaces');

export const recordingSchema = z.object({
  description: z.string(),
  format: z.string(),
  reports: z.array(hexReport),
});
export type Recording = z.infer<typeof recordingSchema>;

/** "00 00 1e 00" → its bytes, as node-hid hands them over (a Buffer). */
export function reportFromHex(hex: string): Buffer {
  const bytes = hexReport.parse(hex).split(/\s+/).map((b) => Number.parseInt(b, 16));
  return Buffer.from(bytes);
}

type DataListener = (report: Buffer) => void;
type ErrorListener = (error: Error) => void;

export class RecordedDevice implements HidDeviceLike {
  readonly reports: readonly Buffer[];
  private readonly dataListeners: DataListener[] = [];
  private readonly errorListeners: ErrorListener[] = [];
  private next = 0;
  /** How many times close() was called (a second call must be harmless, as with node-hid). */
  closeCalls = 0;

  constructor(
    readonly path: string,
    reports: readonly (string | Uint8Array)[] = [],
  ) {
    this.reports = reports.map((r) => (typeof r === 'string' ? reportFromHex(r) : Buffer.from(r)));
  }

  static fromRecording(path: string, recording: unknown): RecordedDevice {
    return new RecordedDevice(path, recordingSchema.parse(recording).reports);
  }

  get closed(): boolean {
    return this.closeCalls > 0;
  }

  /** Reports not yet emitted. */
  get remaining(): number {
    return this.reports.length - this.next;
  }

  on(event: 'data', listener: DataListener): this;
  on(event: 'error', listener: ErrorListener): this;
  on(event: 'data' | 'error', listener: DataListener | ErrorListener): this {
    if (event === 'data') this.dataListeners.push(listener as DataListener);
    else this.errorListeners.push(listener as ErrorListener);
    return this;
  }

  close(): void {
    this.closeCalls++;
  }

  /** Emits one report (the next recorded one, or the given bytes). False when closed or none is left. */
  emitReport(report?: string | Uint8Array): boolean {
    if (this.closed) return false;
    let bytes: Buffer;
    if (report !== undefined) bytes = typeof report === 'string' ? reportFromHex(report) : Buffer.from(report);
    else {
      const r = this.reports[this.next];
      if (r === undefined) return false;
      this.next++;
      bytes = r;
    }
    for (const l of [...this.dataListeners]) l(bytes);
    return true;
  }

  /** Emits the next `n` recorded reports (all that remain when n is omitted); returns how many. */
  emitAll(n = Infinity): number {
    let count = 0;
    while (count < n && this.emitReport()) count++;
    return count;
  }

  /** What node-hid does when the device is unplugged under a pending read: an 'error' event. */
  fail(error: Error = new Error('could not read from HID device')): void {
    for (const l of [...this.errorListeners]) l(error);
  }
}

/** A HidBackend over RecordedDevices, with a device list the test changes. */
export class RecordedBackend implements HidBackend {
  private readonly plugged = new Map<string, { info: HidDeviceInfo; device: RecordedDevice }>();
  /** Every open() call, in order (paths). */
  readonly opened: string[] = [];
  /** When set, devices() throws it (a backend failure). */
  devicesError: Error | null = null;
  /** When set, open() throws it (busy, no permission). */
  openError: Error | null = null;

  plug(info: Omit<HidDeviceInfo, 'path'> & { path?: string }, device?: RecordedDevice): RecordedDevice {
    const path = info.path ?? device?.path ?? `/dev/hidraw${this.plugged.size}`;
    const d = device ?? new RecordedDevice(path);
    this.plugged.set(path, { info: { ...info, path }, device: d });
    return d;
  }

  /** Takes the device off the list (no 'error': a quiet unplug, noticed by polling). */
  unplug(path: string): void {
    this.plugged.delete(path);
  }

  device(path: string): RecordedDevice | undefined {
    return this.plugged.get(path)?.device;
  }

  devices(): HidDeviceInfo[] {
    if (this.devicesError !== null) throw this.devicesError;
    return [...this.plugged.values()].map((p) => p.info);
  }

  open(path: string): RecordedDevice {
    this.opened.push(path);
    if (this.openError !== null) throw this.openError;
    const p = this.plugged.get(path);
    if (p === undefined) throw new Error(`cannot open device with path ${path}`);
    return p.device;
  }
}
