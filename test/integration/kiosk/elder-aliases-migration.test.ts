/**
 * Migration 0007 on a kiosk file as the field has it: a re-key made by the previous build left its
 * link in settings ('roster_alias:<old id>'). Upgrading moves each link into elder_aliases and deletes
 * the settings row, in the migration's own transaction; afterwards the limits still count the meal
 * eaten under the old id, and the QR card printed under the old id still verifies as the district
 * elder's.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskOn } from '../../../electron/kiosk/kiosk.js';
import { printCard } from '../../../electron/kiosk/qr/card-pdf.js';
import { verifyQr } from '../../../electron/kiosk/qr/verify-qr.js';
import { localIdsOf, rosterAliases } from '../../../electron/kiosk/roster-downlink/aliases.js';
import { LATEST_VERSION } from '../../../electron/kiosk/store/migrations/index.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';
import { CASHIER, cleanupKioskFixtures, createKioskFixture, TODAY } from '../../helpers/kiosk-fixture.js';

afterEach(() => cleanupKioskFixtures());

const DISTRICT_ELDER = 'D00000000001D';

/**
 * Turns a migrated file back into what version 6 made of a re-key: the elder's rows under the
 * district id, the link in settings, no elder_aliases table.
 */
function asVersion6(file: string, from: string, to: string, extraSettings: Record<string, string>): void {
  const raw = new Database(file);
  try {
    raw.pragma('foreign_keys = OFF');
    raw.transaction(() => {
      for (const [table, column] of [['elders', 'id'], ['elder_statuses', 'elder_id'], ['cards', 'elder_id'], ['qr_card_versions', 'elder_id']] as const) {
        raw.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(to, from);
      }
      const put = raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run(`roster_alias:${from}`, to);
      for (const [key, value] of Object.entries(extraSettings)) put.run(key, value);
      raw.exec('DROP TABLE elder_aliases');
      raw.pragma('user_version = 6');
    })();
  } finally {
    raw.close();
  }
}

describe('migration 0007: elder aliases', () => {
  it('moves the settings links into elder_aliases; limits and printed cards follow them after the upgrade', () => {
    const fx = createKioskFixture();
    const old = fx.elder('old');
    const card = printCard(fx.store, old.id, fx.clock.now);
    fx.clock.set(TODAY, '12:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    fx.closeStore();
    // A settings row that holds no district id was ignored by version 6 and is left where it was.
    asVersion6(fx.file, old.id, DISTRICT_ELDER, { 'roster_alias:Ebroken': 'not a district id', roster_aliasX: DISTRICT_ELDER });

    const store = openKioskStore(fx.file);
    try {
      expect(rawDatabase(store).pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(store.read.stmt('SELECT old_id, elder_id, created_at FROM elder_aliases').all()).toEqual([{ old_id: old.id, elder_id: DISTRICT_ELDER, created_at: null }]);
      const left = store.read.stmt<{ key: string }>("SELECT key FROM settings WHERE key LIKE 'roster%' ORDER BY key").all();
      expect(left.map((r) => r.key)).toEqual(['roster_alias:Ebroken', 'roster_aliasX']);
      expect(rosterAliases(store.read)).toEqual({ aliases: [{ localElderId: old.id, elderId: DISTRICT_ELDER }] });
      expect(localIdsOf(store.read, DISTRICT_ELDER)).toEqual([old.id]);

      const kiosk = kioskOn(store, fx.clock.read);
      // The lunch eaten under the old id still counts: a second subsidised lunch is refused.
      fx.clock.set(TODAY, '12:30');
      expect(kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id })).toMatchObject({
        kind: 'refused',
        price: { refusal: { code: 'limitPeriod' } },
      });
      // The card printed before the re-key names the old id; it is the district elder's.
      expect(verifyQr(store.read, card.code.token, fx.clock.now)).toMatchObject({ ok: true, value: { elderId: DISTRICT_ELDER, kind: 'card' } });
      expect(kiosk.verify()).toMatchObject({ ok: true });
    } finally {
      store.close();
    }
  });
});
