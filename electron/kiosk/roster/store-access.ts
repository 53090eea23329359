import type { KioskStore, ReadHandle, WriteTx } from '../store/open.js';

/**
 * Roster and operator functions take either the store or a handle. Given the store, a write runs
 * in its own transaction and a read outside any; given a WriteTx, the write joins the caller's
 * transaction (an import writes 100,000 elders in one) and a read sees its uncommitted rows.
 */
export type Writer = KioskStore | WriteTx;
export type Reader = KioskStore | ReadHandle;

function isStore(x: Writer | Reader): x is KioskStore {
  return 'write' in x;
}

export function inWrite<T>(w: Writer, fn: (tx: WriteTx) => T): T {
  return isStore(w) ? w.write(fn) : fn(w);
}

export function readerOf(r: Reader): ReadHandle {
  return isStore(r) ? r.read : r;
}
