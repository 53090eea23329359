/**
 * Enrolment (`zhucan enroll`): the kiosk makes its Ed25519 key pair, presents the district's one-time
 * code with the public key, and on the hub's yes keeps the key and the link. The private key never
 * leaves the kiosk. The key is stored only after the hub's yes, so a refused enrolment (a mistyped
 * code, the hub down) leaves an earlier key and link exactly as they were. The one bad case left — the
 * hub said yes and the disk then refused the key — is reported as such: the code is spent, so the
 * district must remove the registration and issue a new code.
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { kioskIdentity } from '../settings.js';
import type { KioskStore } from '../store/open.js';
import { generateDeviceKey } from './device-key.js';
import type { DeviceKeyStore } from './device-key.js';
import { postEnrol } from './hub-client.js';
import type { HubClientOptions } from './hub-client.js';
import { HubLinkUnreadable, readHubLink, saveHubLink } from './hub-link.js';
import type { HubLink } from './hub-link.js';
import { checkHubUrl, hubEndpoint } from './hub-url.js';

export interface EnrolInput {
  readonly hubUrl: string;
  readonly code: string;
  /** Enrol again over an existing link (a new key; the old one stops being used). */
  readonly replace?: boolean;
  /** Allow http:// to a host other than this computer. */
  readonly insecure?: boolean;
}

export type EnrolRefusalKind = 'badUrl' | 'alreadyEnrolled' | 'unreachable' | 'refused' | 'keyNotSaved';

export interface EnrolRefusal {
  readonly kind: EnrolRefusalKind;
  readonly message: Message;
  /** The hub's own refusal kind (unknown, used, expired, deviceTaken …) when it gave one. */
  readonly hubKind?: string;
}

export interface EnrolDeps {
  readonly store: KioskStore;
  readonly keys: DeviceKeyStore;
  readonly http?: HubClientOptions;
}

export async function enrolKiosk(deps: EnrolDeps, input: EnrolInput): Promise<Result<HubLink, EnrolRefusal>> {
  const base = checkHubUrl(input.hubUrl, { insecure: input.insecure });
  if (!base.ok) return err({ kind: 'badUrl', message: base.error });
  const { deviceId } = kioskIdentity(deps.store.read);
  if (input.replace !== true) {
    // A damaged link row counts as a link: --replace is the way past it, as the message says.
    let existing: HubLink | null;
    try {
      existing = readHubLink(deps.store.read);
    } catch (e) {
      if (!(e instanceof HubLinkUnreadable)) throw e;
      return err({ kind: 'alreadyEnrolled', message: message('sync.problem.linkUnreadable') });
    }
    if (existing !== null) {
      return err({ kind: 'alreadyEnrolled', message: message('sync.enrol.already', { hub: existing.hubUrl, canteen: existing.canteen.name, at: existing.enrolledAt }) });
    }
  }

  const key = generateDeviceKey();
  const url = hubEndpoint(base.value, 'enrol');
  const answer = await postEnrol(url, { code: input.code.trim(), deviceId, publicKey: key.publicKey }, deps.http);
  if (answer.kind === 'unreachable') {
    return err({ kind: 'unreachable', message: message('sync.enrol.unreachable', { hub: base.value, detail: answer.detail }) });
  }
  if (answer.kind === 'hubError') {
    return err({ kind: 'refused', hubKind: answer.hubKind, message: message('sync.enrol.refused', { hub: answer.hubMessage, kind: answer.hubKind }) });
  }
  const enrolled = answer.body;
  if (enrolled.deviceId !== deviceId) {
    return err({ kind: 'refused', hubKind: 'deviceId', message: message('sync.enrol.wrongDevice', { expected: deviceId, found: enrolled.deviceId }) });
  }
  try {
    deps.keys.save(key.privateKey);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err({ kind: 'keyNotSaved', message: message('sync.enrol.keyNotSaved', { where: deps.keys.where, detail }) });
  }
  deps.store.write((tx) =>
    saveHubLink(tx, {
      hubUrl: base.value,
      deviceId,
      publicKey: key.publicKey,
      canteen: enrolled.canteen,
      districtKey: enrolled.districtKey,
      enrolledAt: enrolled.enrolledAt,
    }),
  );
  const link = readHubLink(deps.store.read);
  if (link === null) throw new Error('enrolKiosk: the link just saved reads back as absent');
  return ok(link);
}
