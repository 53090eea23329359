/**
 * How a call to the hub turned out, as the screens see it: the parsed value, or a failure with a
 * kind the screen can act on and a message in words. The hub words its own refusals (in the language
 * the request asked for); failures that never reached it, or answers it should not have given, are
 * worded here from the catalog.
 */
export interface ApiFailure {
  /**
   * The hub's `error.kind` (unauthenticated, forbidden, csrf, conflict, locked, badPassword, …), or
   * one of ours: 'offline' (no answer), 'badResponse' (an answer that is not what the API promises).
   */
  readonly kind: string;
  /** The HTTP status; 0 when there was no answer. */
  readonly status: number;
  /** What to show, in the screen's language. */
  readonly message: string;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiFailure };

/** A failure that means "you are no longer signed in": the app goes back to the login screen. */
export function endsSession(error: ApiFailure): boolean {
  return error.status === 401;
}
