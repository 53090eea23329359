/** `zhucan sync` shows instants in the canteen's time: the kiosk's zone and the stamp it prints. */
import { afterEach, describe, expect, it } from 'vitest';
import { kioskTimeZone, localStamp } from '../../../electron/kiosk/sync/local-time.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import { cleanupKioskFixtures, createKioskFixture, tempDir } from '../../helpers/kiosk-fixture.js';

afterEach(() => cleanupKioskFixtures());

describe('local time for zhucan sync', () => {
  it('reads the zone of the kiosk’s policy, and none on a kiosk not set up', () => {
    const fx = createKioskFixture();
    expect(kioskTimeZone(fx.store.read)).toBe('Asia/Shanghai');
    const bare = openKioskStore(`${tempDir()}/bare.db`);
    expect(kioskTimeZone(bare.read)).toBeNull();
    bare.close();
  });

  it('prints YYYY-MM-DD HH:mm:ss in the zone, across midnight; the ISO instant itself without a zone', () => {
    expect(localStamp('2026-11-24T04:12:33.120Z', 'Asia/Shanghai')).toBe('2026-11-24 12:12:33');
    expect(localStamp('2026-11-24T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-25 01:30:00');
    expect(localStamp('2026-11-24T04:12:33.120Z', null)).toBe('2026-11-24T04:12:33.120Z');
    expect(localStamp('not a time', 'Asia/Shanghai')).toBe('not a time');
  });
});
