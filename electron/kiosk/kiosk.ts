/**
 * The kiosk back end as one object: what the cashier's screen (through the kiosk API), the command
 * line and the tests call. Plain Node: no 'electron' here.
 */
import type { Result } from '../../shared/result.js';
import { checkIn } from './checkin/checkin.js';
import type { CheckinRequest } from './checkin/checkin.js';
import type { CheckinOutcome } from './checkin/outcome.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { closeDay, dayReport } from './day-close.js';
import type { DayReport } from './day-close.js';
import type { KioskFailure } from './guard.js';
import type { KioskContext } from './kiosk-context.js';
import { verifyLedger } from './ledger/ledger-store.js';
import type { LedgerVerdict } from './ledger/ledger-store.js';
import { PolicyVersions } from './policy-store.js';
import { sell } from './sales.js';
import type { SaleRequest, Sold } from './sales.js';
import { kioskIdentity } from './settings.js';
import { openKioskStore } from './store/open.js';
import type { KioskStore } from './store/open.js';
import { voidRecord } from './voids.js';
import type { VoidRequest, Voided } from './voids.js';

export interface Kiosk {
  readonly context: KioskContext;
  checkIn(req: CheckinRequest): CheckinOutcome;
  sell(req: SaleRequest): Result<Sold, KioskFailure>;
  voidRecord(req: VoidRequest): Result<Voided, KioskFailure>;
  closeDay(req: { serviceDate: string; operatorId: string }): Result<DayReport, KioskFailure>;
  dayReport(serviceDate: string): Result<DayReport, KioskFailure>;
  verify(): LedgerVerdict;
  close(): void;
}

/** A kiosk over an open store (already set up: identity and a policy installed). */
export function kioskOn(store: KioskStore, clock: Clock = systemClock): Kiosk {
  const identity = kioskIdentity(store.read);
  const context: KioskContext = { store, identity, policies: new PolicyVersions(store.read, identity.policyId), clock };
  return {
    context,
    checkIn: (req) => checkIn(context, req),
    sell: (req) => sell(context, req),
    voidRecord: (req) => voidRecord(context, req),
    closeDay: (req) => closeDay(context, req),
    dayReport: (date) => dayReport(context, date),
    verify: () => verifyLedger(store.read, { deviceId: identity.deviceId }),
    close: () => store.close(),
  };
}

/** Opens the kiosk at `file`; `check` reads every page first (see OpenKioskStoreOptions). */
export function openKiosk(file: string, clock: Clock = systemClock, options: { check?: boolean } = {}): Kiosk {
  const store = openKioskStore(file, options);
  try {
    return kioskOn(store, clock);
  } catch (e) {
    store.close();
    throw e;
  }
}
