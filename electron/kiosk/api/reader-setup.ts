/**
 * The back end's side of the reader set-up screen: turns the raw HID readers' status into 'reader'
 * events, and — only while a manager has switched them on for a reader — its raw reports into
 * 'readerLive' events and its test swipes into 'readerTest' events. Both switches go off when the
 * shift locks, ends or loses its manager (the screen also turns them off when it is left): test-swipe
 * mode left on would keep that reader from checking anyone in.
 */
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { ReaderView } from '../../../shared/kiosk-api/settings-views.js';
import { isoInstant } from '../clock.js';
import type { Kiosk } from '../kiosk.js';
import { loadReaderConfigs } from '../readers/reader-config.js';
import type { ReaderConfig } from '../readers/reader-config.js';
import type { ReaderEvent } from '../readers/reader-manager.js';
import type { ReaderService, ReaderServiceEvent } from '../readers/reader-service.js';
import { LiveViewFilter } from './views/reader-live.js';
import { readerView, testSwipeView } from './views/reader-view.js';

export class ReaderSetup {
  private service: ReaderService | null = null;
  private configs = new Map<string, ReaderConfig>();
  private unsubscribe: (() => void) | null = null;
  private readonly live: LiveViewFilter;

  constructor(
    private readonly kiosk: Kiosk,
    private readonly emit: (event: KioskEvent) => void,
    /** Whether a manager holds an unlocked shift now: live and test events are for them only. */
    private readonly managerPresent: () => boolean,
  ) {
    this.live = new LiveViewFilter((e) => this.emit(e));
  }

  /** Follows a newly started service (the previous one was stopped by the caller). */
  attach(service: ReaderService): void {
    this.unsubscribe?.();
    this.live.clear();
    this.service = service;
    const loaded = loadReaderConfigs(this.kiosk.context.store.read);
    this.configs = new Map((loaded.ok ? loaded.value : []).map((c) => [c.id, c]));
    // The service keeps 'live' reports to itself (they are not for the cashier's screen): read them here.
    this.unsubscribe = service.manager.subscribe((e) => this.onManagerEvent(e));
  }

  /** Reader status and test swipes, as the service reports them. */
  onServiceEvent(e: ReaderServiceEvent): void {
    switch (e.kind) {
      case 'connected':
      case 'disconnected':
      case 'error': {
        const view = e.readerId === null ? null : this.view(e.readerId);
        if (view !== null) this.emit({ type: 'reader', reader: view });
        return;
      }
      case 'testSwipe':
        if (this.guard()) this.emit({ type: 'readerTest', readerId: e.readerId, result: testSwipeView(e.result), problem: null, at: this.now() });
        return;
      case 'unreadable':
        // Outside test-swipe mode the cashier's screen is not told of a bad scan here; in it, the manager is.
        if (this.service?.isTesting(e.readerId) === true && this.guard()) {
          this.emit({ type: 'readerTest', readerId: e.readerId, result: null, problem: e.message, at: this.now() });
        }
        return;
      case 'checkin': // the back end shows these on the cashier's screen itself
      case 'noCashier':
      case 'failed':
      case 'garbled': // a partial scan dropped: the live view learns it from the manager (onManagerEvent)
      case 'unavailable': // said once at start; the readers' state shows it as disconnected
      case 'configInvalid':
        return;
    }
  }

  /** Live view and test swipe for one reader; null when no such reader is configured. */
  set(readerId: string, live: boolean, testSwipe: boolean): ReaderView | null {
    const service = this.service;
    if (service?.manager.state(readerId) === undefined) return null;
    service.manager.setLiveView(readerId, live);
    if (!live) this.live.clear(readerId);
    service.testSwipe(readerId, testSwipe);
    return this.view(readerId);
  }

  /** Both switches off for every reader (lock, sign-out, manager gone); says so for each that was on. */
  allOff(): void {
    const service = this.service;
    if (service === null) return;
    this.live.clear();
    for (const s of service.manager.states()) {
      if (!s.liveView && !service.isTesting(s.readerId)) continue;
      service.manager.setLiveView(s.readerId, false);
      service.testSwipe(s.readerId, false);
      const view = this.view(s.readerId);
      if (view !== null) this.emit({ type: 'reader', reader: view });
    }
  }

  view(readerId: string): ReaderView | null {
    const state = this.service?.manager.state(readerId);
    if (this.service === null || state === undefined) return null;
    return readerView(state, this.configs.get(readerId), this.service.isTesting(readerId));
  }

  views(): ReaderView[] {
    const service = this.service;
    if (service === null) return [];
    return service.manager.states().flatMap((s) => {
      const v = this.view(s.readerId);
      return v === null ? [] : [v];
    });
  }

  private onManagerEvent(e: ReaderEvent): void {
    const format = 'readerId' in e && e.readerId !== null ? this.configs.get(e.readerId)?.format : undefined;
    if (format === undefined) return;
    if (e.kind === 'live') {
      if (this.guard()) this.live.push(e, format);
    } else if (e.kind === 'disconnected' || (e.kind === 'garbled' && e.reason === 'timeout')) {
      // The partial scan was dropped: no report will end it.
      if (this.guard()) this.live.drop(e.readerId, format);
    }
  }

  /** True when a manager may see live and test events now; otherwise turns everything off. */
  private guard(): boolean {
    if (this.managerPresent()) return true;
    this.allOff();
    return false;
  }

  private now(): string {
    return isoInstant(this.kiosk.context.clock());
  }
}
