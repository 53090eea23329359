/** The kiosk's commands: demo, roster, checkin, sale, void, close, report, verify (docs/cli.md). */
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { isLocalDate } from '../../shared/dates.js';
import { PAYMENT_METHODS } from '../../shared/payment.js';
import type { PaymentMethod } from '../../shared/payment.js';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { prepareDemo } from '../../electron/kiosk/demo/demo-kiosk.js';
import { exportRoster, importRoster } from '../../electron/kiosk/roster/import-roster.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { kioskIdentity } from '../../electron/kiosk/settings.js';
import { PolicyVersions } from '../../electron/kiosk/policy-store.js';
import { KioskError } from '../../electron/kiosk/kiosk-error.js';
import { integer, parse, required } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, instantOf, KIOSK_OPTIONS, signIn, missingKiosk, thrownFailure } from './kiosk-env.js';
import { managerCheck } from './setup.js';
import { checkinOutcome, failureOutcome, reportLines } from './kiosk-view.js';

type Handler = (argv: readonly string[]) => Outcome | Promise<Outcome>;

/**
 * Opens the kiosk for one command, checking every page first (a CLI command is a session of its
 * own). A file that cannot be opened, or that fails under the command, is a refusal with its
 * message, never a stack trace.
 */
function withKiosk(db: string | undefined, at: string | undefined, fn: (k: Kiosk) => Outcome): Outcome {
  const file = dbPath(db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  let kiosk: Kiosk | undefined;
  try {
    // --at is local to the canteen's zone, known only once the kiosk is open: the clock reads it late.
    const given: { at?: number } = {};
    kiosk = openKiosk(file, () => given.at ?? Date.now(), { check: true });
    const ms = instantOf(at, kiosk.context.policies.latest().timeZone);
    if (ms !== undefined) given.at = ms;
    return fn(kiosk);
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    kiosk?.close();
  }
}

function operatorOf(k: Kiosk, values: { operator?: string; pin?: string }): string | Outcome {
  const who = signIn(k, values.operator, values.pin);
  if ('refusal' in who) return refused({ error: 'operator', reason: who.refusal }, [`操作员登录失败 / sign-in refused: ${who.refusal}`]);
  return who.id;
}

function payment(value: string | undefined): PaymentMethod | undefined {
  if (value === undefined) return undefined;
  if (!(PAYMENT_METHODS as readonly string[]).includes(value)) throw new UsageError(`--payment must be one of ${PAYMENT_METHODS.join(', ')}`);
  return value as PaymentMethod;
}

const demo: Handler = (argv) => {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db });
  const s = prepareDemo(dbPath(values.db), new Date().toISOString());
  return done(
    { file: s.file, created: s.created, deviceId: s.identity.deviceId, canteen: s.identity.canteenName, elders: s.elders, operators: s.operators, sampleCards: s.sampleCards },
    [
      `演示食堂已${s.created ? '建好' : '就绪'} / demo canteen ${s.created ? 'created' : 'ready'}: ${s.identity.canteenName}`,
      `数据库 / database: ${s.file}`,
      `老人 / elders: ${s.elders}`,
      ...s.operators.map((o) => `操作员 / operator: ${o.id} (${o.name}, ${o.role}) PIN ${o.pin}`),
      ...s.sampleCards.map((c) => `试刷 / try: zhucan checkin --db ${s.file} --operator cashier --pin 1357 --card ${c.uid}   # ${c.name}, ${c.note}`),
    ],
  );
};

const roster: Handler = async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === 'import') {
    const { values, positionals } = parse(rest, { db: KIOSK_OPTIONS.db, operator: KIOSK_OPTIONS.operator, pin: KIOSK_OPTIONS.pin, accept: { type: 'boolean' } }, 1);
    const store = openKioskStore(dbPath(values.db));
    try {
      // A dry run changes nothing and needs no one; writing the roster is a manager's act.
      if (values.accept === true) {
        const denied = managerCheck(store, values.operator, values.pin);
        if (denied !== null) return denied;
      }
      const statuses = statusVocabulary(store);
      const report = await importRoster(store, positionals[0] ?? '', { accept: values.accept === true, statuses, now: new Date().toISOString() });
      const json = {
        total: report.total,
        good: report.good,
        bad: report.bad.map((b) => ({ line: b.line, message: renderBoth(b.reason) })),
        warnings: report.warnings.map((w) => ({ line: w.line, message: renderBoth(w.reason) })),
        imported: report.imported,
        created: report.created,
        updated: report.updated,
        accepted: report.accepted,
        failure: report.failure === undefined ? null : renderBoth(report.failure),
      };
      const lines = [
        `共 ${report.total} 行，可导入 ${report.good} 行，有误 ${report.bad.length} 行 / ${report.total} rows, ${report.good} good, ${report.bad.length} bad`,
        ...report.bad.map((b) => `  第 ${b.line} 行 / line ${b.line}: ${renderBoth(b.reason)}`),
        ...report.warnings.map((w) => `  提示 / note (line ${w.line}): ${renderBoth(w.reason)}`),
        report.accepted
          ? `已导入 / imported ${report.imported} (新增 / new ${report.created}, 更新 / updated ${report.updated})`
          : report.failure === undefined
            ? '未导入：确认无误后加 --accept 导入可用的行 / nothing imported: add --accept to import the good rows'
            : `未导入 / NOT imported: ${renderBoth(report.failure)}`,
      ];
      const ok = report.failure === undefined && (report.accepted || report.bad.length === 0);
      return ok ? done(json, lines) : refused(json, lines);
    } finally {
      store.close();
    }
  }
  if (sub === 'export') {
    const { values, positionals } = parse(rest, { db: KIOSK_OPTIONS.db }, [0, 1]);
    // Without a file name: roster-export-YYYY-MM-DD.csv here, never overwriting the roster itself.
    const file = positionals[0] ?? `roster-export-${new Date().toISOString().slice(0, 10)}.csv`;
    const store = openKioskStore(dbPath(values.db));
    try {
      const out = await exportRoster(store, file, 'csv');
      return done({ ...out, file }, [`已导出 ${out.rows} 位老人 / exported ${out.rows} elders to ${file}`]);
    } finally {
      store.close();
    }
  }
  throw new UsageError('usage: zhucan roster import FILE [--accept] | zhucan roster export [FILE]');
};

/** The status vocabulary of the policy this kiosk prices by: an import names statuses by code or name. */
function statusVocabulary(store: KioskStore): { code: string; name: string }[] {
  try {
    const identity = kioskIdentity(store.read);
    return new PolicyVersions(store.read, identity.policyId).latest().statuses.map((s) => ({ code: s.code, name: s.name }));
  } catch (e) {
    if (e instanceof KioskError) return [];
    throw e;
  }
}

const checkin: Handler = (argv) => {
  const { values } = parse(argv, {
    ...KIOSK_OPTIONS,
    card: { type: 'string' },
    id: { type: 'string' },
    elder: { type: 'string' },
    qr: { type: 'string' },
    payment: { type: 'string' },
    amount: { type: 'string' },
    'full-price': { type: 'boolean' },
    backfill: { type: 'boolean' },
  });
  const given = [values.card, values.id, values.elder, values.qr].filter((v) => v !== undefined);
  if (given.length !== 1) throw new UsageError('give exactly one of --card UID, --id NUMBER, --elder ID, --qr TOKEN');
  const identity =
    values.card !== undefined
      ? ({ kind: 'card', uid: values.card } as const)
      : values.id !== undefined
        ? ({ kind: 'id', number: values.id } as const)
        : values.qr !== undefined
          ? ({ kind: 'qr', token: values.qr } as const)
          : ({ kind: 'manual', elderId: values.elder ?? '' } as const);
  const pay = payment(values.payment);
  const amount = integer(values.amount, 'amount');
  if (amount !== undefined && amount < 0) throw new UsageError('--amount is in fen and cannot be negative');
  if (values.backfill === true && values.at === undefined) throw new UsageError('--backfill needs --at (when the meal was eaten)');
  const backfill = values.backfill === true;
  // For a back-fill --at is when the meal was eaten; the kiosk's clock stays the real now.
  return withKiosk(values.db, backfill ? undefined : values.at, (k) => {
    const op = operatorOf(k, values);
    if (typeof op !== 'string') return op;
    const at = backfill ? instantOf(values.at, k.context.policies.latest().timeZone) : undefined;
    return checkinOutcome(
      k.checkIn({
        identity,
        operatorId: op,
        ...(pay === undefined ? {} : { payment: pay }),
        ...(amount === undefined ? {} : { amount }),
        ...(values['full-price'] === true ? { fullPrice: true } : {}),
        ...(at === undefined ? {} : { backfilledAt: at }),
      }),
    );
  });
};

const sale: Handler = (argv) => {
  const { values } = parse(argv, { ...KIOSK_OPTIONS, period: { type: 'string' }, amount: { type: 'string' }, quantity: { type: 'string' }, payment: { type: 'string' } });
  const amount = integer(values.amount, 'amount');
  const quantity = integer(values.quantity, 'quantity');
  const pay = payment(values.payment);
  if (pay === 'free') throw new UsageError('a full-price sale cannot be free');
  return withKiosk(values.db, values.at, (k) => {
    const op = operatorOf(k, values);
    if (typeof op !== 'string') return op;
    const r = k.sell({
      operatorId: op,
      ...(values.period === undefined ? {} : { periodId: values.period }),
      ...(amount === undefined ? {} : { amount }),
      ...(quantity === undefined ? {} : { quantity }),
      ...(pay === undefined ? {} : { payment: pay }),
    });
    if (!r.ok) return failureOutcome(r.error);
    return done({ ...r.value }, [`已记录 / recorded #${r.value.seq}: ${r.value.sale.quantity} × ${r.value.periodId}, ${r.value.sale.personal} 分 / fen`]);
  });
};

const voidCmd: Handler = (argv) => {
  const { values, positionals } = parse(argv, { ...KIOSK_OPTIONS, reason: { type: 'string' } }, 1);
  const seq = integer(positionals[0], 'SEQ');
  if (seq === undefined || seq < 1) throw new UsageError('usage: zhucan void SEQ --reason TEXT');
  const reason = required(values.reason, 'reason');
  return withKiosk(values.db, values.at, (k) => {
    const op = operatorOf(k, values);
    if (typeof op !== 'string') return op;
    const r = k.voidRecord({ seq, reason, operatorId: op });
    if (!r.ok) return failureOutcome(r.error);
    return done({ ...r.value }, [`已撤销 / voided #${r.value.targetSeq} (record #${r.value.seq})`]);
  });
};

function dateArg(value: string | undefined, usage: string): string {
  if (value === undefined || !isLocalDate(value)) throw new UsageError(usage);
  return value;
}

const close: Handler = (argv) => {
  const { values, positionals } = parse(argv, KIOSK_OPTIONS, 1);
  const date = dateArg(positionals[0], 'usage: zhucan close YYYY-MM-DD');
  return withKiosk(values.db, values.at, (k) => {
    const op = operatorOf(k, values);
    if (typeof op !== 'string') return op;
    const r = k.closeDay({ serviceDate: date, operatorId: op });
    if (!r.ok) return failureOutcome(r.error);
    return done({ ...r.value }, reportLines(r.value));
  });
};

const report: Handler = (argv) => {
  const [sub, ...rest] = argv;
  if (sub !== 'day') throw new UsageError('usage: zhucan report day YYYY-MM-DD');
  const { values, positionals } = parse(rest, { db: KIOSK_OPTIONS.db }, 1);
  const date = dateArg(positionals[0], 'usage: zhucan report day YYYY-MM-DD');
  return withKiosk(values.db, undefined, (k) => {
    const r = k.dayReport(date);
    if (!r.ok) return failureOutcome(r.error);
    return done({ ...r.value }, reportLines(r.value));
  });
};

const verify: Handler = (argv) => {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db });
  return withKiosk(values.db, undefined, (k) => {
    const v = k.verify();
    if (v.ok) return done({ count: v.count, head: v.head }, [`账目完整 / ledger intact: ${v.count} records, head #${v.head.seq} ${v.head.hash}`]);
    const p = v.problem;
    return refused({ seq: p.seq, problem: p.kind, message: renderBoth(p.message) }, [`账目被改动 / ledger broken at #${p.seq} (${p.kind}): ${renderBoth(p.message)}`]);
  });
};

export const kioskCommands: Record<string, Handler> = { demo, roster, checkin, sale, void: voidCmd, close, report, verify };
