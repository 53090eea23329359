/**
 * The outcome of an operation that can fail in a way the caller must handle (bad input, an unknown
 * card). Programming errors still throw; a Result is for failures a person can see and fix.
 * Plain data, so it crosses IPC and HTTP unchanged.
 */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export type Result<T, E> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
