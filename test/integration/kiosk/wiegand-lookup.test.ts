/**
 * A Wiegand-26 reader gives a card's low 24 bits (6 hex digits): the roster finds the one active
 * 4-byte card ending in them, and refuses — never guesses — when two do. Migration 0003's index
 * makes that a search, not a scan of every card.
 */
import { describe, expect, it } from 'vitest';
import { identify } from '../../../electron/kiosk/checkin/identify.js';
import { WIEGAND_LOOKUP_SQL, bindCard, findByCard, reportCardLost } from '../../../electron/kiosk/roster/roster-store.js';
import { rawDatabase } from '../../../electron/kiosk/store/open.js';
import { render } from '../../../shared/i18n/index.js';
import { useKioskFixtures } from '../../helpers/kiosk-fixture.js';

const fixture = useKioskFixtures();
const LATER = '2026-02-01T02:00:00.000Z';

describe('Wiegand-26 key look-up', () => {
  it('finds the one active 8-hex card whose low 24 bits are the key', () => {
    const fx = fixture();
    // young's card is A1B2C3D4: a Wiegand reader says B2C3D4.
    expect(findByCard(fx.store, 'B2C3D4')).toMatchObject({ kind: 'found', elder: { id: fx.elder('young').id }, card: { uid: 'A1B2C3D4' } });
    expect(findByCard(fx.store, 'b2c3d4')).toMatchObject({ kind: 'found', card: { uid: 'A1B2C3D4' } });
  });

  it('says not found when no card ends in the key, and lost when the only one is a lost card', () => {
    const fx = fixture();
    expect(findByCard(fx.store, '123456')).toEqual({ kind: 'notFound', uid: '123456' });
    // lostCard's E5F6A7B8 is lost: its key F6A7B8 is that lost card, refused as lost, never someone else's.
    expect(findByCard(fx.store, 'F6A7B8')).toMatchObject({ kind: 'lost', uid: 'E5F6A7B8' });
  });

  it('refuses as ambiguous when two cards share the key, with its own message', () => {
    const fx = fixture();
    const other = fx.elder('noCard').id;
    expect(bindCard(fx.store, other, 'FFB2C3D4', LATER).ok).toBe(true);
    const found = findByCard(fx.store, 'B2C3D4');
    expect(found).toMatchObject({ kind: 'ambiguous', key: 'B2C3D4', count: 2 });
    if (found.kind !== 'ambiguous') throw new Error('not ambiguous');
    expect(render(found.message, 'en')).toBe('This reader cannot tell two cards apart; swipe on the main reader or find the elder by name');
    // The whole UID on the main reader still finds each elder.
    expect(findByCard(fx.store, 'FFB2C3D4')).toMatchObject({ kind: 'found', elder: { id: other } });
    // A lost card can still be swiped (by whoever found it): the key stays ambiguous, never guessed.
    expect(reportCardLost(fx.store, 'FFB2C3D4', LATER).ok).toBe(true);
    expect(findByCard(fx.store, 'B2C3D4')).toMatchObject({ kind: 'ambiguous', count: 2 });
  });

  it('a check-in identity of an ambiguous key is unidentified, reason ambiguousCard', () => {
    const fx = fixture();
    expect(bindCard(fx.store, fx.elder('noCard').id, '00B2C3D4', LATER).ok).toBe(true);
    const r = identify(fx.store.read, { kind: 'card', uid: 'B2C3D4' });
    expect(r).toMatchObject({ ok: false, error: { reason: 'ambiguousCard', message: { key: 'reader.card.ambiguous' } } });
  });

  it('the look-up searches the Wiegand-key index', () => {
    const fx = fixture();
    const rows = rawDatabase(fx.store).prepare(`EXPLAIN QUERY PLAN ${WIEGAND_LOOKUP_SQL}`).all('B2C3D4') as { detail: string }[];
    const plan = rows.map((r) => r.detail).join(' / ');
    expect(plan).toContain('USING INDEX cards_by_wiegand_key');
    expect(plan).not.toMatch(/SCAN cards\b/);
  });
});
