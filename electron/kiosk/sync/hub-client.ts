/**
 * The kiosk's HTTP client of the hub: one POST of JSON with a timeout, and the answer sorted into
 * what the caller acts on. Every body that comes back is parsed with the shared schemas; anything
 * else is an answer we cannot trust, never a guess. `fetch` is injected so tests control the wire.
 */
import { z } from 'zod';
import { enrolResponseSchema, uploadResponseSchema } from '../../../shared/hub-api/upload.js';
import type { EnrolRequest, EnrolResponse, UploadBatch, UploadResponse } from '../../../shared/hub-api/upload.js';

/** The part of the WHATWG fetch the kiosk uses: enough for Node's fetch and for a test's fake. */
export type HubFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

export const systemFetch: HubFetch = (url, init) => fetch(url, init);

/** How long one request may take before it counts as "hub unreachable". */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The hub's error body on every route that is not an upload answer (shared/hub-api: {error:{kind,message}}). */
const hubErrorSchema = z.object({ error: z.object({ kind: z.string(), message: z.string() }) });

export type HubCall<T> =
  /** The hub answered with the expected body. */
  | { readonly kind: 'answer'; readonly status: number; readonly body: T }
  /** The hub answered with its error body: `hubKind` / `hubMessage` are its own words. */
  | { readonly kind: 'hubError'; readonly status: number; readonly hubKind: string; readonly hubMessage: string }
  /** Nothing usable came back: no connection, a timeout, or a body of another shape (a proxy's page). */
  | { readonly kind: 'unreachable'; readonly status: number | null; readonly detail: string };

export interface HubClientOptions {
  readonly fetch?: HubFetch;
  readonly timeoutMs?: number;
  /** Aborts the request early (the uploader stopping). */
  readonly signal?: AbortSignal;
}

async function postJson<T>(url: string, payload: unknown, schema: z.ZodType<T>, options: HubClientOptions, extraHeaders: Record<string, string> = {}): Promise<HubCall<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  let status: number;
  let text: string;
  try {
    const res = await (options.fetch ?? systemFetch)(url, {
      method: 'POST',
      // Chinese first, as everything the canteen reads; the hub answers refusals in it.
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': 'zh-CN, en;q=0.5', ...extraHeaders },
      body: JSON.stringify(payload),
      signal,
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    return { kind: 'unreachable', status: null, detail: e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreachable', status, detail: `HTTP ${status}: not JSON` };
  }
  const body = schema.safeParse(json);
  if (body.success) return { kind: 'answer', status, body: body.data };
  const error = hubErrorSchema.safeParse(json);
  if (error.success) return { kind: 'hubError', status, hubKind: error.data.error.kind, hubMessage: error.data.error.message };
  return { kind: 'unreachable', status, detail: `HTTP ${status}: unexpected answer` };
}

export function postEnrol(url: string, request: EnrolRequest, options: HubClientOptions = {}): Promise<HubCall<EnrolResponse>> {
  return postJson(url, request, enrolResponseSchema, options);
}

export function postUpload(url: string, batch: UploadBatch, options: HubClientOptions = {}): Promise<HubCall<UploadResponse>> {
  // The device named outside the body too: a body the hub cannot parse is still logged against us.
  return postJson(url, batch, uploadResponseSchema, options, { 'x-zhucan-device': batch.deviceId });
}
