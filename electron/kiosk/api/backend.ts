/**
 * The kiosk back end behind both transports: one dispatcher over the kiosk API table. For each call
 * it checks the method exists, parses the input with the method's schema, checks the shift (signed
 * in, not locked, a manager where needed), runs the handler and turns what went wrong into one of the
 * API's error kinds. Nothing here knows whether IPC or HTTP carried the call.
 */
import type { z } from 'zod';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { ApiError, ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import { isMethodName, kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodName } from '../../../shared/kiosk-api/methods.js';
import { parseWith } from '../../../shared/parse.js';
import type { Result } from '../../../shared/result.js';
import { systemClock } from '../clock.js';
import type { Clock } from '../clock.js';
import { failureOf } from '../guard.js';
import { kioskOn } from '../kiosk.js';
import type { Kiosk } from '../kiosk.js';
import { loadNodeHid } from '../readers/hid-device.js';
import type { HidBackend } from '../readers/hid-device.js';
import { createReaderService } from '../readers/reader-service.js';
import type { ReaderService, ReaderServiceEvent } from '../readers/reader-service.js';
import { openKioskStore } from '../store/open.js';
import { deviceKeyFile, fileKeyStore } from '../sync/device-key.js';
import { createUploader } from '../sync/uploader.js';
import type { Uploader, UploaderOptions, UploaderStatus } from '../sync/uploader.js';
import type { KioskBackend } from './backend-types.js';
import { DisplayBoard } from './display-board.js';
import { fromKioskFailure } from './failures.js';
import { ApiFailure } from './handler-types.js';
import type { HandlerContext, Handlers } from './handler-types.js';
import { checkinHandlers } from './handlers/checkin-handlers.js';
import { dayHandlers } from './handlers/day-handlers.js';
import { readerHandlers } from './handlers/reader-handlers.js';
import { reportHandlers } from './handlers/report-handlers.js';
import { rosterHandlers } from './handlers/roster-handlers.js';
import { sessionHandlers } from './handlers/session-handlers.js';
import { ReaderSetup } from './reader-setup.js';
import { Shift } from './shift.js';
import { loadUiSettings } from './ui-settings.js';
import { checkinView, displayFor } from './views/checkin-view.js';
import { sessionView } from './views/session-view.js';

export interface KioskBackendOptions {
  /** 'hid' reads the configured raw HID readers (node-hid) in this process; 'none' for browser mode and tests. */
  readonly readers?: 'hid' | 'none';
  /** With readers: 'hid', the HID backend to use instead of loading node-hid (tests: a RecordedBackend). */
  readonly hidBackend?: Result<HidBackend, Message>;
  /** Where bugs go (with the stack); the screen only learns "internal error". */
  readonly onInternalError?: (method: string, error: unknown) => void;
  /** The uploader to the district hub (docs/sync.md): started here, its status sent as 'upload' events, stopped on close. */
  readonly uploader?: Uploader;
}

export interface OpenKioskBackendOptions extends Omit<KioskBackendOptions, 'uploader'> {
  readonly dbFile: string;
  readonly clock?: Clock;
  /**
   * Upload to the district hub in the background (on by default; it waits quietly while the kiosk is
   * not enrolled). An object overrides the uploader's fetch, timers … (tests); false turns it off.
   */
  readonly sync?: boolean | Omit<UploaderOptions, 'store' | 'keys'>;
}

function uploadEvent(s: UploaderStatus): KioskEvent {
  return { type: 'upload', pending: s.pending, lastSuccessAt: s.lastSuccessAt, state: s.state, problem: s.problem, clockSkewMs: s.clockSkewMs };
}

function failure(kind: ApiError['kind'], key: string, params?: Record<string, string | number>): { ok: false; error: ApiError } {
  return { ok: false, error: { kind, message: message(key, params) } };
}

export function kioskBackendOn(kiosk: Kiosk, options: KioskBackendOptions = {}): KioskBackend {
  const listeners = new Set<(e: KioskEvent) => void>();
  // The last upload status, so a screen that subscribes later (a browser tab opened now) sees it at once.
  let lastUpload: KioskEvent | null = null;
  const emit = (e: KioskEvent): void => {
    if (e.type === 'upload') lastUpload = e;
    for (const l of [...listeners]) l(e);
  };
  const uploader = options.uploader;
  const shift = new Shift(kiosk.context.clock);
  const display = new DisplayBoard(emit);
  let readers: ReaderService | null = null;
  let hid: Result<HidBackend, Message> | null = null;
  let closed = false;
  const unlocked = (): boolean => shift.operator !== null && !shift.locked(loadUiSettings(kiosk.context.store.read).lockMinutes);
  const setup = new ReaderSetup(kiosk, emit, () => unlocked() && shift.manager !== null);

  const handlers: Handlers<MethodName> = {
    ...sessionHandlers,
    ...checkinHandlers(display),
    ...dayHandlers(display),
    ...readerHandlers({ mode: options.readers ?? 'none', service: () => readers, setup, restart: () => hid !== null && startReaders(hid) }),
    ...rosterHandlers,
    ...reportHandlers,
  };

  if (options.readers === 'hid') {
    if (options.hidBackend !== undefined) startReaders(options.hidBackend);
    else void loadNodeHid().then(startReaders);
  }

  /** (Re)starts the readers over the saved configurations: the service cannot take a new list live. */
  function startReaders(backend: Result<HidBackend, Message>): boolean {
    if (closed) return false;
    hid = backend;
    readers?.stop();
    readers = createReaderService({ kiosk, backend, operatorId: unlocked() ? (shift.operator?.id ?? null) : null });
    readers.subscribe(onReaderEvent);
    setup.attach(readers);
    readers.start();
    return true;
  }

  function onReaderEvent(e: ReaderServiceEvent): void {
    if (e.kind !== 'checkin') {
      setup.onServiceEvent(e);
      return;
    }
    const result = checkinView(kiosk, e.outcome);
    emit({ type: 'checkin', readerId: e.readerId, result });
    display.show(displayFor(result));
    uploader?.nudge();
  }

  const unsubscribeUploader = uploader?.subscribe((s) => emit(uploadEvent(s)));
  uploader?.start();

  // A raw reader checks in as whoever holds the shift, and not at all while it is locked or closed.
  const unsubscribeShift = ((): (() => void) => {
    const follow = (e: KioskEvent): void => {
      if (e.type !== 'session') return;
      readers?.setOperator(e.session.operator !== null && !e.session.locked ? e.session.operator.id : null);
      // Live view and test swipe are the manager's: off when the shift locks, ends or the manager goes.
      if (e.session.locked || e.session.manager === null) setup.allOff();
    };
    listeners.add(follow);
    return () => listeners.delete(follow);
  })();

  async function call(name: string, input: unknown): Promise<ApiResult<unknown>> {
    if (closed) return failure('failed', 'api.closed');
    if (!isMethodName(name)) return failure('invalid', 'api.unknownMethod', { method: name.slice(0, 60) });
    const spec = kioskMethods[name];
    // Widened on purpose: the name is only known at run time; the handler below is its own method's.
    const schema: z.ZodType = spec.input;
    const parsed = parseWith(schema, input ?? {}, message('api.input', { method: name }));
    if (!parsed.ok) {
      return { ok: false, error: { kind: 'invalid', message: parsed.error.message, issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.text })) } };
    }
    try {
      let actorId = '';
      if (spec.access !== 'public') {
        const operator = shift.operator;
        if (operator === null) return failure('signedOut', 'api.signedOut');
        const wasLocked = shift.lockedNow;
        if (shift.locked(loadUiSettings(kiosk.context.store.read).lockMinutes)) {
          // Locked by idle time just now: every window shows the lock screen at once, not at its next poll.
          if (!wasLocked) emit({ type: 'session', session: sessionView(kiosk, shift) });
          return failure('locked', 'api.locked');
        }
        actorId = operator.id;
        if (spec.access === 'manager') {
          if (shift.manager === null) return failure('forbidden', 'api.needManager');
          actorId = shift.manager.id;
        }
        shift.touch();
      }
      const ctx: HandlerContext = { kiosk, shift, actorId, emit };
      // The input was parsed by this very method's schema just above, so the handler gets its own type.
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
      const value: unknown = await handler(parsed.value, ctx);
      // A check-in, sale, void or close appended a record: the uploader sends it soon (a no-op otherwise).
      uploader?.nudge();
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ApiFailure) return { ok: false, error: { kind: e.kind, message: e.text } };
      const known = failureOf(e);
      if (known !== null) {
        const f = fromKioskFailure(known);
        return { ok: false, error: { kind: f.kind, message: f.text } };
      }
      options.onInternalError?.(name, e);
      return failure('internal', 'api.internal');
    }
  }

  return {
    call,
    subscribe(listener) {
      listeners.add(listener);
      if (lastUpload !== null) listener(lastUpload);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      unsubscribeUploader?.();
      uploader?.stop();
      readers?.stop();
      unsubscribeShift();
      listeners.clear();
      kiosk.close();
    },
  };
}

/** Opens the kiosk database at `dbFile` (checking every page first) and serves it. */
export function openKioskBackend(options: OpenKioskBackendOptions): KioskBackend {
  const store = openKioskStore(options.dbFile, { check: true });
  try {
    const clock = options.clock ?? systemClock;
    const sync = options.sync ?? true;
    const uploader =
      sync === false ? undefined : createUploader({ clock, ...(sync === true ? {} : sync), store, keys: fileKeyStore(deviceKeyFile(options.dbFile)) });
    return kioskBackendOn(kioskOn(store, clock), { ...options, uploader });
  } catch (e) {
    store.close();
    throw e;
  }
}
