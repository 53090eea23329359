import { describe, expect, it } from 'vitest';
import { ageOn } from '../../../shared/dates.js';
import { parseResidentId } from '../../../shared/idcard.js';
import { regionCodeSchema } from '../../../shared/region.js';
import { normaliseCardUid } from '../../../shared/roster/card-uid.js';
import { DEMO_DISTRICT, DEMO_STATUSES, buildDemoRoster, mulberry32 } from '../../../electron/kiosk/demo/demo-roster.js';

const roster = buildDemoRoster(1);
const { elders } = roster;

describe('the demo roster', () => {
  it('has 300 elders by default, or as many as asked', () => {
    expect(elders).toHaveLength(300);
    expect(buildDemoRoster(1, 25).elders).toHaveLength(25);
    expect(buildDemoRoster(1, 0).elders).toEqual([]);
  });

  it('is the same for the same seed, and different for another', () => {
    expect(buildDemoRoster(1)).toEqual(roster);
    expect(buildDemoRoster(2).elders.map((e) => e.idNumber)).not.toEqual(elders.map((e) => e.idNumber));
    // A smaller roster from the same seed is the start of the larger one.
    expect(buildDemoRoster(1, 10).elders).toEqual(elders.slice(0, 10));
  });

  it('gives every elder a valid, unique ID number of the demo district, agreeing with birth date and sex', () => {
    const ids = new Set<string>();
    for (const e of elders) {
      const parsed = parseResidentId(e.idNumber);
      expect(parsed.ok, e.idNumber).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.number).toBe(e.idNumber);
      expect(parsed.value.regionCode).toBe(DEMO_DISTRICT);
      expect(parsed.value.birthDate).toBe(e.birthDate);
      // The 17th digit: odd for a man, even for a woman.
      expect(Number(e.idNumber[16]) % 2 === 1 ? 'M' : 'F').toBe(e.sex);
      expect(parsed.value.sex).toBe(e.sex);
      ids.add(e.idNumber);
    }
    expect(ids.size).toBe(elders.length);
  });

  it('holds valid IDs for many seeds and a large roster too', () => {
    for (const seed of [0, 3, 99, 2 ** 31, 0xffffffff]) {
      for (const e of buildDemoRoster(seed, 50).elders) expect(parseResidentId(e.idNumber).ok).toBe(true);
    }
    const big = buildDemoRoster(5, 5000).elders;
    expect(new Set(big.map((e) => e.idNumber)).size).toBe(5000);
    expect(new Set(big.flatMap((e) => e.cards.map((c) => c.uid))).size).toBe(big.flatMap((e) => e.cards).length);
  });

  it('is born 1920–1966, mostly 65–85 years old', () => {
    const years = elders.map((e) => Number(e.birthDate.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1920);
    expect(Math.max(...years)).toBeLessThanOrEqual(1966);
    const core = elders.filter((e) => {
      const age = ageOn(e.birthDate, '2025-12-31');
      return age >= 65 && age <= 85;
    });
    expect(core.length / elders.length).toBeGreaterThan(0.6);
  });

  it('has plausible Chinese names and more women than men', () => {
    for (const e of elders) expect(e.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    const women = elders.filter((e) => e.sex === 'F').length;
    expect(women).toBeGreaterThan(elders.length / 2);
    expect(women).toBeLessThan(elders.length * 0.7);
    expect(new Set(elders.map((e) => e.name)).size).toBeGreaterThan(elders.length * 0.7);
  });

  it('has card UIDs of 8 hex digits, unique, already canonical; a few with two cards, a few with a lost one', () => {
    const cards = elders.flatMap((e) => e.cards);
    for (const c of cards) {
      expect(c.uid).toMatch(/^[0-9A-F]{8}$/);
      expect(normaliseCardUid(c.uid)).toEqual({ ok: true, value: c.uid });
    }
    expect(new Set(cards.map((c) => c.uid)).size).toBe(cards.length);
    for (const e of elders) expect(e.cards.filter((c) => c.state === 'active').length).toBeGreaterThanOrEqual(1);
    const withLost = elders.filter((e) => e.cards.some((c) => c.state === 'lost'));
    const twoActive = elders.filter((e) => e.cards.filter((c) => c.state === 'active').length === 2);
    expect(withLost.length).toBeGreaterThan(0);
    expect(withLost.length).toBeLessThan(elders.length * 0.1);
    expect(twoActive.length).toBeGreaterThan(0);
    expect(twoActive.length).toBeLessThan(elders.length * 0.1);
    // A lost card is listed before the card that replaced it.
    for (const e of withLost) expect(e.cards.map((c) => c.state)).toEqual(['lost', 'active']);
  });

  it('has 户籍 mostly in the district and its towns, some elsewhere in Guangzhou, a few outside; 常住 in its towns', () => {
    const allowed = /^(440106(00[1-9]|010)?|440104|440105|441900)$/;
    for (const e of elders) {
      expect(e.hukouRegion).toMatch(allowed);
      expect(regionCodeSchema.safeParse(e.hukouRegion).success).toBe(true);
      expect(e.residenceRegion).toMatch(/^440106(00[1-9]|010)$/);
    }
    const local = elders.filter((e) => e.hukouRegion.startsWith(DEMO_DISTRICT)).length;
    expect(local / elders.length).toBeGreaterThan(0.75);
    expect(elders.some((e) => e.hukouRegion === '440104' || e.hukouRegion === '440105')).toBe(true);
    expect(elders.some((e) => e.hukouRegion === '441900')).toBe(true);
  });

  it('has statuses of the demo vocabulary, with realistic rarity; 特困, 低保 and 低收入 exclude one another', () => {
    const codes: ReadonlySet<string> = new Set(DEMO_STATUSES.map((s) => s.code));
    const count = (code: string): number => elders.filter((e) => e.statuses.some((s) => s.code === code)).length;
    for (const e of elders) {
      for (const s of e.statuses) {
        expect(codes.has(s.code)).toBe(true);
        expect(s.validFrom).toMatch(/^20(1[2-9]|2[0-4])-\d{2}-\d{2}$/);
        if (s.validTo !== null) expect(s.validTo > (s.validFrom ?? '')).toBe(true);
      }
      const hardship = e.statuses.filter((s) => ['tekun', 'dibao', 'dishouru'].includes(s.code));
      expect(hardship.length).toBeLessThanOrEqual(1);
      // 独居 as a status only for someone who lives alone.
      if (e.statuses.some((s) => s.code === 'dujv')) expect(e.livesAlone).toBe(true);
    }
    const big = buildDemoRoster(11, 3000).elders;
    const share = (code: string): number => big.filter((e) => e.statuses.some((s) => s.code === code)).length / big.length;
    expect(share('tekun')).toBeGreaterThan(0.005);
    expect(share('tekun')).toBeLessThan(0.05);
    expect(share('dibao')).toBeLessThan(0.08);
    expect(share('dujv')).toBeGreaterThan(share('tekun'));
    expect(big.filter((e) => e.statuses.length === 0).length / big.length).toBeGreaterThan(0.7);
    expect(count('dibao') + count('tekun') + count('dishouru')).toBeGreaterThan(0);
  });

  it('has a few in a care home, a few suspended, diet alerts on some', () => {
    const careHome = elders.filter((e) => e.careHome).length;
    const suspended = elders.filter((e) => !e.active).length;
    expect(careHome).toBeGreaterThan(0);
    expect(careHome).toBeLessThan(elders.length * 0.1);
    expect(suspended).toBeGreaterThan(0);
    expect(suspended).toBeLessThan(elders.length * 0.1);
    const diets = new Set(elders.map((e) => e.dietAlert));
    expect(diets).toEqual(new Set([null, '糖尿病，少糖', '清真', '软食']));
  });

  it('comes with a manager and a cashier whose PINs are 4–8 digits', () => {
    expect(roster.operators.map((o) => o.role).sort()).toEqual(['cashier', 'manager']);
    for (const o of roster.operators) expect(o.pin).toMatch(/^\d{4,8}$/);
  });
});

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
