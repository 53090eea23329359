import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  ageOn,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  epochDay,
  fromEpochDay,
  isLocalDate,
  isValidTimeZone,
  localDateSchema,
  localTimeSchema,
  localToInstant,
  monthStart,
  timeToMinutes,
  timeZoneSchema,
  toLocal,
  weekStart,
} from '../../../shared/dates.js';
import { formatProblem, parseWith } from '../../../shared/parse.js';

/** Days 1900-01-01 … 2099-12-31 as epoch days. */
const anyDay = fc.integer({ min: -25567, max: 47481 });
const anyDate = anyDay.map(fromEpochDay);

describe('isLocalDate and localDateSchema', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('1990-02-30')).toBe(false);
    expect(isLocalDate('2025-04-31')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate('2025-00-10')).toBe(false);
    expect(isLocalDate('2025-1-5')).toBe(false);
    expect(isLocalDate('2025/01/05')).toBe(false);
    expect(isLocalDate(20250105)).toBe(false);
  });

  it('tells a clerk whether the form or the day is wrong', () => {
    const bad = parseWith(localDateSchema, '2025-02-29', '日期');
    expect(!bad.ok && formatProblem(bad.error)).toContain('2025-02-29 不存在');
    const form = parseWith(localDateSchema, '2025/3/1', 'date');
    expect(!form.ok && formatProblem(form.error, 'en')).toContain('year-month-day');
    expect(parseWith(localDateSchema, '2024-02-29', 'date')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('localTimeSchema takes HH:MM on a 24-hour clock', () => {
    expect(localTimeSchema.safeParse('00:00').success).toBe(true);
    expect(localTimeSchema.safeParse('23:59').success).toBe(true);
    expect(localTimeSchema.safeParse('24:00').success).toBe(false);
    expect(localTimeSchema.safeParse('7:30').success).toBe(false);
    const r = parseWith(localTimeSchema, '11:60', 'time');
    expect(!r.ok && formatProblem(r.error, 'en')).toContain('e.g. 11:30');
  });

  it('timeZoneSchema names the unknown zone', () => {
    expect(timeZoneSchema.safeParse('Asia/Shanghai').success).toBe(true);
    const r = parseWith(timeZoneSchema, 'Asia/Beijing', 'policy');
    expect(!r.ok && formatProblem(r.error)).toContain('Asia/Beijing');
  });
});

describe('day arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-03-01', 365)).toBe('2026-03-01');
    expect(epochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });

  it('gives the ISO day of the week, Monday = 1', () => {
    expect(dayOfWeek('2025-11-24')).toBe(1); // a Monday
    expect(dayOfWeek('2025-11-30')).toBe(7);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1949-10-01')).toBe(6);
  });

  it('finds the Monday of the ISO week and the first of the month', () => {
    expect(weekStart('2025-11-30')).toBe('2025-11-24');
    expect(weekStart('2025-11-24')).toBe('2025-11-24');
    expect(weekStart('2026-01-01')).toBe('2025-12-29');
    expect(monthStart('2024-02-29')).toBe('2024-02-01');
  });

  it('compares and measures', () => {
    expect(compareLocalDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareLocalDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(compareLocalDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
  });

  it('reads times as minutes since midnight', () => {
    expect(timeToMinutes('00:00')).toBe(0);
    expect(timeToMinutes('11:30')).toBe(690);
    expect(timeToMinutes('23:59')).toBe(1439);
    expect(() => timeToMinutes('24:00')).toThrow(RangeError);
  });

  it('throws on a malformed date rather than guess', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => dayOfWeek('yesterday')).toThrow(RangeError);
  });

  it('agrees with Date.UTC on every day (properties)', () => {
    fc.assert(
      fc.property(anyDay, (n) => {
        const date = fromEpochDay(n);
        expect(isLocalDate(date)).toBe(true);
        expect(epochDay(date)).toBe(n);
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(date);
        expect(dayOfWeek(date)).toBe(((new Date(n * 86_400_000).getUTCDay() + 6) % 7) + 1);
      }),
    );
  });

  it('addDays and daysBetween are inverse; weekStart is a Monday within 6 days (properties)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(compareLocalDates(d, addDays(d, n))).toBe(Math.sign(n) === 0 ? 0 : -Math.sign(n));
        const monday = weekStart(d);
        expect(dayOfWeek(monday)).toBe(1);
        expect(daysBetween(monday, d)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(monday, d)).toBeLessThan(7);
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts whole years completed: the 80th birthday counts as 80 that day', () => {
    expect(ageOn('1946-11-24', '2026-11-24')).toBe(80);
    expect(ageOn('1946-11-24', '2026-11-23')).toBe(79);
    expect(ageOn('1946-11-24', '2026-12-31')).toBe(80);
    expect(ageOn('1946-11-24', '1946-11-24')).toBe(0);
  });

  it('completes a 29 February birthday year on 1 March in non-leap years', () => {
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(80);
    expect(ageOn('1944-02-29', '2025-03-01')).toBe(81);
    expect(ageOn('1944-02-29', '2028-02-28')).toBe(83);
    expect(ageOn('1944-02-29', '2028-02-29')).toBe(84);
  });

  it('is negative before birth, so a roster error reads as not eligible', () => {
    expect(ageOn('2000-05-05', '2000-01-01')).toBe(-1);
  });

  it('is monotone in the service date and grows by one a year (properties)', () => {
    fc.assert(
      fc.property(anyDate, anyDay, fc.integer({ min: 0, max: 400 }), (birth, day, step) => {
        const a = fromEpochDay(day);
        const b = fromEpochDay(day + step);
        expect(ageOn(birth, b)).toBeGreaterThanOrEqual(ageOn(birth, a));
      }),
    );
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 120 }), (birth, years) => {
        const [y, rest] = [Number(birth.slice(0, 4)), birth.slice(4)];
        const later = `${String(y + years).padStart(4, '0')}${rest}`;
        // On the anniversary (or 1 March for a leapling in a common year) the age is exactly `years`.
        const anniversary = isLocalDate(later) ? later : addDays(later.replace('-02-29', '-02-28'), 1);
        expect(ageOn(birth, anniversary)).toBe(years);
        expect(ageOn(birth, addDays(anniversary, -1))).toBe(years - 1);
      }),
    );
  });
});

describe('time zones', () => {
  it('knows valid zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Urumqi')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Beijing')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('reads an instant on the Shanghai wall clock', () => {
    const instant = Date.UTC(2025, 10, 24, 3, 30, 15);
    expect(toLocal(instant, 'Asia/Shanghai')).toEqual({ date: '2025-11-24', time: '11:30:15', minutes: 690 });
    // 16:00 UTC on 31 December is already midnight of 1 January in Shanghai.
    expect(toLocal(Date.UTC(2025, 11, 31, 16, 0, 0), 'Asia/Shanghai')).toEqual({ date: '2026-01-01', time: '00:00:00', minutes: 0 });
  });

  it('turns a Shanghai wall time into the instant', () => {
    expect(localToInstant('2025-11-24', '11:30', 'Asia/Shanghai')).toBe(Date.UTC(2025, 10, 24, 3, 30, 0));
    expect(localToInstant('2026-01-01', '00:00:00', 'Asia/Shanghai')).toBe(Date.UTC(2025, 11, 31, 16, 0, 0));
    expect(() => localToInstant('2025-11-24', '25:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => localToInstant('2025-11-24', '11:30', 'Mars/Base')).toThrow(RangeError);
  });

  it('knows that China kept summer time 1986–1991 (a skipped hour lands an hour later)', () => {
    const instant = localToInstant('1988-04-17', '02:30', 'Asia/Shanghai');
    expect(instant).toBe(Date.UTC(1988, 3, 16, 18, 30, 0));
    expect(toLocal(instant, 'Asia/Shanghai').time).toBe('03:30:00');
  });

  // Asia/Shanghai has been a fixed UTC+8 since 1992 (before: summer time 1986–1991, local mean time
  // before 1901), so the exact round trip is a property of dates from 1992 on.
  it('round-trips toLocal∘localToInstant for Asia/Shanghai (property)', () => {
    const sinceFixedOffset = fc.integer({ min: 8035 /* 1992-01-01 */, max: 47481 }).map(fromEpochDay);
    fc.assert(
      fc.property(sinceFixedOffset, fc.integer({ min: 0, max: 86_399 }), (date, s) => {
        const time = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
        const instant = localToInstant(date, time, 'Asia/Shanghai');
        expect(toLocal(instant, 'Asia/Shanghai')).toMatchObject({ date, time });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 694_224_000 /* 1992 */, max: 4_102_444_800 }), (seconds) => {
        const instant = seconds * 1000;
        const local = toLocal(instant, 'Asia/Shanghai');
        expect(localToInstant(local.date, local.time, 'Asia/Shanghai')).toBe(instant);
      }),
    );
  });

  it('handles a DST zone: ordinary times, the skipped hour and the repeated hour (America/New_York)', () => {
    const ny = 'America/New_York';
    expect(localToInstant('2025-07-01', '12:00', ny)).toBe(Date.UTC(2025, 6, 1, 16, 0, 0)); // EDT, UTC-4
    expect(localToInstant('2025-12-01', '12:00', ny)).toBe(Date.UTC(2025, 11, 1, 17, 0, 0)); // EST, UTC-5
    // 2025-03-09 02:30 never happens; it is read with the offset before the change and lands at 03:30 EDT.
    const skipped = localToInstant('2025-03-09', '02:30', ny);
    expect(skipped).toBe(Date.UTC(2025, 2, 9, 7, 30, 0));
    expect(toLocal(skipped, ny).time).toBe('03:30:00');
    // 2025-11-02 01:30 happens twice; the earlier (EDT) instant is taken.
    expect(localToInstant('2025-11-02', '01:30', ny)).toBe(Date.UTC(2025, 10, 2, 5, 30, 0));
    expect(toLocal(Date.UTC(2025, 10, 2, 6, 30, 0), ny)).toEqual({ date: '2025-11-02', time: '01:30:00', minutes: 90 });
  });

  it('round-trips every instant of a DST zone outside the repeated hour (property)', () => {
    const zone = 'Europe/Berlin';
    fc.assert(
      fc.property(fc.integer({ min: 946_684_800, max: 2_524_608_000 }), (seconds) => {
        const instant = seconds * 1000;
        const local = toLocal(instant, zone);
        const back = localToInstant(local.date, local.time, zone);
        // In the repeated hour the earlier of the two instants comes back, one hour earlier.
        expect([instant, instant - 3_600_000]).toContain(back);
        expect(toLocal(back, zone)).toEqual(local);
      }),
    );
  });
});
