/**
 * Keeps the configured USB readers open and turns their reports into scans. node-hid has no plug
 * events, so the device list is polled every second: a reader unplugged without an 'error' is still
 * seen as gone within 3 s, and one plugged back is reopened by the next poll.
 *
 * Nothing in here may take the main process down: every call into the backend, a device, a decoder
 * or a listener is caught, and a failure becomes an 'error' event. Scan text is passed to listeners
 * (the check-in needs it) but never logged and never kept in the state except masked: it may be a
 * resident ID number.
 */
import type { Message } from '../../../shared/i18n/text.js';
import type { Result } from '../../../shared/result.js';
import { reasonOf, type HidBackend, type HidDeviceInfo, type HidDeviceLike } from './hid-device.js';
import { describeDevice, matches, type ReaderConfig } from './reader-config.js';
import type { DecodeEvent, ReportDecoder } from './reader-types.js';

/** Poll period: three polls fit in the 3 s within which an unplug must show. */
export const POLL_INTERVAL_MS = 1000;
/**
 * A partial scan with no report for this long is dropped (a reader scans a whole code in well under
 * a second): otherwise a scan cut short would be glued to the next one. Checked at each poll.
 */
export const PARTIAL_SCAN_TIMEOUT_MS = 2000;

/** Timers and clock, injectable so tests run on fake time. */
export interface Scheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

export const systemScheduler: Scheduler = {
  setInterval: (fn, ms) => {
    const h = setInterval(fn, ms);
    h.unref();
    return h;
  },
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

export type DecoderFactory = (config: ReaderConfig) => ReportDecoder;

export type ReaderEvent =
  | { readonly kind: 'connected'; readonly readerId: string; readonly device: string; readonly at: number }
  | { readonly kind: 'disconnected'; readonly readerId: string; readonly reason: 'unplugged' | 'error' | 'stopped' | 'reconfigured'; readonly at: number }
  /** A whole scan. `text` is sensitive: hand it to the check-in, never to a log. */
  | { readonly kind: 'scan'; readonly readerId: string; readonly text: string; readonly at: number }
  | { readonly kind: 'garbled'; readonly readerId: string; readonly reason: string; readonly at: number }
  /** readerId is null for a failure not tied to one reader (listing devices, a listener). */
  | { readonly kind: 'error'; readonly readerId: string | null; readonly reason: string; readonly at: number }
  /** Only for a reader whose live view is on (the set-up screen): each raw report and what it decoded to. */
  | { readonly kind: 'live'; readonly readerId: string; readonly bytes: string; readonly decoded: readonly DecodeEvent[]; readonly at: number };

export type ReaderListener = (event: ReaderEvent) => void;

export interface ReaderState {
  readonly readerId: string;
  readonly name: string;
  readonly connected: boolean;
  /** describeDevice() of the open device. */
  readonly device: string | null;
  readonly lastReadAt: number | null;
  /** The last scan, masked (first 2 and last 2 characters at most). */
  readonly lastScanMasked: string | null;
  readonly errorCount: number;
  readonly lastError: string | null;
  readonly liveView: boolean;
}

export type ManagerStatus =
  | { readonly kind: 'running' }
  | { readonly kind: 'stopped' }
  /** node-hid could not be loaded: `message` is 'reader.unavailable' with the reason. */
  | { readonly kind: 'unavailable'; readonly message: Message; readonly reason: string };

export interface ReaderManagerOptions {
  readonly configs: readonly ReaderConfig[];
  readonly backend: HidBackend;
  readonly decoderFor: DecoderFactory;
  readonly scheduler?: Scheduler;
}

/** Masks a scan for display and state: an ID number or card UID is never kept whole. */
export function maskScan(text: string): string {
  if (text.length <= 4) return '*'.repeat(text.length);
  if (text.length < 8) return `${text.slice(0, 1)}${'*'.repeat(text.length - 2)}${text.slice(-1)}`;
  return `${text.slice(0, 2)}${'*'.repeat(text.length - 4)}${text.slice(-2)}`;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

interface OpenDevice {
  readonly device: HidDeviceLike;
  readonly path: string;
}

interface Reader {
  config: ReaderConfig;
  decoder: ReportDecoder | null;
  open: OpenDevice | null;
  /** When the last report arrived (including ones that completed nothing), for the partial-scan timeout. */
  lastReportAt: number;
  state: Omit<ReaderState, 'liveView'>;
  liveView: boolean;
}

export class ReaderManager {
  private readonly readers = new Map<string, Reader>();
  private readonly listeners = new Set<ReaderListener>();
  private readonly scheduler: Scheduler;
  private timer: unknown = undefined;
  private current: ManagerStatus = { kind: 'stopped' };
  private emitting = 0;

  private constructor(
    private readonly backend: HidBackend | null,
    private readonly decoderFor: DecoderFactory,
    configs: readonly ReaderConfig[],
    scheduler: Scheduler,
    unavailable?: { message: Message; reason: string },
  ) {
    this.scheduler = scheduler;
    if (unavailable !== undefined) this.current = { kind: 'unavailable', ...unavailable };
    this.setConfigs(configs);
  }

  static create(opts: ReaderManagerOptions): ReaderManager {
    return new ReaderManager(opts.backend, opts.decoderFor, opts.configs, opts.scheduler ?? systemScheduler);
  }

  /**
   * With a backend that may have failed to load (`loadNodeHid()`): on failure the manager exists, lists
   * the configured readers as disconnected, and its status is 'unavailable' with the reason.
   */
  static fromLoad(
    loaded: Result<HidBackend, Message>,
    opts: Omit<ReaderManagerOptions, 'backend'>,
  ): ReaderManager {
    const scheduler = opts.scheduler ?? systemScheduler;
    if (loaded.ok) return new ReaderManager(loaded.value, opts.decoderFor, opts.configs, scheduler);
    const reason = String(loaded.error.params?.['reason'] ?? loaded.error.key);
    return new ReaderManager(null, opts.decoderFor, opts.configs, scheduler, { message: loaded.error, reason });
  }

  get status(): ManagerStatus {
    return this.current;
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: ReaderListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  states(): ReaderState[] {
    return [...this.readers.values()].map((r) => ({ ...r.state, liveView: r.liveView }));
  }

  state(readerId: string): ReaderState | undefined {
    const r = this.readers.get(readerId);
    return r === undefined ? undefined : { ...r.state, liveView: r.liveView };
  }

  /** Live view (set-up screen): 'live' events with raw bytes and decoded text, for this reader only. */
  setLiveView(readerId: string, on: boolean): void {
    const r = this.readers.get(readerId);
    if (r !== undefined) r.liveView = on;
  }

  /** Devices the backend lists now, with names a manager recognises (for the set-up screen). */
  listDevices(): { info: HidDeviceInfo; name: string }[] {
    if (this.backend === null) return [];
    try {
      return this.backend.devices().map((info) => ({ info, name: describeDevice(info) }));
    } catch (e) {
      this.emit({ kind: 'error', readerId: null, reason: reasonOf(e), at: this.now() });
      return [];
    }
  }

  /** Replaces the configured readers; open ones are closed and reopened by the next poll. */
  setConfigs(configs: readonly ReaderConfig[]): void {
    for (const r of this.readers.values()) this.closeReader(r, 'reconfigured');
    this.readers.clear();
    for (const config of configs) {
      let decoder: ReportDecoder | null = null;
      let lastError: string | null = null;
      try {
        decoder = this.decoderFor(config);
      } catch (e) {
        lastError = reasonOf(e);
      }
      this.readers.set(config.id, {
        config,
        decoder,
        open: null,
        lastReportAt: 0,
        liveView: false,
        state: {
          readerId: config.id,
          name: config.name,
          connected: false,
          device: null,
          lastReadAt: null,
          lastScanMasked: null,
          errorCount: lastError === null ? 0 : 1,
          lastError,
        },
      });
    }
  }

  /** Polls now and then every second. Does nothing when node-hid is unavailable or already running. */
  start(): void {
    if (this.current.kind !== 'stopped' || this.backend === null) return;
    this.current = { kind: 'running' };
    this.poll();
    this.timer = this.scheduler.setInterval(() => this.poll(), POLL_INTERVAL_MS);
  }

  /** Closes every device. Safe to call twice, and while a read is pending. */
  stop(): void {
    if (this.timer !== undefined) {
      try {
        this.scheduler.clearInterval(this.timer);
      } catch {
        // A timer that cannot be cleared is still not polled: the running check below stops it.
      }
      this.timer = undefined;
    }
    for (const r of this.readers.values()) this.closeReader(r, 'stopped');
    if (this.current.kind === 'running') this.current = { kind: 'stopped' };
  }

  /** One pass: close readers whose device is gone, open readers whose device has come. Never throws. */
  poll(): void {
    if (this.current.kind !== 'running' || this.backend === null) return;
    let list: HidDeviceInfo[];
    try {
      list = this.backend.devices();
    } catch (e) {
      this.emit({ kind: 'error', readerId: null, reason: reasonOf(e), at: this.now() });
      return;
    }
    const present = new Set(list.map((d) => d.path));
    const now = this.now();
    for (const r of this.readers.values()) {
      if (r.open !== null && !present.has(r.open.path)) this.closeReader(r, 'unplugged');
      else if (r.open !== null) this.dropStalePartial(r, now);
    }
    const taken = new Set([...this.readers.values()].flatMap((r) => (r.open === null ? [] : [r.open.path])));
    for (const r of this.readers.values()) {
      if (this.current.kind !== 'running') return; // a listener stopped us
      if (r.open !== null || r.decoder === null) continue;
      const info = list.find((d) => !taken.has(d.path) && matches(r.config, d));
      if (info === undefined) continue;
      if (this.openReader(r, info)) taken.add(info.path);
    }
  }

  private openReader(r: Reader, info: HidDeviceInfo): boolean {
    if (this.backend === null) return false;
    let device: HidDeviceLike;
    try {
      device = this.backend.open(info.path);
    } catch (e) {
      // Busy, no permission (see docs/readers.md), or gone between list and open: retried next poll.
      this.fail(r, reasonOf(e));
      return false;
    }
    const open: OpenDevice = { device, path: info.path };
    r.open = open;
    r.decoder?.reset();
    try {
      device.on('data', (report: Buffer) => this.onData(r, open, report));
      device.on('error', (e: Error) => this.onDeviceError(r, open, e));
    } catch (e) {
      this.fail(r, reasonOf(e));
      this.closeReader(r, 'error');
      return false;
    }
    const name = describeDevice(info);
    r.state = { ...r.state, connected: true, device: name };
    this.emit({ kind: 'connected', readerId: r.config.id, device: name, at: this.now() });
    return true;
  }

  private dropStalePartial(r: Reader, now: number): void {
    try {
      if (r.decoder?.pending === true && now - r.lastReportAt >= PARTIAL_SCAN_TIMEOUT_MS) {
        r.decoder.reset();
        this.emit({ kind: 'garbled', readerId: r.config.id, reason: 'timeout', at: now });
      }
    } catch (e) {
      this.fail(r, reasonOf(e));
    }
  }

  private onData(r: Reader, open: OpenDevice, report: Buffer): void {
    if (r.open !== open || r.decoder === null) return; // a late report from a device we closed
    const at = this.now();
    r.lastReportAt = at;
    let decoded: readonly DecodeEvent[];
    try {
      decoded = r.decoder.push(new Uint8Array(report.buffer, report.byteOffset, report.byteLength));
    } catch (e) {
      r.decoder.reset();
      this.fail(r, reasonOf(e));
      return;
    }
    r.state = { ...r.state, lastReadAt: at };
    if (r.liveView) this.emit({ kind: 'live', readerId: r.config.id, bytes: toHex(report), decoded, at });
    for (const ev of decoded) {
      if (ev.kind === 'scan') {
        r.state = { ...r.state, lastScanMasked: maskScan(ev.scan.text) };
        this.emit({ kind: 'scan', readerId: r.config.id, text: ev.scan.text, at });
      } else {
        this.emit({ kind: 'garbled', readerId: r.config.id, reason: ev.reason, at });
      }
    }
  }

  private onDeviceError(r: Reader, open: OpenDevice, e: Error): void {
    if (r.open !== open) return; // node-hid may report an error for a device we already closed
    this.fail(r, reasonOf(e));
    this.closeReader(r, 'error');
  }

  private fail(r: Reader, reason: string): void {
    r.state = { ...r.state, errorCount: r.state.errorCount + 1, lastError: reason };
    this.emit({ kind: 'error', readerId: r.config.id, reason, at: this.now() });
  }

  /** Closes a reader's device (if open), drops its partial scan, and says so. Never throws. */
  private closeReader(r: Reader, reason: 'unplugged' | 'error' | 'stopped' | 'reconfigured'): void {
    const open = r.open;
    r.open = null;
    try {
      r.decoder?.reset(); // an unplug mid-scan never becomes a scan
    } catch {
      // A decoder that cannot reset: its next push fails and is reported there; closing must go on.
    }
    if (open === null) return;
    try {
      open.device.close();
    } catch {
      // Closing a device that is gone (or already closed by node-hid after its error) may throw: it is closed either way.
    }
    r.state = { ...r.state, connected: false, device: null };
    this.emit({ kind: 'disconnected', readerId: r.config.id, reason, at: this.now() });
  }

  private now(): number {
    try {
      return this.scheduler.now();
    } catch {
      return Date.now();
    }
  }

  /** Calls every listener; one that throws is reported as an 'error' event (once: an error listener that throws is not re-reported). */
  private emit(event: ReaderEvent): void {
    this.emitting++;
    try {
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (e) {
          if (event.kind !== 'error' && this.emitting < 3) {
            this.emit({ kind: 'error', readerId: 'readerId' in event ? event.readerId : null, reason: `listener: ${reasonOf(e)}`, at: this.now() });
          }
        }
      }
    } finally {
      this.emitting--;
    }
  }
}
