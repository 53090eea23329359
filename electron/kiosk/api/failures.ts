/**
 * The back end's refusals in the API's few error kinds: what the screen does with each is decided by
 * the kind (ask for a PIN, show a red "NOT recorded", …), so mapping them is one table, here.
 */
import type { ApiErrorKind } from '../../../shared/kiosk-api/api-error.js';
import type { OperatorRefusal } from '../operators.js';
import type { KioskFailure } from '../guard.js';
import type { RosterRefusal } from '../roster/roster-store.js';
import { ApiFailure } from './handler-types.js';

const KIOSK_KINDS: Readonly<Record<string, ApiErrorKind>> = {
  // KioskError kinds
  notSetUp: 'failed',
  noPolicy: 'failed',
  policyConflict: 'failed',
  operator: 'credentials',
  forbidden: 'forbidden',
  notFound: 'notFound',
  dayClosed: 'refused',
  invalid: 'refused',
};

/** A KioskFailure (a StoreError, LedgerAppendError or KioskError kind) as an ApiFailure. */
export function fromKioskFailure(f: KioskFailure): ApiFailure {
  // Store and ledger failures (disk full, damaged, chain broken …) are all "NOT recorded".
  return new ApiFailure(KIOSK_KINDS[f.kind] ?? 'failed', f.message);
}

export function fromOperatorRefusal(r: OperatorRefusal): ApiFailure {
  switch (r.code) {
    case 'unknown':
    case 'wrongPin':
    case 'inactive':
      return new ApiFailure('credentials', r.message);
    case 'forbidden':
      return new ApiFailure('forbidden', r.message);
    case 'badPin':
    case 'badName':
    case 'idTaken':
      return new ApiFailure('refused', r.message);
  }
}

export function fromRosterRefusal(r: RosterRefusal): ApiFailure {
  return new ApiFailure(r.code === 'unknownElder' || r.code === 'unknownCard' ? 'notFound' : 'refused', r.message);
}

/** The value of a Result, or its failure thrown as an ApiFailure. */
export function unwrap<T, E>(r: { ok: true; value: T } | { ok: false; error: E }, map: (e: E) => ApiFailure): T {
  if (!r.ok) throw map(r.error);
  return r.value;
}
