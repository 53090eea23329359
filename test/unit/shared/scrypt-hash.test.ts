/** The text form of scrypt hashes shared by kiosk PINs and hub passwords. */
import { describe, expect, it } from 'vitest';
import { formatScryptHash, parseScryptHash } from '../../../shared/scrypt-hash.js';

describe('scrypt hash text', () => {
  it('round-trips the parameters, salt and hash', () => {
    const h = { N: 16384, r: 8, p: 1, saltHex: '00ff10', hashHex: 'abcd' };
    const text = formatScryptHash(h);
    expect(text).toBe('scrypt$16384$8$1$00ff10$abcd');
    expect(parseScryptHash(text)).toEqual(h);
  });

  it('refuses anything malformed, so it never matches a PIN or password', () => {
    for (const bad of ['', 'scrypt$1$8$1$00$', 'bcrypt$1$8$1$00$ab', 'scrypt$x$8$1$00$ab', 'scrypt$1$8$1$0$ab', 'scrypt$1$8$1$00$abc', 'scrypt$1$8$1$00$AB']) {
      expect(parseScryptHash(bad), bad).toBeNull();
    }
  });
});
