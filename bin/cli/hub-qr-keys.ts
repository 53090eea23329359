/**
 * `zhucan hub qr-key add | retire | list` (docs/cli.md): a district's QR public keys at the hub
 * (server/qr-keys), which every kiosk of the district then trusts or stops trusting with its next
 * roster package (docs/hub-roster.md "QR keys"). Console only, like `zhucan hub district add`:
 * whoever may run the hub on its machine decides which keys the canteens believe. The OS user that
 * ran the command is recorded as who did it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { userInfo } from 'node:os';
import { message } from '../../shared/i18n/text.js';
import type { Message } from '../../shared/i18n/text.js';
import type { Result } from '../../shared/result.js';
import { err } from '../../shared/result.js';
import { publicKeyFromFile, publicKeyFromText } from '../../electron/kiosk/qr/public-key-input.js';
import { addDistrictQrKey, listDistrictQrKeys, retireDistrictQrKey } from '../../server/qr-keys/index.js';
import type { DistrictQrKey, QrKeyRefusal } from '../../server/qr-keys/index.js';
import { integer, parse, required } from './args.js';
import { done, refused, say, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { HUB_STORE_OPTIONS, withHubStore } from './hub-store.js';

export const HUB_QR_KEY_USAGE = `usage: zhucan hub qr-key add --district ID --public-key FILE|KEY
       zhucan hub qr-key retire --district ID --key-id KEYID
       zhucan hub qr-key list --district ID`;

const now = (): string => new Date().toISOString();

/** Who did it, for the audit: the OS account that ran the console command. */
function who(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a bare container): the console is still the console.
    user = 'unknown';
  }
  return `console:${user}`;
}

function refusal(e: QrKeyRefusal | { kind: string; message: Message }): Outcome {
  return refused({ error: e.kind, message: say(e.message) }, [say(e.message)]);
}

/** --public-key names a file if one exists there (PEM, Base64 text, raw 32 bytes or SPKI DER); otherwise it is the key itself. */
function publicKeyOf(given: string): Result<KeyObject, Message> {
  if (!existsSync(given) || !statSync(given).isFile()) return publicKeyFromText(given);
  try {
    return publicKeyFromFile(readFileSync(given));
  } catch (e) {
    return err(message('rosterKeys.cli.fileUnreadable', { file: given, reason: e instanceof Error ? e.message : String(e) }));
  }
}

function keyJson(k: DistrictQrKey): Record<string, unknown> {
  return { ...k, retired: k.retiredAt !== null };
}

function keyLine(k: DistrictQrKey): string {
  const parts = [k.keyId, say(message('rosterKeys.cli.addedAt', { at: k.addedAt, by: k.addedBy }))];
  parts.push(k.retiredAt === null ? say(message('rosterKeys.cli.inUse')) : say(message('rosterKeys.cli.retiredAt', { at: k.retiredAt, by: k.retiredBy ?? '' })));
  return parts.join(' · ');
}

function districtOf(value: string | undefined): number {
  const id = integer(required(value, 'district'), 'district') ?? 0;
  if (id < 1) throw new UsageError('--district is a district id (zhucan hub district list)');
  return id;
}

export async function hubQrKeyCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values } = parse(rest, { ...HUB_STORE_OPTIONS, district: { type: 'string' }, 'public-key': { type: 'string' } });
    const districtId = districtOf(values.district);
    const key = publicKeyOf(required(values['public-key'], 'public-key'));
    if (!key.ok) return refusal({ kind: 'badKey', message: key.error });
    const spki = key.value.export({ type: 'spki', format: 'der' }).toString('base64');
    return withHubStore(values.data, async ({ db }) => {
      const added = await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: spki, by: who(), now: now() });
      if (!added.ok) return refusal(added.error);
      const k = added.value;
      return done({ key: keyJson(k) }, [say(message('rosterKeys.cli.added', { keyId: k.keyId, districtId, version: k.version }))]);
    });
  }
  if (sub === 'retire') {
    const { values } = parse(rest, { ...HUB_STORE_OPTIONS, district: { type: 'string' }, 'key-id': { type: 'string' } });
    const districtId = districtOf(values.district);
    const keyId = required(values['key-id'], 'key-id');
    return withHubStore(values.data, async ({ db }) => {
      const retired = await retireDistrictQrKey(db, { actor: 'console', districtId, keyId, by: who(), now: now() });
      if (!retired.ok) return refusal(retired.error);
      const k = retired.value;
      return done({ key: keyJson(k) }, [say(message('rosterKeys.cli.retired', { keyId: k.keyId, districtId, version: k.version }))]);
    });
  }
  if (sub === 'list') {
    const { values } = parse(rest, { ...HUB_STORE_OPTIONS, district: { type: 'string' } });
    const districtId = districtOf(values.district);
    return withHubStore(values.data, async ({ db }) => {
      const keys = await listDistrictQrKeys(db, districtId);
      return done({ districtId, keys: keys.map(keyJson) }, keys.length === 0 ? [say(message('rosterKeys.cli.none', { districtId }))] : keys.map(keyLine));
    });
  }
  throw new UsageError(HUB_QR_KEY_USAGE);
}
