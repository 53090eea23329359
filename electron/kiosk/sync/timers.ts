/**
 * Time as the uploader sees it: a clock to read and one-shot timers to set. Injected so tests move
 * time by hand (no real sleeps) and production uses Node's timers, unref'd so a waiting uploader never
 * keeps a process (a CLI command, a test run) alive on its own.
 */
export interface SyncTimer {
  cancel(): void;
}

export interface SyncTimers {
  /** Calls `fn` once after `ms`. */
  after(ms: number, fn: () => void): SyncTimer;
}

export const systemTimers: SyncTimers = {
  after(ms, fn) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
