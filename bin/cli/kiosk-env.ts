/** What every kiosk command shares: which database, which operator, what time it is. */
import { resolve } from 'node:path';
import { isLocalDate, isLocalTime, localToInstant } from '../../shared/dates.js';
import { authenticate } from '../../electron/kiosk/operators.js';
import type { Operator } from '../../electron/kiosk/operators.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { existsSync } from 'node:fs';
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { message } from '../../shared/i18n/text.js';
import { failureOf } from '../../electron/kiosk/guard.js';
import { refused, UsageError } from './io.js';
import type { Outcome } from './io.js';

export const KIOSK_OPTIONS = {
  db: { type: 'string' },
  operator: { type: 'string' },
  pin: { type: 'string' },
  at: { type: 'string' },
} as const;

export function dbPath(db: string | undefined): string {
  return resolve(db ?? process.env.ZHUCAN_DB ?? 'zhucan-data/kiosk.db');
}

/** The operator signing this command, checked by PIN like at the till. */
export function signIn(kiosk: Kiosk, id: string | undefined, pin: string | undefined): Operator | { refusal: string } {
  const opId = id ?? process.env.ZHUCAN_OPERATOR;
  const opPin = pin ?? process.env.ZHUCAN_PIN;
  if (opId === undefined || opPin === undefined) {
    throw new UsageError('this command is done by an operator: give --operator ID --pin PIN (or ZHUCAN_OPERATOR and ZHUCAN_PIN)');
  }
  const who = authenticate(kiosk.context.store.read, opId, opPin);
  return who.ok ? who.value : { refusal: who.error.code };
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/;

/**
 * `--at`: an ISO instant with its offset (2026-11-24T04:05:00Z), or a local date and time in the
 * canteen's zone (2026-11-24T12:05). Absent: now.
 */
export function instantOf(at: string | undefined, timeZone: string): number | undefined {
  if (at === undefined) return undefined;
  const local = LOCAL.exec(at);
  if (local !== null) {
    const [, date = '', time = ''] = local;
    if (!isLocalDate(date) || !isLocalTime(time.slice(0, 5)) || Number(time.slice(6) || '0') > 59) {
      throw new UsageError(`--at names a date or time that does not exist: "${at}"`);
    }
    return localToInstant(date, time, timeZone);
  }
  const ms = Date.parse(at);
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(at) || Number.isNaN(ms)) {
    throw new UsageError(`--at must be an ISO time such as 2026-11-24T12:05 (canteen time) or 2026-11-24T04:05:00Z, got "${at}"`);
  }
  return ms;
}

/**
 * The refusal for a kiosk database that is not there, or null when it is. Only `demo`, `setup` and
 * `start` make a kiosk: any other command on a missing file would leave an empty one behind.
 */
export function missingKiosk(file: string): Outcome | null {
  if (existsSync(file)) return null;
  const text = message('store.open.notFound', { file });
  return refused({ error: 'notFound', message: renderBoth(text), file }, [renderBoth(text)]);
}

/** A failure a person must see (disk full, damaged file, our refusals) as a refusal; a bug is thrown on. */
export function thrownFailure(e: unknown, file: string): Outcome {
  const known = failureOf(e);
  if (known === null) throw e;
  return refused({ error: known.kind, message: renderBoth(known.message), file }, [`${renderBoth(known.message)} (${file})`]);
}
