/**
 * What a screen holds to reach the back end: `call` one method of the table, `subscribe` to events.
 * Implemented twice over the same table — Electron IPC (preload) and HTTP + SSE (browser mode).
 */
import type { ApiResult } from './api-error.js';
import type { KioskEvent } from './events.js';
import type { MethodInput, MethodName, MethodOutput } from './methods.js';

export interface KioskClient {
  call<N extends MethodName>(name: N, input: MethodInput<N>): Promise<ApiResult<MethodOutput<N>>>;
  /** Returns the function that stops the subscription. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
}
