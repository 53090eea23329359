import { pinyin } from 'pinyin-pro';

const MEMO_MAX = 20_000;
const memo = new Map<string, string>();

/**
 * The pinyin initials of a name, lower case: 王建国 → "wjg". A cashier looking for an elder whose
 * card is at home types them on a plain keyboard, without switching to a Chinese input method.
 *
 * Surname readings first (单 is shàn and 曾 is zēng as surnames): most names are searched by how
 * people say them. Latin letters in a name are kept as they are; everything else (spaces, dots of
 * 阿卜杜·热合曼, digits) is dropped. Stored in elders.name_initials and kept in step with the name
 * by every write of a name (roster-store's writeElder and updateElder, migration 0004).
 */
export function nameInitials(name: string): string {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const letters = pinyin(name.normalize('NFKC').trim(), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  const initials = letters
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  // pinyin-pro takes ~10 µs a name, a second or more on a 100,000-row import; names repeat (王秀英,
  // 张桂英 …), so a bounded memo saves most of it. Emptied when full rather than kept in LRU order:
  // simpler, and an import refills it with the names that repeat.
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(name, initials);
  return initials;
}

/** What a typed query must look like to be searched as initials: 2 to 10 Latin letters. */
export const INITIALS_QUERY = /^[A-Za-z]{2,10}$/;
