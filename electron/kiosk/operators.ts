import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { message } from '../../shared/i18n/index.js';
import type { Message } from '../../shared/i18n/index.js';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { formatProblem, parseWith } from '../../shared/parse.js';
import { inWrite, readerOf } from './roster/store-access.js';
import type { Reader, Writer } from './roster/store-access.js';
import { formatScryptHash, parseScryptHash } from '../../shared/scrypt-hash.js';

/**
 * The people who work the till: cashiers and canteen managers, each with a PIN.
 *
 * A PIN is stored as `scrypt$N$r$p$salt$hash` (salt and hash in hex), with a salt per operator. A
 * 4–8 digit PIN has at most 10^8 values, so no hash makes a stolen database safe against a patient
 * attacker; scrypt's cost makes trying them all slow (hours, not milliseconds), and the parameters
 * travel with each hash so they can be raised later without breaking existing PINs.
 */
export type OperatorRole = 'cashier' | 'manager';

export interface Operator {
  readonly id: string;
  readonly name: string;
  readonly role: OperatorRole;
  readonly active: boolean;
  readonly createdAt: string;
}

export interface NewOperator {
  /** Chosen by the manager (a staff number) or made up. */
  readonly id?: string;
  readonly name: string;
  readonly role: OperatorRole;
  readonly pin: string;
}

export type OperatorRefusalCode = 'unknown' | 'wrongPin' | 'inactive' | 'badPin' | 'badName' | 'idTaken' | 'forbidden';

export interface OperatorRefusal {
  readonly code: OperatorRefusalCode;
  readonly message: Message;
}

function refuse(code: OperatorRefusalCode, key: string, params?: Record<string, string | number>): OperatorRefusal {
  return { code, message: message(key, params) };
}

// About 50 ms and 16 MiB per check on a kiosk PC: unnoticeable at sign-in, costly to brute-force.
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PIN = /^\d{4,8}$/;

function scrypt(pin: string, salt: Buffer, N: number, r: number, p: number, length: number): Buffer {
  // maxmem: Node's default (32 MiB) is just enough for N=16384, r=8; leave room for raised parameters.
  return scryptSync(pin, salt, length, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 });
}

export function hashPin(pin: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = scrypt(pin, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, HASH_BYTES);
  return formatScryptHash({ ...SCRYPT, saltHex: salt.toString('hex'), hashHex: hash.toString('hex') });
}

/** Constant-time comparison; a malformed stored hash never matches. */
export function verifyPin(pin: string, stored: string): boolean {
  const h = parseScryptHash(stored);
  if (h === null) return false;
  const expected = Buffer.from(h.hashHex, 'hex');
  const actual = scrypt(pin, Buffer.from(h.saltHex, 'hex'), h.N, h.r, h.p, expected.length);
  return timingSafeEqual(actual, expected);
}

// A fixed hash to check against when the operator does not exist, so "unknown" takes as long as
// "wrong PIN" and the sign-in screen does not reveal which ids exist. Made once, lazily.
let dummyHash: string | undefined;

const operatorRowSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  role: z.enum(['cashier', 'manager']),
  pin_hash: z.string(),
  active: z.union([z.literal(0), z.literal(1)]),
  created_at: z.string(),
});

function toOperator(row: unknown): Operator & { pinHash: string } {
  const parsed = parseWith(operatorRowSchema, row, 'operators row');
  if (!parsed.ok) throw new Error(formatProblem(parsed.error, 'en'));
  const o = parsed.value;
  return { id: o.id, name: o.name, role: o.role, active: o.active === 1, createdAt: o.created_at, pinHash: o.pin_hash };
}

function publicOperator({ pinHash: _pinHash, ...op }: Operator & { pinHash: string }): Operator {
  return op;
}

const SELECT = 'SELECT id, name, role, pin_hash, active, created_at FROM operators';

/**
 * The PINs tried first by anyone at the counter: one digit repeated (0000) or a run up or down
 * (1234, 9876). Refused when set; a PIN already stored still works.
 */
export function isGuessable(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10));
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] ?? -1);
}

function newOperatorId(): string {
  return `op-${randomBytes(4).toString('hex')}`;
}

export function addOperator(db: Writer, input: NewOperator, now: string = new Date().toISOString()): Result<Operator, OperatorRefusal> {
  const name = input.name.trim();
  if (name === '') return err(refuse('badName', 'operator.nameEmpty'));
  if (!PIN.test(input.pin)) return err(refuse('badPin', 'operator.pinFormat'));
  if (isGuessable(input.pin)) return err(refuse('badPin', 'operator.pinWeak'));
  const id = input.id?.trim() || newOperatorId();
  // Hashed before the transaction: scrypt takes ~50 ms and the write lock need not wait for it.
  const pinHash = hashPin(input.pin);
  return inWrite(db, (tx) => {
    if (tx.stmt('SELECT 1 FROM operators WHERE id = ?').get(id) !== undefined) return err(refuse('idTaken', 'operator.idTaken', { id }));
    tx.stmt('INSERT INTO operators (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)').run(id, name, input.role, pinHash, now);
    return ok({ id, name, role: input.role, active: true, createdAt: now });
  });
}

/**
 * Signs an operator in: the operator, or why not. The refusals are typed for the caller (and the
 * audit trail); each costs one scrypt, found or not, so a screen that words "unknown" and "wrong
 * PIN" alike gives nothing away by its timing either.
 */
export function authenticate(from: Reader, id: string, pin: string): Result<Operator, OperatorRefusal> {
  const row = readerOf(from).stmt(`${SELECT} WHERE id = ?`).get(id);
  if (row === undefined) {
    dummyHash ??= hashPin('00000000');
    verifyPin(pin, dummyHash);
    return err(refuse('unknown', 'operator.unknown'));
  }
  const op = toOperator(row);
  // scrypt runs whatever the PIN looks like, so no answer comes back faster for a known id. The
  // PIN is checked before the active flag, so a wrong guess cannot learn that an id is disabled.
  const matches = verifyPin(pin, op.pinHash);
  if (!matches || !PIN.test(pin)) return err(refuse('wrongPin', 'operator.wrongPin'));
  if (!op.active) return err(refuse('inactive', 'operator.inactive', { name: op.name }));
  return ok(publicOperator(op));
}

export function listOperators(from: Reader): Operator[] {
  return readerOf(from).stmt(`${SELECT} ORDER BY active DESC, role DESC, name, id`).all().map((row) => publicOperator(toOperator(row)));
}

/** Stops an operator signing in (a cashier who left). Rows stay: the ledger names them. */
export function setOperatorActive(db: Writer, id: string, active: boolean): Result<void, OperatorRefusal> {
  const { changes } = inWrite(db, (tx) => tx.stmt('UPDATE operators SET active = ? WHERE id = ?').run(active ? 1 : 0, id));
  return changes === 0 ? err(refuse('unknown', 'operator.unknown')) : ok(undefined);
}

const RANK: Readonly<Record<OperatorRole, number>> = { cashier: 1, manager: 2 };

/** A manager may do whatever a cashier may; a cashier may not do a manager's work. */
export function requireRole(op: Operator, role: OperatorRole): Result<Operator, OperatorRefusal> {
  if (op.active && RANK[op.role] >= RANK[role]) return ok(op);
  return err(refuse('forbidden', role === 'manager' ? 'operator.needManager' : 'operator.needCashier'));
}
