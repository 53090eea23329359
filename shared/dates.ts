import { z } from 'zod';

/**
 * Calendar dates and wall-clock times, without reading any clock.
 *
 * A LocalDate is 'YYYY-MM-DD': a calendar date in the policy's time zone (a meal's service date).
 * A LocalTime is 'HH:MM' on a 24-hour clock. Both are plain strings so they serialise unchanged;
 * the functions below throw RangeError on a malformed one, because values reaching them should
 * already have passed `localDateSchema` / `localTimeSchema` at a boundary.
 *
 * Arithmetic is on integer day numbers (days since 1970-01-01, proleptic Gregorian) rather than
 * Date, so no local time zone or DST of the machine can shift a date.
 */
export type LocalDate = string;
export type LocalTime = string;
/** ISO day of the week: Monday = 1 … Sunday = 7. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const TIME_WITH_SECONDS_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year-month-day names a day on the calendar (no 30 February, no month 13). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 0 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

// A string argument gets a plain boolean: LocalDate is an alias of string, so a type guard would
// narrow the false branch to `never`.
export function isLocalDate(value: string): boolean;
export function isLocalDate(value: unknown): value is LocalDate;
export function isLocalDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isLocalTime(value: string): boolean;
export function isLocalTime(value: unknown): value is LocalTime;
export function isLocalTime(value: unknown): boolean {
  return typeof value === 'string' && TIME_RE.test(value);
}

/** A LocalDate at a boundary; a clerk reads whether the form or the day itself is wrong. */
export const localDateSchema = z.string().superRefine((s, ctx) => {
  if (!DATE_RE.test(s)) ctx.addIssue({ code: 'custom', message: 'date.format', input: s });
  else if (!isLocalDate(s)) ctx.addIssue({ code: 'custom', message: 'date.notExist', params: { input: s }, input: s });
});

export const localTimeSchema = z.string().refine(isLocalTime, { error: 'date.time' });

/** An IANA zone name that this runtime's Intl knows, e.g. 'Asia/Shanghai'. */
export const timeZoneSchema = z.string().superRefine((s, ctx) => {
  if (!isValidTimeZone(s)) ctx.addIssue({ code: 'custom', message: 'date.timeZone', params: { input: s }, input: s });
});

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

function partsOf(date: LocalDate): Ymd {
  const m = DATE_RE.exec(date);
  const ymd = m === null ? undefined : { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd === undefined || !isCalendarDate(ymd.y, ymd.m, ymd.d)) {
    throw new RangeError(`Not a LocalDate (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return ymd;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ y, m, d }: Ymd): LocalDate {
  if (y < 0 || y > 9999) throw new RangeError(`Year ${y} is outside 0000–9999`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic, years start in March
// so that the leap day is the last day of the computational year.
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): Ymd {
  const z0 = days + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Days since 1970-01-01 (negative before it); handy as a key for per-day and per-week counting. */
export function epochDay(date: LocalDate): number {
  const { y, m, d } = partsOf(date);
  return daysFromCivil(y, m, d);
}

export function fromEpochDay(days: number): LocalDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Not a whole day number: ${days}`);
  return format(civilFromDays(days));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromEpochDay(epochDay(date) + n);
}

export function dayOfWeek(date: LocalDate): DayOfWeek {
  // Day 0, 1970-01-01, was a Thursday (4).
  return ((((((epochDay(date) + 3) % 7) + 7) % 7) + 1) as DayOfWeek);
}

/** The Monday that starts the ISO week holding `date`. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - dayOfWeek(date));
}

export function monthStart(date: LocalDate): LocalDate {
  const { y, m } = partsOf(date);
  return format({ y, m, d: 1 });
}

/** -1, 0 or 1, for sorting. Valid LocalDates compare correctly as strings; this also validates them. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return Math.sign(epochDay(a) - epochDay(b)) as -1 | 0 | 1;
}

/** Days from a to b: positive when b is later; daysBetween(d, addDays(d, n)) === n. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDay(b) - epochDay(a);
}

/** Minutes since midnight of an 'HH:MM' time: '11:30' → 690. */
export function timeToMinutes(time: LocalTime): number {
  const m = TIME_RE.exec(time);
  if (m === null) throw new RangeError(`Not a LocalTime (HH:MM): ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Whole years completed on the service date (周岁): born 1946-11-24 is 80 on 2026-11-24 and 79 the
 * day before. Someone born on 29 February completes a year on 1 March in a non-leap year (the day
 * after 28 February, the last day they have not yet reached their birthday) and on 29 February in a
 * leap year. A service date before the birth date gives a negative age rather than an exception,
 * so a roster error shows up as "not eligible" instead of stopping the till.
 */
export function ageOn(birthDate: LocalDate, serviceDate: LocalDate): number {
  const born = partsOf(birthDate);
  const on = partsOf(serviceDate);
  const leapling = born.m === 2 && born.d === 29;
  const [bm, bd] = leapling && !isLeapYear(on.y) ? [3, 1] : [born.m, born.d];
  const beforeBirthday = on.m < bm || (on.m === bm && on.d < bd);
  return on.y - born.y - (beforeBirthday ? 1 : 0);
}

// ---- Time zones (Intl is ECMAScript: available in shared/ without Node or DOM) ----

/** Wall-clock reading of an instant in a zone. */
export interface LocalDateTime {
  readonly date: LocalDate;
  /** 'HH:MM:SS' */
  readonly time: string;
  /** Whole minutes since local midnight (0–1439), for comparing with meal-period bounds. */
  readonly minutes: number;
}

// One formatter per zone: constructing Intl.DateTimeFormat is far costlier than using one. A cache
// of pure objects keyed by zone name, never swapped or reset.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // Throws RangeError for a zone this runtime does not know; then nothing is cached.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends Ymd {
  readonly hh: number;
  readonly mm: number;
  readonly ss: number;
}

function wallClock(instantMs: number, timeZone: string): WallClock {
  if (!Number.isFinite(instantMs)) throw new RangeError(`Not an instant: ${instantMs}`);
  const n = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type in n) n[part.type as keyof typeof n] = Number(part.value);
  }
  return { y: n.year, m: n.month, d: n.day, hh: n.hour, mm: n.minute, ss: n.second };
}

function wallAsUtcMs(w: WallClock): number {
  return daysFromCivil(w.y, w.m, w.d) * MS_PER_DAY + ((w.hh * 60 + w.mm) * 60 + w.ss) * 1000;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallAsUtcMs(wallClock(wholeSecond, timeZone)) - wholeSecond;
}

/** The calendar date and wall-clock time of an instant (epoch ms) in an IANA time zone. */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const w = wallClock(instantMs, timeZone);
  return {
    date: format(w),
    time: `${pad(w.hh, 2)}:${pad(w.mm, 2)}:${pad(w.ss, 2)}`,
    minutes: w.hh * 60 + w.mm,
  };
}

/**
 * The instant (epoch ms) at which the wall clock in `timeZone` reads `date` `time` ('HH:MM' or
 * 'HH:MM:SS'). Exact for fixed-offset zones such as Asia/Shanghai. Around a DST change it follows
 * the rule of Temporal's 'compatible' disambiguation: a time that occurs twice (clocks go back) is
 * the earlier instant; a time that never occurs (clocks go forward) is read with the offset in force
 * before the change, so it lands that much later (02:30 becomes 03:30).
 */
export function localToInstant(date: LocalDate, time: string, timeZone: string): number {
  const { y, m, d } = partsOf(date);
  const t = TIME_WITH_SECONDS_RE.exec(time);
  if (t === null) throw new RangeError(`Not a time (HH:MM or HH:MM:SS): ${JSON.stringify(time)}`);
  const wall = wallAsUtcMs({ y, m, d, hh: Number(t[1]), mm: Number(t[2]), ss: Number(t[3] ?? 0) });
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const valid = [before, after].map((o) => wall - o).filter((instant) => wall - offsetAt(instant, timeZone) === instant);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}
