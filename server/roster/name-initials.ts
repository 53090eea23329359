import { pinyin } from 'pinyin-pro';

/**
 * The pinyin initials of a name, lower case: 王建国 → "wjg", so district staff find an elder from a
 * plain keyboard. The same rule as the kiosk's (electron/kiosk/roster/name-initials.ts, which server/
 * may not import): surname readings first (单 is shàn as a surname), Latin letters kept, the rest dropped.
 */
export function nameInitials(name: string): string {
  const letters = pinyin(name.normalize('NFKC').trim(), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  return letters
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** A query that is searched as initials: 2 to 10 Latin letters. */
export const INITIALS_QUERY = /^[A-Za-z]{2,10}$/;
