/**
 * Setting up a real kiosk from the command line (the demo does all this with made-up data):
 * `zhucan setup`, `zhucan policy install`, `zhucan operator add`.
 */
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { regionCodeSchema } from '../../shared/region.js';
import { addOperator } from '../../electron/kiosk/operators.js';
import { installPolicy } from '../../electron/kiosk/policy-store.js';
import { kioskIdentity, setUpKiosk } from '../../electron/kiosk/settings.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { authenticate } from '../../electron/kiosk/operators.js';
import { parse, required } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS } from './kiosk-env.js';
import { problemLines, readPolicyFile } from './policy-file.js';

function withStore<T extends Outcome>(db: string | undefined, fn: (store: KioskStore) => T): T {
  const store = openKioskStore(dbPath(db));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** The manager signing a set-up change; once a kiosk has operators, nobody else may change it. */
export function managerCheck(store: KioskStore, id: string | undefined, pin: string | undefined): Outcome | null {
  const opId = id ?? process.env.ZHUCAN_OPERATOR;
  const opPin = pin ?? process.env.ZHUCAN_PIN;
  if (opId === undefined || opPin === undefined) throw new UsageError('a manager signs this: --operator ID --pin PIN');
  const who = authenticate(store.read, opId, opPin);
  if (!who.ok) return refused({ error: 'operator', reason: who.error.code, message: renderBoth(who.error.message) }, [renderBoth(who.error.message)]);
  if (who.value.role !== 'manager') return refused({ error: 'forbidden' }, ['此操作需要管理员 / This needs a manager']);
  return null;
}

/** `zhucan setup --canteen NAME --region CODE --policy FILE --manager-name NAME --manager-pin PIN [--manager-id ID]` */
export function setupCommand(argv: readonly string[]): Outcome {
  const { values } = parse(argv, {
    db: KIOSK_OPTIONS.db,
    canteen: { type: 'string' },
    region: { type: 'string' },
    policy: { type: 'string' },
    'manager-id': { type: 'string' },
    'manager-name': { type: 'string' },
    'manager-pin': { type: 'string' },
  });
  const canteen = required(values.canteen, 'canteen');
  const region = required(values.region, 'region');
  if (!regionCodeSchema.safeParse(region).success) throw new UsageError('--region must be a division code of 6, 9 or 12 digits (e.g. 440106001)');
  const policy = readPolicyFile(required(values.policy, 'policy'));
  if (!policy.ok) return refused({ error: 'policy', errors: policy.error.issues }, problemLines(policy.error));
  const name = required(values['manager-name'], 'manager-name');
  const pin = required(values['manager-pin'], 'manager-pin');
  return withStore(values.db, (store) => {
    const hasOperators = store.read.stmt<{ n: number }>('SELECT count(*) AS n FROM operators').get()?.n ?? 0;
    if (hasOperators > 0) {
      return refused({ error: 'alreadySetUp' }, ['本机已设置，请用 zhucan policy install / operator add 修改 / Already set up: use zhucan policy install or operator add']);
    }
    const now = new Date().toISOString();
    const identity = setUpKiosk(store, { canteenName: canteen, canteenRegion: region, policyId: policy.value.id });
    installPolicy(store, policy.value, now);
    const manager = store.write((tx) => addOperator(tx, { ...(values['manager-id'] === undefined ? {} : { id: values['manager-id'] }), name, role: 'manager', pin }, now));
    if (!manager.ok) throw new UsageError(renderBoth(manager.error.message));
    return done({ ...identity, managerId: manager.value.id, file: store.file }, [
      `已设置 / set up: ${identity.canteenName} (${identity.canteenRegion}), device ${identity.deviceId}`,
      `补贴政策 / policy: ${policy.value.name} v${policy.value.version}`,
      `管理员 / manager: ${manager.value.id} (${manager.value.name})`,
    ]);
  });
}

/** `zhucan policy install FILE --operator ID --pin PIN` — a new version of the kiosk's policy. */
export function policyInstallCommand(argv: readonly string[]): Outcome {
  const { values, positionals } = parse(argv, { db: KIOSK_OPTIONS.db, operator: KIOSK_OPTIONS.operator, pin: KIOSK_OPTIONS.pin }, 1);
  const policy = readPolicyFile(positionals[0] ?? '');
  if (!policy.ok) return refused({ error: 'policy', errors: policy.error.issues }, problemLines(policy.error));
  return withStore(values.db, (store) => {
    const denied = managerCheck(store, values.operator, values.pin);
    if (denied !== null) return denied;
    const identity = kioskIdentity(store.read);
    if (identity.policyId !== policy.value.id) {
      return refused({ error: 'otherPolicy', expected: identity.policyId, found: policy.value.id }, [
        `本机按补贴政策 ${identity.policyId} 计价，文件是 ${policy.value.id} / this kiosk prices by ${identity.policyId}; the file is ${policy.value.id}`,
      ]);
    }
    const result = installPolicy(store, policy.value, new Date().toISOString());
    return done({ id: policy.value.id, version: policy.value.version, result }, [
      `${result === 'installed' ? '已安装 / installed' : '已是此版本 / already installed'}: ${policy.value.name} v${policy.value.version}, ${policy.value.effectiveFrom} 起 / from`,
    ]);
  });
}

/** `zhucan operator add --name NAME --role cashier|manager --new-pin PIN [--id ID] --operator ID --pin PIN` */
export function operatorCommand(argv: readonly string[]): Outcome {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError('usage: zhucan operator add --name NAME --role cashier|manager --new-pin PIN [--id ID]');
  const { values } = parse(rest, {
    db: KIOSK_OPTIONS.db,
    operator: KIOSK_OPTIONS.operator,
    pin: KIOSK_OPTIONS.pin,
    name: { type: 'string' },
    role: { type: 'string' },
    'new-pin': { type: 'string' },
    id: { type: 'string' },
  });
  const role = required(values.role, 'role');
  if (role !== 'cashier' && role !== 'manager') throw new UsageError('--role must be cashier or manager');
  const name = required(values.name, 'name');
  const pin = required(values['new-pin'], 'new-pin');
  return withStore(values.db, (store) => {
    const denied = managerCheck(store, values.operator, values.pin);
    if (denied !== null) return denied;
    const added = store.write((tx) =>
      addOperator(tx, { ...(values.id === undefined ? {} : { id: values.id }), name, role, pin }, new Date().toISOString()),
    );
    if (!added.ok) return refused({ error: added.error.code, message: renderBoth(added.error.message) }, [renderBoth(added.error.message)]);
    return done({ operator: added.value }, [`已添加 / added: ${added.value.id} ${added.value.name} (${added.value.role})`]);
  });
}
