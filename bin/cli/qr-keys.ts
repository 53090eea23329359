/**
 * `zhucan qr key list | install | retire | new-kiosk`: the keys QR codes are signed with (docs/qr.md
 * "Keys"). Listing needs nobody (it shows ids and dates, no key material); installing a district
 * key, retiring a key and making a new kiosk key change what the kiosk believes, so a manager signs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { renderBoth } from '../../shared/i18n/catalogs.js';
import { message } from '../../shared/i18n/text.js';
import { publicKeyFromFile } from '../../electron/kiosk/qr/public-key-input.js';
import { installDistrictQrKey, listQrKeys, newKioskQrKey, retireQrKey } from '../../electron/kiosk/qr/qr-keys.js';
import type { QrKeyInfo } from '../../electron/kiosk/qr/qr-keys.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { parse, required } from './args.js';
import { done, refused, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk, thrownFailure } from './kiosk-env.js';
import { managerCheck } from './setup.js';

export const QR_KEY_USAGE =
  'usage: zhucan qr key list | zhucan qr key install --public FILE|BASE64 | zhucan qr key retire --id KEYID | zhucan qr key new-kiosk (install, retire and new-kiosk: --operator ID --pin PIN of a manager)';

const both = (key: string, params?: Record<string, string>): string => renderBoth(message(key, params));

function keyLine(k: QrKeyInfo): string {
  const parts = [
    k.keyId,
    both(`cli.qrKey.kind.${k.kind}`),
    k.createdAt === null ? both('cli.qrKey.createdUnknown') : both('cli.qrKey.created', { at: k.createdAt }),
    k.retiredAt === null ? both('cli.qrKey.active') : both('cli.qrKey.retired', { at: k.retiredAt }),
    both(k.privateKey ? 'cli.qrKey.private' : 'cli.qrKey.publicOnly'),
  ];
  if (k.signing) parts.push(both('cli.qrKey.signing'));
  return parts.join(' · ');
}

function list(store: KioskStore): Outcome {
  const keys = listQrKeys(store.read);
  const json = keys.map((k) => ({ ...k, retired: k.retiredAt !== null }));
  return done({ keys: json }, keys.length === 0 ? [both('cli.qrKey.none')] : keys.map(keyLine));
}

/** --public names a file if one exists there; otherwise it is the key itself (PEM or Base64). */
function install(store: KioskStore, given: string): Outcome {
  let text: string;
  if (existsSync(given) && statSync(given).isFile()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(given);
    } catch (e) {
      const line = both('cli.qrKey.fileUnreadable', { file: given, reason: e instanceof Error ? e.message : String(e) });
      return refused({ error: 'read', message: line }, [line]);
    }
    const parsed = publicKeyFromFile(bytes);
    if (!parsed.ok) return refused({ error: 'invalid', message: renderBoth(parsed.error) }, [renderBoth(parsed.error)]);
    text = parsed.value.export({ type: 'spki', format: 'pem' }).toString();
  } else {
    // The key itself: installDistrictQrKey parses it and refuses a malformed one (a KioskError).
    text = given;
  }
  const now = Date.now();
  const { keyId } = installDistrictQrKey(store, text, now);
  return done({ keyId, kind: 'district', createdAt: new Date(now).toISOString() }, [both('cli.qrKey.installed', { keyId })]);
}

function retire(store: KioskStore, keyId: string): Outcome {
  const r = retireQrKey(store, keyId, Date.now());
  const lines = [both('cli.qrKey.retiredNow', { keyId: r.keyId })];
  if (r.kind === 'kiosk') lines.push(both('cli.qrKey.retiredKiosk'));
  return done({ keyId: r.keyId, kind: r.kind, retiredAt: r.retiredAt, refusedFromNow: true }, lines);
}

function newKiosk(store: KioskStore): Outcome {
  const { keyId, createdAt } = newKioskQrKey(store, Date.now());
  return done({ keyId, kind: 'kiosk', createdAt }, [both('cli.qrKey.newKiosk', { keyId })]);
}

export function qrKeyCommand(argv: readonly string[]): Outcome {
  const [sub, ...rest] = argv;
  if (sub !== 'list' && sub !== 'install' && sub !== 'retire' && sub !== 'new-kiosk') throw new UsageError(QR_KEY_USAGE);
  const { values } = parse(rest, { db: KIOSK_OPTIONS.db, operator: KIOSK_OPTIONS.operator, pin: KIOSK_OPTIONS.pin, public: { type: 'string' }, id: { type: 'string' } });
  if (sub !== 'install' && values.public !== undefined) throw new UsageError('--public is for `qr key install`');
  if (sub !== 'retire' && values.id !== undefined) throw new UsageError('--id is for `qr key retire`');
  const publicKey = sub === 'install' ? required(values.public, 'public') : '';
  const keyId = sub === 'retire' ? required(values.id, 'id') : '';
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  let store: KioskStore | undefined;
  try {
    store = openKioskStore(file);
    if (sub === 'list') return list(store);
    const denied = managerCheck(store, values.operator, values.pin);
    if (denied !== null) return denied;
    if (sub === 'install') return install(store, publicKey);
    if (sub === 'retire') return retire(store, keyId);
    return newKiosk(store);
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    store?.close();
  }
}
