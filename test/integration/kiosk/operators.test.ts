import { scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/index.js';
import { addOperator, authenticate, hashPin, isGuessable, listOperators, requireRole, setOperatorActive, verifyPin } from '../../../electron/kiosk/operators.js';
import type { Operator } from '../../../electron/kiosk/operators.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';

const NOW = '2025-03-01T02:00:00.000Z';

let dir: string;
let store: KioskStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-operators-'));
  store = openKioskStore(join(dir, 'kiosk.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function pinHashOf(id: string): string {
  return store.read.stmt<{ pin_hash: string }>('SELECT pin_hash FROM operators WHERE id = ?').get(id)?.pin_hash ?? '';
}

describe('adding operators', () => {
  it('stores the PIN as scrypt$N$r$p$salt$hash with a salt of its own', () => {
    const a = addOperator(store, { id: 'C01', name: '陈收银', role: 'cashier', pin: '1357' }, NOW);
    const b = addOperator(store, { id: 'C02', name: '黄收银', role: 'cashier', pin: '1357' }, NOW);
    expect(a).toEqual({ ok: true, value: { id: 'C01', name: '陈收银', role: 'cashier', active: true, createdAt: NOW } });
    expect(b.ok).toBe(true);
    const [ha, hb] = [pinHashOf('C01'), pinHashOf('C02')];
    expect(ha).toMatch(/^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    // The same PIN, different salts: the stored hashes share nothing.
    expect(ha.split('$')[4]).not.toBe(hb.split('$')[4]);
    expect(ha.split('$')[5]).not.toBe(hb.split('$')[5]);
  });

  it('never writes the PIN itself to the database file', () => {
    addOperator(store, { id: 'M01', name: '梁经理', role: 'manager', pin: '86420975' }, NOW);
    const file = store.file;
    store.close();
    const wal = `${file}-wal`;
    const bytes = Buffer.concat([readFileSync(file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
    expect(bytes.includes(Buffer.from('86420975'))).toBe(false);
    store = openKioskStore(file);
  });

  it('takes PINs of 4 to 8 digits only, and needs a name', () => {
    const tries = ['123', '123456789', '12a4', '', ' 1234', '１２３４'].map((pin, i) => addOperator(store, { id: `X${i}`, name: '张三', role: 'cashier', pin }, NOW));
    expect(tries.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['badPin', 'badPin', 'badPin', 'badPin', 'badPin', 'badPin']);
    expect(addOperator(store, { id: 'Y', name: '  ', role: 'cashier', pin: '2580' }, NOW)).toMatchObject({ ok: false, error: { code: 'badName' } });
    expect(addOperator(store, { name: '李四', role: 'cashier', pin: '31415926' }, NOW).ok).toBe(true);
    expect(addOperator(store, { name: '王五', role: 'cashier', pin: '2580' }, NOW).ok).toBe(true);
    expect(listOperators(store)).toHaveLength(2);
  });

  it('refuses PINs anyone would try first', () => {
    for (const pin of ['0000', '1111', '1234', '12345678', '9876', '3210', '8901', '99999999']) {
      expect(isGuessable(pin), pin).toBe(true);
      expect(addOperator(store, { name: '张三', role: 'cashier', pin }, NOW)).toMatchObject({ ok: false, error: { code: 'badPin', message: { key: 'operator.pinWeak' } } });
    }
    for (const pin of ['1357', '2580', '246810', '1123', '0001']) expect(isGuessable(pin), pin).toBe(false);
    expect(listOperators(store)).toEqual([]);
  });

  it('refuses an id already in use, and makes one when none is given', () => {
    expect(addOperator(store, { id: 'C01', name: '陈收银', role: 'cashier', pin: '1357' }, NOW).ok).toBe(true);
    const again = addOperator(store, { id: 'C01', name: '另一个', role: 'manager', pin: '2468' }, NOW);
    expect(again).toMatchObject({ ok: false, error: { code: 'idTaken' } });
    if (!again.ok) expect(render(again.error.message)).toBe('工号C01已被使用，请换一个');
    const made = addOperator(store, { name: '无工号', role: 'cashier', pin: '2468' }, NOW);
    expect(made.ok && made.value.id).toMatch(/^op-[0-9a-f]{8}$/);
  });
});

describe('signing in', () => {
  beforeEach(() => {
    addOperator(store, { id: 'M01', name: '梁经理', role: 'manager', pin: '246810' }, NOW);
    addOperator(store, { id: 'C01', name: '陈收银', role: 'cashier', pin: '1357' }, NOW);
  });

  it('with the right PIN gives the operator, without the hash', () => {
    const r = authenticate(store, 'C01', '1357');
    expect(r).toEqual({ ok: true, value: { id: 'C01', name: '陈收银', role: 'cashier', active: true, createdAt: NOW } });
    expect(JSON.stringify(r)).not.toContain('scrypt');
  });

  it('refuses an unknown id, a wrong PIN, and a disabled operator — each told apart for the screen', () => {
    expect(authenticate(store, 'nobody', '1357')).toMatchObject({ ok: false, error: { code: 'unknown' } });
    expect(authenticate(store, 'C01', '1358')).toMatchObject({ ok: false, error: { code: 'wrongPin' } });
    expect(authenticate(store, 'C01', '')).toMatchObject({ ok: false, error: { code: 'wrongPin' } });
    expect(setOperatorActive(store, 'C01', false).ok).toBe(true);
    const off = authenticate(store, 'C01', '1357');
    expect(off).toMatchObject({ ok: false, error: { code: 'inactive' } });
    if (!off.ok) expect(render(off.error.message)).toBe('陈收银的账号已停用，请联系食堂负责人');
    // A wrong guess does not learn that the account is disabled.
    expect(authenticate(store, 'C01', '0000')).toMatchObject({ ok: false, error: { code: 'wrongPin' } });
    expect(setOperatorActive(store, 'nobody', true)).toMatchObject({ ok: false, error: { code: 'unknown' } });
  });

  it('an unknown id costs as much as a wrong PIN (one scrypt), so ids cannot be probed by timing', () => {
    const time = (fn: () => void): number => {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) fn();
      return performance.now() - t0;
    };
    authenticate(store, 'nobody', '1357'); // makes the dummy hash once
    const unknown = time(() => authenticate(store, 'nobody', '1357'));
    const wrong = time(() => authenticate(store, 'C01', '1358'));
    // One-sided and generous: the point is that "unknown" is not answered much faster (no scrypt
    // would be ~1000× faster), not a benchmark.
    expect(unknown).toBeGreaterThan(wrong / 4);
  });

  it('lists managers first, then cashiers, disabled last', () => {
    addOperator(store, { id: 'C02', name: '黄收银', role: 'cashier', pin: '5173' }, NOW);
    setOperatorActive(store, 'C01', false);
    expect(listOperators(store).map((o) => o.id)).toEqual(['M01', 'C02', 'C01']);
    expect(listOperators(store).every((o) => !('pinHash' in o))).toBe(true);
  });
});

describe('roles', () => {
  const manager: Operator = { id: 'M01', name: '梁经理', role: 'manager', active: true, createdAt: NOW };
  const cashier: Operator = { id: 'C01', name: '陈收银', role: 'cashier', active: true, createdAt: NOW };

  it('a manager may do what a cashier may; a cashier may not do a manager\'s work', () => {
    expect(requireRole(manager, 'manager')).toEqual({ ok: true, value: manager });
    expect(requireRole(manager, 'cashier').ok).toBe(true);
    expect(requireRole(cashier, 'cashier').ok).toBe(true);
    const refused = requireRole(cashier, 'manager');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!refused.ok) expect(render(refused.error.message)).toBe('这项操作需要负责人（经理）登录');
    expect(requireRole({ ...manager, active: false }, 'cashier').ok).toBe(false);
  });
});

describe('PIN hashes', () => {
  it('verify only the PIN they were made from; a malformed stored value never matches', () => {
    const h = hashPin('4321');
    expect(verifyPin('4321', h)).toBe(true);
    expect(verifyPin('4322', h)).toBe(false);
    for (const bad of ['', 'plain4321', 'scrypt$16384$8$1$$', `scrypt$16384$8$1$zz$${'0'.repeat(64)}`, h.replace('scrypt', 'bcrypt')]) {
      expect(verifyPin('4321', bad)).toBe(false);
    }
  });

  it('carry their own parameters, so an older cost still verifies after the default is raised', () => {
    const salt = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    // Made with N = 1024 (what an older build might have used).
    const older = `scrypt$1024$8$1$${salt.toString('hex')}$${scryptHex('4321', salt, 1024)}`;
    expect(verifyPin('4321', older)).toBe(true);
    expect(verifyPin('1234', older)).toBe(false);
  });
});

function scryptHex(pin: string, salt: Buffer, N: number): string {
  return scryptSync(pin, salt, 32, { N, r: 8, p: 1 }).toString('hex');
}
