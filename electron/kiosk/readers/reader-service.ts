/**
 * Joins the USB readers to the kiosk: each whole scan is classified with its reader's UID format and
 * checked in as the signed-in cashier; the screen subscribes to typed events. On the set-up screen a
 * reader can be put in test-swipe mode, where a scan is only looked up (who it would find) and
 * nothing is recorded.
 *
 * Nothing here may throw into the reader manager or the main process: a failure is an event. A raw
 * scan never goes into an event or a message — it may be a resident ID number (PIPL); the events
 * carry only what the roster found (masked ID) or a message about the scan's shape.
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { Result } from '../../../shared/result.js';
import type { CheckinOutcome } from '../checkin/outcome.js';
import type { Kiosk } from '../kiosk.js';
import { classifyScan } from './classify-scan.js';
import type { ScanIdentity } from './classify-scan.js';
import { createDecoder } from './decode/create-decoder.js';
import type { HidBackend } from './hid-device.js';
import { decoderConfigOf, loadReaderConfigs, problemLine } from './reader-config.js';
import type { ReaderConfig } from './reader-config.js';
import { ReaderManager } from './reader-manager.js';
import type { ReaderEvent, Scheduler } from './reader-manager.js';
import { lookUpScan } from './test-swipe.js';
import type { TestSwipeResult } from './test-swipe.js';

export type { TestSwipeResult } from './test-swipe.js';

/** Reader status, as the manager reports it (never a scan: those become the events below). */
export type ReaderStatusEvent = Extract<ReaderEvent, { kind: 'connected' | 'disconnected' | 'garbled' | 'error' }>;

export type ReaderServiceEvent =
  | { readonly kind: 'checkin'; readonly readerId: string; readonly outcome: CheckinOutcome }
  /** The scan names nothing a check-in can take (wrong length, bad ID check character …): nothing recorded. */
  | { readonly kind: 'unreadable'; readonly readerId: string; readonly message: Message }
  /** A scan while no cashier is signed in: nothing recorded. */
  | { readonly kind: 'noCashier'; readonly readerId: string; readonly message: Message }
  /** Test-swipe mode: who the scan would find. Nothing recorded. */
  | { readonly kind: 'testSwipe'; readonly readerId: string; readonly result: TestSwipeResult }
  /** The check-in or look-up threw (a bug or a damaged file): shown as NOT done. */
  | { readonly kind: 'failed'; readonly readerId: string; readonly message: Message }
  /** node-hid could not be loaded: no reader will be read (the wedge path still works). */
  | { readonly kind: 'unavailable'; readonly message: Message; readonly reason: string }
  /** The saved reader settings could not be read: no reader is configured until they are fixed. */
  | { readonly kind: 'configInvalid'; readonly message: Message }
  | ReaderStatusEvent;

export type ReaderServiceListener = (event: ReaderServiceEvent) => void;

export interface ReaderServiceOptions {
  readonly kiosk: Kiosk;
  /** `loadNodeHid()` in the kiosk; `ok(new RecordedBackend())` in tests. */
  readonly backend: Result<HidBackend, Message>;
  /** The signed-in cashier, if any (setOperator changes it). */
  readonly operatorId?: string | null;
  readonly scheduler?: Scheduler;
}

function decoderFor(config: ReaderConfig): ReturnType<typeof createDecoder> {
  return createDecoder(decoderConfigOf(config));
}

export class ReaderService {
  readonly manager: ReaderManager;
  private readonly listeners = new Set<ReaderServiceListener>();
  private readonly configs = new Map<string, ReaderConfig>();
  private readonly testing = new Set<string>();
  private readonly configProblem: Message | null;
  private operatorId: string | null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly kiosk: Kiosk,
    opts: Omit<ReaderServiceOptions, 'kiosk'>,
  ) {
    this.operatorId = opts.operatorId ?? null;
    const loaded = loadReaderConfigs(kiosk.context.store.read);
    this.configProblem = loaded.ok ? null : message('reader.service.configInvalid', { problem: problemLine(loaded.error) });
    const configs = loaded.ok ? loaded.value : [];
    for (const c of configs) this.configs.set(c.id, c);
    this.manager = ReaderManager.fromLoad(opts.backend, { configs, decoderFor, ...(opts.scheduler === undefined ? {} : { scheduler: opts.scheduler }) });
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: ReaderServiceListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Starts reading. Says first why nothing will be read, if that is so. Safe to call twice. */
  start(): void {
    if (this.unsubscribe !== null) return;
    if (this.configProblem !== null) this.emit({ kind: 'configInvalid', message: this.configProblem });
    const status = this.manager.status;
    if (status.kind === 'unavailable') this.emit({ kind: 'unavailable', message: status.message, reason: status.reason });
    this.unsubscribe = this.manager.subscribe((e) => this.onReaderEvent(e));
    this.manager.start();
  }

  stop(): void {
    this.manager.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The cashier scans check in as; null when nobody is signed in (scans are then refused). */
  setOperator(operatorId: string | null): void {
    this.operatorId = operatorId;
  }

  /** Test-swipe mode for one reader (set-up screen): its scans are looked up, never checked in. */
  testSwipe(readerId: string, on = true): void {
    if (on) this.testing.add(readerId);
    else this.testing.delete(readerId);
  }

  isTesting(readerId: string): boolean {
    return this.testing.has(readerId);
  }

  private onReaderEvent(e: ReaderEvent): void {
    switch (e.kind) {
      case 'scan':
        this.onScan(e.readerId, e.text);
        return;
      case 'live':
        return; // raw bytes are for the manager's own set-up view, not for the cashier's screen
      case 'connected':
      case 'disconnected':
      case 'garbled':
      case 'error':
        this.emit(e);
        return;
    }
  }

  private onScan(readerId: string, text: string): void {
    try {
      const config = this.configs.get(readerId);
      // A scan comes only from a configured reader; a missing one means the lists disagree (a bug).
      if (config === undefined) {
        this.emit({ kind: 'failed', readerId, message: message('reader.service.unknownReader') });
        return;
      }
      const identity = classifyScan(text, { uidFormat: config.uidFormat });
      if (identity.kind === 'unreadable') {
        this.emit({ kind: 'unreadable', readerId, message: identity.message });
        return;
      }
      if (this.testing.has(readerId)) {
        this.emit({ kind: 'testSwipe', readerId, result: lookUpScan(this.kiosk, identity) });
        return;
      }
      this.checkIn(readerId, identity);
    } catch {
      // The error's own text may quote the scan: say only that it failed.
      this.emit({ kind: 'failed', readerId, message: message('reader.service.failed') });
    }
  }

  private checkIn(readerId: string, identity: Exclude<ScanIdentity, { kind: 'unreadable' }>): void {
    if (this.operatorId === null) {
      this.emit({ kind: 'noCashier', readerId, message: message('reader.service.noCashier') });
      return;
    }
    const outcome = this.kiosk.checkIn({ identity, operatorId: this.operatorId });
    this.emit({ kind: 'checkin', readerId, outcome });
  }

  /** Each listener on its own: one that throws neither stops the others nor reaches the manager. */
  private emit(event: ReaderServiceEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A screen's bug must not stop the readers; the screen's own error handling reports it.
      }
    }
  }
}

/** The service over the kiosk's saved reader settings. */
export function createReaderService(opts: ReaderServiceOptions): ReaderService {
  return new ReaderService(opts.kiosk, opts);
}
