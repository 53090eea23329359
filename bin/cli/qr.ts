/**
 * `zhucan qr issue --elder ID [--phone]`: a signed QR code for an elder (docs/qr.md); `zhucan qr
 * card --elder ID --out FILE.pdf`: the elder's printed card as a PDF, with a new card code. A card code
 * revokes the elder's earlier prints; a phone code lasts 60 s and works once. Both are a manager's
 * act for now — until the family app (with the hub) issues phone codes itself. `zhucan qr key …`
 * (the signing keys) is in qr-keys.ts.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { printCard } from '../../electron/kiosk/qr/card-pdf.js';
import { issueCardCode, issuePhoneCode } from '../../electron/kiosk/qr/issue-qr.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { parse, required } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk, thrownFailure } from './kiosk-env.js';
import { managerCheck } from './setup.js';
import { QR_KEY_USAGE, qrKeyCommand } from './qr-keys.js';

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

/** Prints the card to `out`: a new card code, so the elder's earlier printed cards stop working. */
function card(store: KioskStore, elderId: string, out: string): Outcome {
  const printed = printCard(store, elderId, Date.now());
  const { code } = printed;
  try {
    writeFileSync(out, printed.pdf);
  } catch (e) {
    // The new code is issued (earlier cards are void) but not saved: say so, and to print again.
    const text = `卡片无法保存，旧卡已作废，请重新打印 / The card could not be saved and earlier cards are void: print again (${e instanceof Error ? e.message : String(e)})`;
    return refused({ error: 'write', message: text, file: out, elderId, cardVersion: code.cardVersion }, [text]);
  }
  return done({ file: out, token: code.token, elderId, keyId: code.keyId, cardVersion: code.cardVersion, issuedAt: code.issuedAt, revokedEarlier: code.cardVersion > 1 }, [
    `卡片已保存 / card saved: ${out}（${printed.elderName}，${printed.idMasked}）`,
    `卡码第 ${code.cardVersion} 版 / card code version ${code.cardVersion}: ${elderId}`,
    code.cardVersion > 1
      ? '之前打印的卡已作废 / every card printed before for this elder no longer works'
      : '再次打印会作废这张卡 / printing again makes this card stop working',
  ]);
}

const USAGE = `usage: zhucan qr issue --elder ID [--phone] --operator ID --pin PIN | zhucan qr card --elder ID --out FILE.pdf --operator ID --pin PIN | ${QR_KEY_USAGE.replace(/^usage: /, '')}`;

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function qrCommand(argv: readonly string[]): Outcome {
  const [sub, ...rest] = argv;
  if (sub === 'key') return qrKeyCommand(rest);
  if (sub !== 'issue' && sub !== 'card') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    db: KIOSK_OPTIONS.db,
    operator: KIOSK_OPTIONS.operator,
    pin: KIOSK_OPTIONS.pin,
    elder: { type: 'string' },
    phone: { type: 'boolean' },
    out: { type: 'string' },
  });
  const elderId = required(values.elder, 'elder');
  if (sub === 'card' && values.phone === true) throw new UsageError('--phone is for `qr issue`: a phone code is not printed on a card');
  if (sub === 'issue' && values.out !== undefined) throw new UsageError('--out is for `qr card`');
  const out = sub === 'card' ? resolve(required(values.out, 'out')) : null;
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  // Checked before a code is issued: issuing revokes the elder's current card.
  if (out !== null && !isDirectory(dirname(out))) {
    const text = `保存卡片的文件夹不存在 / The folder to save the card in does not exist: ${dirname(out)}`;
    return refused({ error: 'notFound', message: text, file: out }, [text]);
  }
  let store: KioskStore | undefined;
  try {
    store = openKioskStore(file);
    const denied = managerCheck(store, values.operator, values.pin);
    if (denied !== null) return denied;
    return out === null ? issue(store, elderId, values.phone === true) : card(store, elderId, out);
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    store?.close();
  }
}
