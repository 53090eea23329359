/**
 * A district set up for the system tests the way a district moving to Zhucan is: made by the hub's
 * console with its admin (makeHubDistrict), and the policy versions it already had loaded by the
 * console too — they took effect in the past, which only the console may publish (an admin must
 * publish the next version, effective in the future). Kiosks made here (TestKiosk) price with those
 * versions and are enrolled through a real one-time code.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { HubDb } from '../../../server/db/index.js';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../../server/enrolment/index.js';
import type { Canteen } from '../../../server/enrolment/index.js';
import { publishPolicy } from '../../../server/policies/index.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { makeHubDistrict, TestKiosk } from '../../helpers/hub-upload.js';
import type { HubDistrict } from '../../helpers/hub-upload.js';

export interface SystemDistrict {
  readonly district: HubDistrict;
  readonly policies: readonly Policy[];
  /** A TestKiosk of `canteen` enrolled with a fresh key through a one-time code, at `now`. */
  kiosk(canteen: Canteen, deviceId: string, now: string): Promise<TestKiosk>;
}

export async function systemDistrict(db: HubDb, input: { readonly name: string; readonly regionCode: string; readonly policies: readonly Policy[]; readonly now: string }): Promise<SystemDistrict> {
  const district = await makeHubDistrict(db, { name: input.name, regionCode: input.regionCode });
  for (const policy of input.policies) {
    const published = await publishPolicy(db, { actor: 'console', districtId: district.districtId, policy, now: input.now });
    if (!published.ok) throw new Error(`policy ${policy.id} v${policy.version}: ${JSON.stringify(published.error)}`);
  }
  return {
    district,
    policies: input.policies,
    async kiosk(canteen, deviceId, now) {
      const code = await createEnrolmentCode(db, { actor: district.admin, canteenId: canteen.id, now });
      if (!code.ok) throw new Error(`code: ${JSON.stringify(code.error)}`);
      const keys = generateKeyPairSync('ed25519');
      const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      const device = await redeemEnrolmentCode(db, { code: code.value.code, devicePublicKey: publicKey, deviceId, now });
      if (!device.ok) throw new Error(`enrol: ${JSON.stringify(device.error)}`);
      return new TestKiosk(deviceId, canteen, input.policies, keys.privateKey);
    },
  };
}
