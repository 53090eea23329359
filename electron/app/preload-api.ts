/**
 * The object the preload puts at `window.zhucan`, built from an injected transport so it can be
 * tested in plain Node (preload.ts supplies ipcRenderer; this file never imports 'electron').
 *
 * It is the KioskClient shape of shared/kiosk-api/client.ts as far as contextBridge can carry it: a
 * generic, type-parametrised `call` cannot cross the bridge, so `call` takes any string and the
 * renderer validates outputs with the table's zod schemas itself. What the page can reach is narrow on
 * purpose (STYLE.md 4): no ipcRenderer, no channel names, no generic send — a page that is compromised
 * can do what the screens can do and nothing more, and the main process checks every input anyway.
 */
import { isMethodName } from '../../shared/kiosk-api/methods.js';
import type { MethodName } from '../../shared/kiosk-api/methods.js';
import { kioskEventSchema } from '../../shared/kiosk-api/events.js';
import type { KioskEvent } from '../../shared/kiosk-api/events.js';

/** What the preload hands in: one call channel (invoke) and one event channel (on). */
export interface PreloadTransport {
  invoke(name: MethodName, input: unknown): Promise<unknown>;
  /** Registers a handler for raw event payloads (never the IPC event object); returns its removal. */
  on(handler: (payload: unknown) => void): () => void;
}

/** The bridged client: exactly these two functions. */
export interface KioskBridge {
  call(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

export function createKioskBridge(transport: PreloadTransport): KioskBridge {
  const bridge: KioskBridge = {
    call(name: string, input: unknown): Promise<unknown> {
      // Refused here, before anything is sent: a name outside the table is a bug or an attack, and
      // the main process need not see it (it refuses it too).
      if (typeof name !== 'string' || !isMethodName(name)) {
        return Promise.reject(new Error(`zhucan: unknown kiosk method ${JSON.stringify(String(name)).slice(0, 80)}`));
      }
      return transport.invoke(name, input);
    },
    subscribe(listener: (event: KioskEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('zhucan.subscribe needs a function');
      let active = true;
      const remove = transport.on((payload) => {
        if (!active) return;
        // Only events that match the table reach the page; anything else is dropped, not guessed at.
        const parsed = kioskEventSchema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      });
      return () => {
        if (!active) return;
        active = false;
        remove();
      };
    },
  };
  return Object.freeze(bridge);
}
