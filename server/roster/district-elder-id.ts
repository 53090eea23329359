import { randomBytes } from 'node:crypto';

// Crockford's base32 (no I, L, O, U): an id read aloud or copied by hand is not misread.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHARS = 12;

/**
 * A new district elder id: 'D' and 12 random base32 characters (60 bits). Random, not derived from
 * the resident ID number: the id travels in every ledger record and upload, and must say nothing
 * about the person (a hash of the number would be reversed by trying the ~10^11 plausible numbers).
 * 'D' tells it apart from a kiosk's own local ids ('E…'). 60 bits: two ids of one city's million
 * elders clash with a probability of about 10^-6 over the roster's life; the primary key catches it.
 */
export function newDistrictElderId(): string {
  const bytes = randomBytes(CHARS);
  let id = 'D';
  for (const b of bytes) id += BASE32.charAt(b & 31);
  return id;
}
