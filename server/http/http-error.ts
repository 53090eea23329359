/**
 * How a route says no: throw an HttpError (status, kind, message); the server renders it as
 * {error: {kind, message}} in the reader's language. Domain refusals (server/accounts' HubRefusal)
 * map to a status by their kind, so every handler says "no" the same way.
 */
import { message } from '../../shared/i18n/index.js';
import type { Message } from '../../shared/i18n/index.js';
import type { HubRefusal } from '../accounts/index.js';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly text: Message,
    /** Extra response headers (Retry-After on a 429, Allow on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${kind}: ${text.key}`);
  }
}

/** The status of a domain refusal's kind. Unlisted kinds are the caller's input being wrong: 400. */
const STATUS_OF_KIND: Readonly<Record<string, number>> = {
  forbidden: 403,
  unknown: 404,
  unknownDistrict: 404,
  badCredentials: 401,
  invalid: 401,
  scope: 403,
  // A locked account: the answer to "too many tries", like the per-address limit.
  locked: 429,
  loginTaken: 409,
  nameTaken: 409,
  regionTaken: 409,
  used: 409,
  expired: 409,
  deviceTaken: 409,
  keyTaken: 409,
};

export function refusalStatus(kind: string): number {
  return STATUS_OF_KIND[kind] ?? 400;
}

/** The refusal as a thrown HttpError. */
export function refusalError(refusal: HubRefusal<string>): HttpError {
  return new HttpError(refusalStatus(refusal.kind), refusal.kind, refusal.message);
}

/** A Result's value, or its refusal thrown as an HttpError. */
export function valueOr<T>(result: { ok: true; value: T } | { ok: false; error: HubRefusal<string> }): T {
  if (!result.ok) throw refusalError(result.error);
  return result.value;
}

export function notFound(): HttpError {
  return new HttpError(404, 'notFound', message('hub.http.notFound'));
}
