/**
 * One request to the hub signed as this device (shared/hub-api/downlink.ts: the device id, the
 * moment, and the device key's signature of both in three headers), GET or POST, with a timeout,
 * and the answer sorted into: the hub's JSON (any status), or "nothing usable came back" in words
 * the status can show. The caller parses the JSON with its own schema.
 */
import type { KeyObject } from 'node:crypto';
import { PULL_HEADERS, pullStatementText } from '../../../shared/hub-api/downlink.js';
import type { PullTarget } from '../../../shared/hub-api/downlink.js';
import { apiErrorSchema } from '../../../shared/hub-api/routes.js';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { signText } from './device-key.js';

/** The part of the WHATWG fetch a signed request uses: Node's fetch fits, and so does a test's fake. */
export type SignedFetch = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

export const systemSignedFetch: SignedFetch = (url, init) => fetch(url, init);

/** An answer far larger than any package the hub makes is not read (a proxy's page, a runaway answer). */
export const MAX_ANSWER_CHARS = 16 * 1024 * 1024;

export interface SignedRequest {
  readonly fetch: SignedFetch;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  /** What the signature names: the method, the API path and `since`, as the hub's route reads them. */
  readonly target: PullTarget;
  /** JSON text for a POST. */
  readonly body?: string;
  readonly deviceId: string;
  readonly deviceKey: KeyObject;
  /** The moment signed into the headers (UTC ISO with ms): the hub refuses one far from its clock. */
  readonly timestamp: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type SignedAnswer =
  | { readonly kind: 'json'; readonly status: number; readonly json: unknown }
  /** The hub's error body: its kind and its own words, in a message the status shows. */
  | { readonly kind: 'refused'; readonly status: number; readonly hubKind: string; readonly problem: Message }
  | { readonly kind: 'unreachable'; readonly problem: Message };

export async function signedRequest(req: SignedRequest): Promise<SignedAnswer> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  let status: number;
  let text: string;
  try {
    const res = await req.fetch(req.url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        // Chinese first, as everything the canteen reads; the hub words its refusals in it.
        'accept-language': 'zh-CN, en;q=0.5',
        ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        [PULL_HEADERS.deviceId]: req.deviceId,
        [PULL_HEADERS.timestamp]: req.timestamp,
        [PULL_HEADERS.signature]: signText(req.deviceKey, pullStatementText(req.deviceId, req.timestamp, req.target)),
      },
      ...(req.body === undefined ? {} : { body: req.body }),
      signal: req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    const detail = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    return { kind: 'unreachable', problem: message('downlink.unreachable', { detail }) };
  }
  if (text.length > MAX_ANSWER_CHARS) return { kind: 'unreachable', problem: message('downlink.tooLarge', { status }) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreachable', problem: message('downlink.notJson', { status }) };
  }
  if (status === 200) return { kind: 'json', status, json };
  const refused = apiErrorSchema.safeParse(json);
  if (!refused.success) return { kind: 'unreachable', problem: message('downlink.notJson', { status }) };
  const { kind, message: text2 } = refused.data.error;
  return { kind: 'refused', status, hubKind: kind, problem: message('downlink.hubRefused', { status, kind, text: text2 }) };
}
