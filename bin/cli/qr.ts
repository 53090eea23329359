/**
 * `zhucan qr issue --elder ID [--phone]`: a signed QR code for an elder (docs/qr.md). A card code
 * revokes the elder's earlier prints; a phone code lasts 60 s and works once. Both are a manager's
 * act for now — until the family app (with the hub) issues phone codes itself.
 */
import { existsSync } from 'node:fs';
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { message } from '../../shared/i18n/text.js';
import { failureOf } from '../../electron/kiosk/guard.js';
import { issueCardCode, issuePhoneCode } from '../../electron/kiosk/qr/issue-qr.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { parse, required } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS } from './kiosk-env.js';
import { managerCheck } from './setup.js';

function issue(store: KioskStore, elderId: string, phone: boolean): Outcome {
  const now = Date.now();
  if (phone) {
    const code = issuePhoneCode(store, elderId, now);
    return done({ kind: 'phone', ...code }, [code.token, `手机码 / phone code: ${elderId}，有效至 / valid until ${code.expiresAt}，只能用一次 / works once`]);
  }
  const code = issueCardCode(store, elderId, now);
  return done({ kind: 'card', ...code }, [
    code.token,
    `卡码第 ${code.cardVersion} 版 / card code version ${code.cardVersion}: ${elderId}${code.cardVersion > 1 ? '（旧码已作废 / earlier prints revoked）' : ''}`,
  ]);
}

export function qrCommand(argv: readonly string[]): Outcome {
  const [sub, ...rest] = argv;
  if (sub !== 'issue') throw new UsageError('usage: zhucan qr issue --elder ID [--phone] --operator ID --pin PIN');
  const { values } = parse(rest, { db: KIOSK_OPTIONS.db, operator: KIOSK_OPTIONS.operator, pin: KIOSK_OPTIONS.pin, elder: { type: 'string' }, phone: { type: 'boolean' } });
  const elderId = required(values.elder, 'elder');
  const file = dbPath(values.db);
  // Only `demo` and `setup` make a kiosk: issuing on a missing file would leave an empty one behind.
  if (!existsSync(file)) {
    const text = message('store.open.notFound', { file });
    return refused({ error: 'notFound', message: renderBoth(text), file }, [renderBoth(text)]);
  }
  let store: KioskStore | undefined;
  try {
    store = openKioskStore(file);
    const denied = managerCheck(store, values.operator, values.pin);
    return denied ?? issue(store, elderId, values.phone === true);
  } catch (e) {
    const known = failureOf(e);
    if (known === null) throw e;
    return refused({ error: known.kind, message: renderBoth(known.message) }, [renderBoth(known.message)]);
  } finally {
    store?.close();
  }
}
