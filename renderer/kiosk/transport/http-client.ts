/**
 * The kiosk API over HTTP, for browser mode (`zhucan kiosk serve`): the same KioskClient the screens
 * get from the Electron preload, carried by fetch and Server-Sent Events instead of IPC.
 *
 * The page was opened through `/open?token=…`, so the browser holds the launch's HttpOnly cookie and
 * sends it by itself (`credentials: 'same-origin'`); this code never sees the token. Every reply is
 * parsed here with the method's own output schema, as the IPC side does: a screen only ever holds
 * values the table promises, whichever transport carried them.
 */
import { z } from 'zod';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { apiErrorSchema } from '../../../shared/kiosk-api/api-error.js';
import type { ApiErrorKind, ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskClient } from '../../../shared/kiosk-api/client.js';
import { kioskEventSchema } from '../../../shared/kiosk-api/events.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import { parseWith } from '../../../shared/parse.js';

/** The header the server requires on every call: a cross-site form cannot send it (CSRF). */
export const API_HEADER = 'X-Zhucan-Api';

/** After the server refused the event stream (a restart makes a new token: 401), try again this often, doubling. */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

/** What came back over the wire, before the method's own schema looks at `value`. */
const replySchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: apiErrorSchema }),
]);

function failure(kind: ApiErrorKind, text: Message): { readonly ok: false; readonly error: { readonly kind: ApiErrorKind; readonly message: Message } } {
  return { ok: false, error: { kind, message: text } };
}

const OFFLINE = failure('failed', message('api.offline'));

/** One event off the stream, or null for anything that is not a valid KioskEvent (dropped). */
function parseEvent(data: unknown): KioskEvent | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const event = kioskEventSchema.safeParse(json);
  return event.success ? event.data : null;
}

/** `baseUrl`: '' for the page's own origin (browser mode); tests may point it elsewhere. */
export function createHttpKioskClient(baseUrl = ''): KioskClient {
  const listeners = new Set<(event: KioskEvent) => void>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = RETRY_MIN_MS;

  function deliver(event: KioskEvent): void {
    // A copy: a listener may unsubscribe itself. One listener's bug must not starve the others.
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (e) {
        // Rethrown on its own so the console still shows it, without ending this loop.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  function connect(): void {
    const es = new EventSource(`${baseUrl}/events`);
    source = es;
    es.onopen = () => {
      retryMs = RETRY_MIN_MS;
    };
    es.onmessage = (m: MessageEvent) => {
      const data: unknown = m.data;
      const event = parseEvent(data);
      if (event !== null) deliver(event);
    };
    es.onerror = () => {
      // A dropped connection is retried by EventSource itself (readyState CONNECTING). An HTTP error
      // answer (401 after the server restarted, 403) makes it give up for good (CLOSED): then we retry.
      if (es.readyState !== EventSource.CLOSED || source !== es) return;
      source = null;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (listeners.size > 0 && source === null) connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  }

  function disconnect(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    retryMs = RETRY_MIN_MS;
  }

  async function call<N extends MethodName>(name: N, input: MethodInput<N>): Promise<ApiResult<MethodOutput<N>>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${baseUrl}/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [API_HEADER]: '1' },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
      text = await response.text();
    } catch {
      // No answer, or the connection dropped mid-answer: the back end is not running (or restarting).
      return OFFLINE;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const reply = replySchema.safeParse(json);
    if (!reply.success) {
      return failure(response.status === 401 ? 'failed' : 'internal', message(response.status === 401 ? 'api.http.unauthorized' : 'api.http.badReply'));
    }
    if (!reply.data.ok) return { ok: false, error: reply.data.error };
    // The table's schema for this very method: indexing the table by a generic name loses the link
    // between the schema and MethodOutput<N> that holds for every concrete name, hence the cast.
    const schema = kioskMethods[name].output as unknown as z.ZodType<MethodOutput<N>>;
    const value = parseWith(schema, reply.data.value, 'api.http.reply');
    if (value.ok) return { ok: true, value: value.value };
    return {
      ok: false,
      error: { kind: 'internal', message: message('api.http.badReply'), issues: value.error.issues.map((i) => ({ path: i.path, message: i.text })) },
    };
  }

  return {
    call,
    subscribe(listener: (event: KioskEvent) => void): () => void {
      listeners.add(listener);
      if (source === null && retryTimer === null) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
  };
}
