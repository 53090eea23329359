/**
 * The text form of a scrypt password or PIN hash, `scrypt$N$r$p$salt$hash` (hex), shared by the
 * kiosk's operator PINs and the hub's staff passwords. The parameters travel with each hash so they
 * can be raised later without breaking the hashes already stored. Pure text: the hashing itself is
 * node:crypto's, at the kiosk and at the hub.
 */
export interface ScryptHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly saltHex: string;
  readonly hashHex: string;
}

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]+)\$([0-9a-f]+)$/;

export function formatScryptHash(h: ScryptHash): string {
  return `scrypt$${h.N}$${h.r}$${h.p}$${h.saltHex}$${h.hashHex}`;
}

/** The parts of a stored hash, or null for anything malformed (which then never matches). */
export function parseScryptHash(stored: string): ScryptHash | null {
  const m = FORMAT.exec(stored);
  if (m === null) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const saltHex = m[4] ?? '';
  const hashHex = m[5] ?? '';
  if (hashHex.length === 0 || hashHex.length % 2 !== 0 || saltHex.length % 2 !== 0) return null;
  return { N, r, p, saltHex, hashHex };
}
