/**
 * The Electron side of the kiosk API, seen from the page: the preload exposes `window.zhucan` with
 * exactly `call(name, input)` and `subscribe(listener)` (electron/app/preload.ts). The page still
 * checks every answer against the method's output schema: the table is the contract, whoever answers.
 */
import type { z } from 'zod';
import type { ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskClient } from '../../../shared/kiosk-api/client.js';
import { kioskEventSchema } from '../../../shared/kiosk-api/events.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import { checkedResult } from './checked-result.js';

/** What the preload puts on window (only these two functions). */
export interface PreloadBridge {
  call(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: unknown) => void): () => void;
}

export function preloadBridge(): PreloadBridge | null {
  const candidate = (window as unknown as { zhucan?: PreloadBridge }).zhucan;
  return candidate !== undefined && typeof candidate.call === 'function' && typeof candidate.subscribe === 'function' ? candidate : null;
}

export function createIpcKioskClient(bridge: PreloadBridge): KioskClient {
  return {
    async call<N extends MethodName>(name: N, input: MethodInput<N>): Promise<ApiResult<MethodOutput<N>>> {
      // Indexing the table by a generic name loses the link between schema and MethodOutput<N>.
      const schema = kioskMethods[name].output as unknown as z.ZodType<MethodOutput<N>>;
      try {
        return checkedResult(schema, await bridge.call(name, input));
      } catch {
        return { ok: false, error: { kind: 'failed', message: { key: 'api.offline' } } };
      }
    },
    subscribe(listener) {
      return bridge.subscribe((raw) => {
        const parsed = kioskEventSchema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
