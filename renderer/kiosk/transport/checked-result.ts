/**
 * An answer from the back end checked against the method's output schema before a screen sees it:
 * a mismatch (an old back end, a bug) becomes an 'internal' error instead of a screen showing
 * undefined where a price should be.
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../../../shared/kiosk-api/api-error.js';
import type { ApiResult } from '../../../shared/kiosk-api/api-error.js';

const INTERNAL = { ok: false as const, error: { kind: 'internal' as const, message: { key: 'api.internal' } } };

export function checkedResult<S extends z.ZodType>(output: S, raw: unknown): ApiResult<z.output<S>> {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return INTERNAL;
  if (raw.ok === true && 'value' in raw) {
    const value = output.safeParse(raw.value);
    return value.success ? { ok: true, value: value.data } : INTERNAL;
  }
  if (raw.ok === false && 'error' in raw) {
    const error = apiErrorSchema.safeParse(raw.error);
    return error.success ? { ok: false, error: error.data } : INTERNAL;
  }
  return INTERNAL;
}
