/**
 * The kiosk back end as the two transports see it (Electron IPC in electron/app, HTTP in browser
 * mode): call a method of the kiosk API table by name with unknown input, subscribe to events.
 * Everything behind `call` — input validation, the shift, roles, mapping domain results to views —
 * is the same whichever transport carried the call.
 */
import type { ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';

export interface KioskBackend {
  /**
   * Validates `input` against the method's schema, checks the shift and role, runs it. Never throws:
   * a bug becomes `{ok: false, error: {kind: 'internal'}}` (and is logged). An unknown method name is
   * `invalid`.
   */
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Every event, to every subscriber, in order. Returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /** Stops the readers and closes the database; calls after this answer 'failed'. */
  close(): void;
}
