/**
 * How each kiosk API method is implemented: a handler gets the input already parsed by the method's
 * schema and the caller's context, returns the method's output, or throws ApiFailure for what a person
 * must see. Handlers are grouped by screen in handlers/*.ts; backend.ts joins them into one table
 * that the compiler checks is complete.
 */
import type { z } from 'zod';
import type { ApiErrorKind } from '../../../shared/kiosk-api/api-error.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { KioskMethods, MethodName, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { Kiosk } from '../kiosk.js';
import type { Shift } from './shift.js';

export interface HandlerContext {
  readonly kiosk: Kiosk;
  readonly shift: Shift;
  /** Who acts: the signed-in operator (cashier methods) or the manager (manager methods). */
  readonly actorId: string;
  emit(event: KioskEvent): void;
}

export type Handler<N extends MethodName> = (
  input: z.output<KioskMethods[N]['input']>,
  ctx: HandlerContext,
) => MethodOutput<N> | Promise<MethodOutput<N>>;

export type Handlers<K extends MethodName> = { readonly [N in K]: Handler<N> };

/** A refusal or failure a person must see; anything else thrown is a bug ('internal'). */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly kind: ApiErrorKind,
    readonly text: Message,
  ) {
    super(text.key);
  }
}
