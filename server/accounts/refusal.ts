/**
 * How the hub's account and enrolment functions say no: a typed result, never a thrown error, so
 * the HTTP layer maps each kind to a status and shows the message in the reader's language.
 */
import { message } from '../../shared/i18n/index.js';
import type { Message, Params } from '../../shared/i18n/index.js';
import { err } from '../../shared/result.js';
import type { Err } from '../../shared/result.js';

export interface HubRefusal<K extends string> {
  readonly kind: K;
  readonly message: Message;
}

export function refuse<K extends string>(kind: K, key: string, params?: Params): Err<HubRefusal<K>> {
  return err({ kind, message: message(key, params) });
}

/** Text a person typed as a name or login: not empty, not too long, no control characters. */
export function isPlainText(text: string, max: number, min = 1): boolean {
  const length = [...text].length;
  // Control characters would be invisible in the admin's lists and break CSV exports' lines.
  return length >= min && length <= max && !/\p{Cc}/u.test(text);
}
