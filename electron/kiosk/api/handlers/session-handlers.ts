/** Shift start, lock and unlock, manager PIN, language and screen settings, operators. */
import { message } from '../../../../shared/i18n/text.js';
import { authenticate, addOperator, listOperators, requireRole, setOperatorActive } from '../../operators.js';
import type { Operator } from '../../operators.js';
import { fromOperatorRefusal, unwrap } from '../failures.js';
import { ApiFailure } from '../handler-types.js';
import type { HandlerContext, Handlers } from '../handler-types.js';
import { loadUiSettings, saveUiSettings } from '../ui-settings.js';
import { operatorView, sessionView } from '../views/session-view.js';

function signIn(ctx: HandlerContext, operatorId: string, pin: string): Operator {
  return unwrap(authenticate(ctx.kiosk.context.store.read, operatorId, pin), fromOperatorRefusal);
}

function changed(ctx: HandlerContext): ReturnType<typeof sessionView> {
  const view = sessionView(ctx.kiosk, ctx.shift);
  ctx.emit({ type: 'session', session: view });
  return view;
}

export const sessionHandlers = {
  'session.status': (_input, ctx) => sessionView(ctx.kiosk, ctx.shift),
  'session.operators': (_input, ctx) => listOperators(ctx.kiosk.context.store.read).filter((o) => o.active).map(operatorView),
  'session.start': (input, ctx) => {
    const op = signIn(ctx, input.operatorId, input.pin);
    ctx.shift.start(op);
    return changed(ctx);
  },
  'session.unlock': (input, ctx) => {
    const current = ctx.shift.operator;
    if (current === null) throw new ApiFailure('signedOut', message('api.signedOut'));
    const op = signIn(ctx, input.operatorId, input.pin);
    // The cashier who locked it, or a manager (who can then sign the cashier out).
    if (op.id !== current.id && op.role !== 'manager') throw new ApiFailure('credentials', message('api.unlockOther', { name: current.name }));
    ctx.shift.unlock();
    if (op.role === 'manager') ctx.shift.elevate(op);
    return changed(ctx);
  },
  'session.lock': (_input, ctx) => {
    ctx.shift.lock();
    return changed(ctx);
  },
  'session.end': (_input, ctx) => {
    ctx.shift.end();
    return changed(ctx);
  },
  'session.elevate': (input, ctx) => {
    const op = signIn(ctx, input.operatorId, input.pin);
    unwrap(requireRole(op, 'manager'), fromOperatorRefusal);
    ctx.shift.elevate(op);
    return changed(ctx);
  },
  'session.dropElevation': (_input, ctx) => {
    ctx.shift.dropElevation();
    return changed(ctx);
  },
  'settings.save': (input, ctx) => {
    ctx.kiosk.context.store.write((tx) => saveUiSettings(tx, input));
    return changed(ctx);
  },
  'settings.locale': (input, ctx) => {
    const store = ctx.kiosk.context.store;
    const current = loadUiSettings(store.read);
    store.write((tx) => saveUiSettings(tx, { ...current, locale: input.locale }));
    return changed(ctx);
  },
  'operators.list': (_input, ctx) => listOperators(ctx.kiosk.context.store.read).map(operatorView),
  'operators.add': (input, ctx) => {
    const store = ctx.kiosk.context.store;
    const added = store.write((tx) => addOperator(tx, { name: input.name, role: input.role, pin: input.pin }, new Date(ctx.kiosk.context.clock()).toISOString()));
    return operatorView(unwrap(added, fromOperatorRefusal));
  },
  'operators.setActive': (input, ctx) => {
    const store = ctx.kiosk.context.store;
    if (!input.active && input.operatorId === ctx.shift.operator?.id) throw new ApiFailure('refused', message('api.cannotDisableSelf'));
    unwrap(setOperatorActive(store, input.operatorId, input.active), fromOperatorRefusal);
    const op = listOperators(store.read).find((o) => o.id === input.operatorId);
    if (op === undefined) throw new ApiFailure('notFound', message('operator.unknown'));
    return operatorView(op);
  },
} satisfies Handlers<
  | 'session.status'
  | 'session.operators'
  | 'session.start'
  | 'session.unlock'
  | 'session.lock'
  | 'session.end'
  | 'session.elevate'
  | 'session.dropElevation'
  | 'settings.save'
  | 'settings.locale'
  | 'operators.list'
  | 'operators.add'
  | 'operators.setActive'
>;
