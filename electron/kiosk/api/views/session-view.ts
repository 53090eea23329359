/** The shift and the canteen's clock as the screen shows them (header, sign-in, lock). */
import { message } from '../../../../shared/i18n/text.js';
import type { OperatorView, SessionView } from '../../../../shared/kiosk-api/views.js';
import { periodAt } from '../../../../shared/policy/select.js';
import { isoInstant } from '../../clock.js';
import { localAt } from '../../kiosk-context.js';
import type { Kiosk } from '../../kiosk.js';
import { dayCloseSeq } from '../../ledger/ledger-store.js';
import type { Operator } from '../../operators.js';
import { ApiFailure } from '../handler-types.js';
import type { Shift } from '../shift.js';
import { loadUiSettings } from '../ui-settings.js';
import { periodView } from './checkin-view.js';

export function operatorView(op: Operator): OperatorView {
  return { id: op.id, name: op.name, role: op.role, active: op.active };
}

export function sessionView(kiosk: Kiosk, shift: Shift): SessionView {
  const ctx = kiosk.context;
  const nowMs = ctx.clock();
  const local = localAt(ctx, nowMs);
  const settings = loadUiSettings(ctx.store.read);
  let policy;
  try {
    policy = ctx.policies.inForce(local.date);
  } catch {
    throw new ApiFailure('failed', message('api.noPolicyToday', { date: local.date }));
  }
  const period = periodAt(policy, local.minutes);
  return {
    canteenName: ctx.identity.canteenName,
    deviceId: ctx.identity.deviceId,
    timeZone: policy.timeZone,
    now: isoInstant(nowMs),
    serviceDate: local.date,
    period: period === null ? null : periodView(period),
    periods: policy.periods.map(periodView),
    dayClosed: dayCloseSeq(ctx.store.read, local.date) !== null,
    operator: shift.operator === null ? null : operatorView(shift.operator),
    manager: shift.manager === null ? null : operatorView(shift.manager),
    locked: shift.locked(settings.lockMinutes),
    settings,
  };
}
