/**
 * The canonical JSON form of a ledger record: the exact bytes that are hashed, so the kiosk and the
 * district hub, in any version, turn the same record into the same string.
 *
 * RFC 8785 (JCS) restricted to what a ledger holds: object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as JSON.stringify does, and numbers only as safe integers — amounts are
 * integer fen, so a float here is a bug, and refusing it spares us JCS's number-formatting rules.
 * Anything JSON cannot carry faithfully (undefined in an array, Date, bigint, Map, class instances,
 * cycles) throws: silently coercing it would hash something other than what the caller meant.
 */

/** Thrown for a value that has no canonical form; `path` says where, e.g. `$.body.items[2].price`. */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  /** 'number': a float, NaN, ±Infinity or an unsafe integer; 'value': anything else JSON cannot carry. */
  readonly code: 'number' | 'value';
  readonly reason: string;
  /** Where, as keys and indexes from the top: ['body', 'items', 2, 'price']. */
  readonly segments: readonly (string | number)[];

  constructor(code: 'number' | 'value', reason: string, segments: readonly (string | number)[] = []) {
    super(`canonicalJson: ${pathOf(segments)}: ${reason}`);
    this.code = code;
    this.reason = reason;
    this.segments = segments;
  }

  get path(): string {
    return pathOf(this.segments);
  }

  /** The same error one level further out; paths are built only when something fails. */
  within(step: string | number): CanonicalJsonError {
    return new CanonicalJsonError(this.code, this.reason, [step, ...this.segments]);
  }
}

function pathOf(segments: readonly (string | number)[]): string {
  return `$${segments
    .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('')}`;
}

export function canonicalJson(value: unknown): string {
  return write(value, []);
}

function write(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new CanonicalJsonError('number', `${String(value)} is not a safe integer (amounts are integer fen)`);
      }
      // String(-0) is "0", which is what JSON.stringify writes too.
      return String(value);
    case 'object':
      if (value === null) return 'null';
      return writeObject(value, ancestors);
    case 'undefined':
      throw new CanonicalJsonError('value', 'undefined has no JSON form');
    case 'bigint':
      throw new CanonicalJsonError('value', 'a bigint has no canonical JSON form; use a safe integer');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError('value', `a ${typeof value} has no JSON form`);
  }
}

function writeObject(value: object, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new CanonicalJsonError('value', 'a cycle: this object contains itself');
  ancestors.push(value);
  try {
    if (Array.isArray(value)) return writeArray(value, ancestors);
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const what = value instanceof Date ? 'a Date (write it as an ISO string)' : `an instance of ${className(value)}`;
      throw new CanonicalJsonError('value', `${what} has no canonical JSON form; use plain objects`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly RFC 8785's key order.
    const keys = Object.keys(record).sort();
    // One string built by concatenation, not an array of parts joined: the hub canonicalises every
    // record of every upload, and the parts arrays were most of this function's cost (and garbage).
    let out = '{';
    for (const key of keys) {
      // JSON.parse makes "__proto__" an own key but most object builders (zod among them) turn it
      // into a prototype, so a record holding it would not hash the same after a round trip.
      if (key === '__proto__') throw new CanonicalJsonError('value', 'the key "__proto__" is not allowed');
      const item = record[key];
      if (item === undefined) continue;
      let text: string;
      try {
        text = write(item, ancestors);
      } catch (e) {
        throw e instanceof CanonicalJsonError ? e.within(key) : e;
      }
      out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${text}`;
    }
    return `${out}}`;
  } finally {
    ancestors.pop();
  }
}

/**
 * JSON.stringify(key), remembered: a ledger has a few dozen distinct keys, written millions of
 * times. Bounded, so a hostile body with endless distinct keys cannot grow it without limit.
 */
const keyCache = new Map<string, string>();
const KEY_CACHE_MAX = 1024;

function quotedKey(key: string): string {
  const known = keyCache.get(key);
  if (known !== undefined) return known;
  const quoted = JSON.stringify(key);
  if (keyCache.size < KEY_CACHE_MAX) keyCache.set(key, quoted);
  return quoted;
}

function writeArray(value: readonly unknown[], ancestors: object[]): string {
  let out = '[';
  // An index loop, not map(): map skips holes, and a hole must be an error, not a missing element.
  for (let i = 0; i < value.length; i++) {
    let text: string;
    try {
      text = write(value[i], ancestors);
    } catch (e) {
      throw e instanceof CanonicalJsonError ? e.within(i) : e;
    }
    out += i === 0 ? text : `,${text}`;
  }
  return `${out}]`;
}

function className(value: object): string {
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'a class';
}
