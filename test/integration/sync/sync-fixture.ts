/**
 * An enrolled kiosk for the sync tests: the usual kiosk fixture (a real SQLite file), its device key
 * in the file next to it, a FakeHub that knows the key, and a quick way to fill the ledger.
 */
import { appendRecord } from '../../../electron/kiosk/ledger/ledger-store.js';
import { deviceKeyFile, fileKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import type { DeviceKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';
import { addDays } from '../../../shared/dates.js';
import { createKioskFixture, DEVICE_ID, TODAY } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { FakeHub } from './fake-hub.js';

export const HUB_URL = 'https://hub.test';

export interface SyncFixture {
  readonly fx: KioskFixture;
  readonly hub: FakeHub;
  readonly keys: DeviceKeyStore;
  /** Where the kiosk reaches the hub: HUB_URL through the hub's own fetch, or its 127.0.0.1 address. */
  readonly url: string;
}

/**
 * A kiosk enrolled with a FakeHub: called in-process as `fetch` (unit tests), or with `overHttp`
 * listening on 127.0.0.1 and reached with Node's own fetch (the caller closes the hub).
 */
export async function enrolledKiosk(options: { overHttp?: boolean } = {}): Promise<SyncFixture> {
  const fx = createKioskFixture();
  const hub = new FakeHub();
  hub.addCode('ABCD-EFGH-JKLM');
  const keys = fileKeyStore(deviceKeyFile(fx.file));
  const url = options.overHttp === true ? await hub.listen() : HUB_URL;
  const http = options.overHttp === true ? {} : { fetch: hub.fetch };
  const enrolled = await enrolKiosk({ store: fx.store, keys, http }, { hubUrl: url, code: 'ABCD-EFGH-JKLM' });
  if (!enrolled.ok) throw new Error(`fixture enrolment: ${enrolled.error.kind}`);
  return { fx, hub, keys, url };
}

/**
 * Appends `perDay` sale-shaped records on each of `days` days ending yesterday, in one transaction
 * (the uploader and the fake hub care about the chain, not what the bodies say).
 */
export function fillLedger(fx: KioskFixture, days: number, perDay: number): number {
  fx.store.write((tx) => {
    for (let d = days; d >= 1; d--) {
      const serviceDate = addDays(TODAY, -d);
      for (let i = 0; i < perDay; i++) {
        const minute = String(i % 60).padStart(2, '0');
        appendRecord(tx, {
          deviceId: DEVICE_ID,
          kind: 'sale',
          at: `${serviceDate}T04:${minute}:00.000Z`,
          serviceDate,
          periodId: 'lunch',
          elderId: null,
          operatorId: 'csh-01',
          targetSeq: null,
          body: { n: i, amount: 1200 },
        });
      }
    }
  });
  return days * perDay;
}
