/**
 * `zhucan enroll --hub URL --code CODE [--replace] [--insecure] [--db FILE]` (docs/cli.md, docs/sync.md):
 * enrols this kiosk with the district hub — makes the device key pair, presents the district's
 * one-time code with the public key, and keeps the key (next to the database) and the link.
 *
 * No operator PIN: the one-time code is the district's authority, and the code is useless without
 * access to this computer's kiosk database anyway. --replace is the deliberate way to enrol again.
 */
import { message } from '../../shared/i18n/text.js';
import { deviceKeyFile, fileKeyStore } from '../../electron/kiosk/sync/device-key.js';
import { enrolKiosk } from '../../electron/kiosk/sync/enrol.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../electron/kiosk/store/open.js';
import { parse, required } from './args.js';
import { done, refused, say } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk, thrownFailure } from './kiosk-env.js';

export const ENROLL_USAGE = 'zhucan enroll --hub URL --code CODE [--replace] [--insecure] [--db FILE]';

export async function enrollCommand(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, {
    db: KIOSK_OPTIONS.db,
    hub: { type: 'string' },
    code: { type: 'string' },
    replace: { type: 'boolean' },
    insecure: { type: 'boolean' },
  });
  const hubUrl = required(values.hub, 'hub');
  const code = required(values.code, 'code');
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  let store: KioskStore | undefined;
  try {
    store = openKioskStore(file, { check: true });
    const keys = fileKeyStore(deviceKeyFile(file));
    const result = await enrolKiosk({ store, keys }, { hubUrl, code, replace: values.replace === true, insecure: values.insecure === true });
    if (!result.ok) {
      const text = say(result.error.message);
      return refused({ error: result.error.kind, hubKind: result.error.hubKind ?? null, message: text, file }, [text]);
    }
    const link = result.value;
    return done(
      {
        file,
        hub: link.hubUrl,
        deviceId: link.deviceId,
        canteen: link.canteen,
        enrolledAt: link.enrolledAt,
        publicKey: link.publicKey,
        keyFile: keys.where,
      },
      [
        say(message('sync.enrol.done', { hub: link.hubUrl, canteen: link.canteen.name, district: link.canteen.districtName, deviceId: link.deviceId })),
        say(message('sync.enrol.keyAt', { where: keys.where })),
      ],
    );
  } catch (e) {
    return thrownFailure(e, file);
  } finally {
    store?.close();
  }
}
