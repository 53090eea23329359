/**
 * What a kiosk API call gives back when it did not do what was asked. The screen knows how to show
 * each kind (a sign-in prompt, a manager-PIN prompt, a red "NOT recorded" banner …), so the set is
 * small and closed: add a kind only together with the screen's handling of it (assertNever).
 */
import { z } from 'zod';
import type { Message } from '../i18n/text.js';

export const API_ERROR_KINDS = [
  /** The input failed its schema: a bug in the screen, or a hand-made request. */
  'invalid',
  /** No shift is open: sign in first. */
  'signedOut',
  /** The kiosk is locked after idle: the same operator's PIN opens it. */
  'locked',
  /** Needs a manager: the screen asks for a manager PIN (session.elevate) and tries again. */
  'forbidden',
  /** Wrong PIN, unknown or inactive operator. */
  'credentials',
  /** What was named does not exist (an elder, a record, an upload preview). */
  'notFound',
  /** Our own rules refuse it (the day is closed, a void of a void …): nothing changed. */
  'refused',
  /** It could not be recorded (disk full, damaged file): NOT done, say so in red. */
  'failed',
  /** A bug: logged in full at the back end; the screen says "internal error" and carries on. */
  'internal',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export const messageSchema = z.strictObject({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const apiErrorSchema = z.strictObject({
  kind: z.enum(API_ERROR_KINDS),
  message: messageSchema,
  /** For 'invalid': each failing path in words (never the input itself). */
  issues: z.array(z.strictObject({ path: z.string(), message: messageSchema })).optional(),
});

export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly message: Message;
  readonly issues?: readonly { readonly path: string; readonly message: Message }[];
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };
