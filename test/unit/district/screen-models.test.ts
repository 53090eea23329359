/**
 * The district screens' pure parts: routes in the hash, the district's calendar, the daily-counts
 * table model (order, amended days on every row, totals, pages), the overview's per-canteen flags,
 * the settlement sheet's budget columns, a kiosk's clock skew, and the names of periods, age bands
 * and budgets.
 */
import { describe, expect, it } from 'vitest';
import { districtToday, localDateTime, monthRange, previousMonth } from '../../../renderer/district/app/district-calendar.js';
import { parseRoute, routeHash } from '../../../renderer/district/app/routes.js';
import { ageBandName, periodName, sourceName } from '../../../renderer/district/parts/labels.js';
import { canteenFlags } from '../../../renderer/district/screens/overview/overview-figures.js';
import { amendedDays, countRows, pageOf, totalsOf } from '../../../renderer/district/screens/counts/counts-model.js';
import { amountFor, monthEnded, sourcesOf } from '../../../renderer/district/screens/settlement/settlement-model.js';
import { skewParts } from '../../../renderer/district/screens/canteens/skew.js';
import { t } from '../../../shared/i18n/catalogs.js';
import type { OverviewCanteen } from '../../../shared/hub-api/overview-views.js';
import type { DailyCountRow, DailyCountsView, SettlementFigures } from '../../../shared/hub-api/counting-views.js';

const zh = (key: string, params?: Readonly<Record<string, string | number>>): string => t(key, params, 'zh-CN');

function row(over: Partial<DailyCountRow>): DailyCountRow {
  return {
    canteenId: 1,
    canteenName: '东山',
    serviceDate: '2026-11-23',
    periodId: 'lunch',
    ageBand: '60-69',
    claimable: true,
    meals: 1,
    standard: 1300,
    personal: 400,
    claimedSubsidy: 900,
    subsidy: 900,
    operatorSubsidy: 0,
    ...over,
  };
}

describe('routes', () => {
  it('reads the hash and writes it back', () => {
    expect(parseRoute('#/anomalies/12')).toEqual({ screen: 'anomalies', id: 12 });
    expect(parseRoute('#/canteens')).toEqual({ screen: 'canteens', id: null });
    expect(parseRoute('#/counts')).toEqual({ screen: 'counts' });
    expect(routeHash({ screen: 'canteens', id: 3 })).toBe('#/canteens/3');
    expect(routeHash(parseRoute('#/settlement'))).toBe('#/settlement');
  });

  it('sends anything unknown or malformed to the overview or the list', () => {
    expect(parseRoute('')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/../../etc')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/anomalies/-1')).toEqual({ screen: 'anomalies', id: null });
    expect(parseRoute('#/canteens/1e3')).toEqual({ screen: 'canteens', id: null });
    expect(parseRoute('#/canteens/99999999999999999')).toEqual({ screen: 'canteens', id: null });
  });
});

describe('the district calendar (Beijing time whatever the computer’s zone)', () => {
  it('turns over at midnight in Guangzhou, not at midnight UTC', () => {
    expect(districtToday(Date.parse('2026-11-23T15:59:59.000Z'))).toBe('2026-11-23');
    expect(districtToday(Date.parse('2026-11-23T16:00:00.000Z'))).toBe('2026-11-24');
    expect(localDateTime('2026-11-24T04:05:00.000Z')).toBe('2026-11-24 12:05');
  });

  it('knows the previous month and a month’s days', () => {
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-03-31')).toBe('2026-02');
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('daily counts model', () => {
  const view: DailyCountsView = {
    districtId: 1,
    from: '2026-11-23',
    to: '2026-11-24',
    canteenId: null,
    rows: [
      row({ serviceDate: '2026-11-24', canteenId: 2, canteenName: '北京街', meals: 2 }),
      row({ ageBand: 'none', claimable: false, meals: 3, personal: 1500, claimedSubsidy: 0, subsidy: 0 }),
      row({ periodId: 'dinner' }),
      row({ claimable: false, subsidy: 0, claimedSubsidy: 0 }),
      row({ ageBand: '80-89', meals: 4 }),
    ],
    days: [
      { canteenId: 1, serviceDate: '2026-11-23', closed: true, closeMismatches: 0, amended: true, amendments: [{ deviceId: 'k2', seq: 1, kind: 'meal', receivedAt: '2026-11-24T01:00:00.000Z' }] },
      { canteenId: 2, serviceDate: '2026-11-24', closed: false, closeMismatches: 0, amended: false, amendments: [] },
    ],
    series: [],
  };

  it('orders by date, canteen, period (breakfast to dinner), age band (young to old, sales last), claimable first', () => {
    const rows = countRows(view);
    expect(rows.map((r) => [r.serviceDate, r.canteenId, r.periodId, r.ageBand, r.claimable])).toEqual([
      ['2026-11-23', 1, 'lunch', '60-69', false],
      ['2026-11-23', 1, 'lunch', '80-89', true],
      ['2026-11-23', 1, 'lunch', 'none', false],
      ['2026-11-23', 1, 'dinner', '60-69', true],
      ['2026-11-24', 2, 'lunch', '60-69', true],
    ]);
  });

  it('marks every row of an amended day, and lists the amended days with their canteen', () => {
    const rows = countRows(view);
    expect(rows.filter((r) => r.day?.amended === true)).toHaveLength(4);
    expect(rows.find((r) => r.canteenId === 2)?.day?.amended).toBe(false);
    expect(amendedDays(view)).toEqual([expect.objectContaining({ canteenId: 1, canteenName: '东山', serviceDate: '2026-11-23' })]);
  });

  it('adds the totals in whole fen and pages long tables', () => {
    expect(totalsOf(view.rows)).toEqual({ meals: 11, standard: 6500, personal: 3100, claimedSubsidy: 2700, subsidy: 2700, operatorSubsidy: 0 });
    const p = pageOf([1, 2, 3, 4, 5], 9, 2);
    expect(p).toEqual({ rows: [5], page: 2, pages: 3 });
    expect(pageOf([], 0, 100)).toEqual({ rows: [], page: 0, pages: 1 });
  });
});

describe('overview figures', () => {
  const now = Date.parse('2026-11-24T06:30:00.000Z');
  type Seen = Pick<OverviewCanteen, 'activeDevices' | 'lastUploadAt' | 'worstClockSkewMs'>;
  const flags = (over: Partial<Seen>) => canteenFlags({ activeDevices: 1, lastUploadAt: '2026-11-24T05:00:00.000Z', worstClockSkewMs: 1000, ...over }, now);

  it('flags a canteen with no kiosk, one never heard from, one silent for a day, and a kiosk clock off by more than 5 minutes', () => {
    expect(flags({})).toEqual([]);
    expect(flags({ activeDevices: 0, lastUploadAt: null, worstClockSkewMs: null })).toEqual(['notEnrolled']);
    expect(flags({ lastUploadAt: null, worstClockSkewMs: null })).toEqual(['neverUploaded']);
    expect(flags({ lastUploadAt: '2026-11-23T06:29:59.000Z' })).toEqual(['stale']);
    expect(flags({ lastUploadAt: '2026-11-23T06:30:01.000Z' })).toEqual([]);
    expect(flags({ worstClockSkewMs: -300_001 })).toEqual(['clockSkew']);
    expect(flags({ worstClockSkewMs: 300_000 })).toEqual([]);
    expect(flags({ lastUploadAt: '2026-11-20T00:00:00.000Z', worstClockSkewMs: 400_000 })).toEqual(['stale', 'clockSkew']);
  });
});

describe('settlement sheet', () => {
  const figures = {
    bySource: [
      { source: 'city', amount: 600 },
      { source: 'district', amount: 600 },
    ],
    canteens: [{ bySource: [{ source: 'town', amount: 100 }, { source: 'city', amount: 600 }] }],
  } as unknown as SettlementFigures;

  it('has one column per budget, the district’s order first, and 0 where a canteen has none of it', () => {
    expect(sourcesOf(figures)).toEqual(['city', 'district', 'town']);
    expect(amountFor({ bySource: [{ source: 'town', amount: 100 }] }, 'city')).toBe(0);
    expect(amountFor({ bySource: [{ source: 'town', amount: 100 }] }, 'town')).toBe(100);
  });

  it('allows approval only once the month has ended', () => {
    expect(monthEnded('2026-10', '2026-11-01')).toBe(true);
    expect(monthEnded('2026-11', '2026-11-30')).toBe(false);
    expect(monthEnded('2026-12', '2027-01-01')).toBe(true);
  });
});

describe('words for ids', () => {
  it('names a kiosk’s clock skew and the 5-minute rule', () => {
    expect(skewParts(-361_400)).toEqual({ ahead: false, minutes: 6, seconds: 1, tooFar: true });
    expect(skewParts(90_000)).toEqual({ ahead: true, minutes: 1, seconds: 30, tooFar: false });
  });

  it('names common periods, age bands and budgets, and shows an unknown id as it is', () => {
    expect(periodName(zh, 'lunch')).toBe('午餐');
    expect(periodName(zh, 'teatime')).toBe('teatime');
    expect(ageBandName(zh, '80-89')).toBe('80–89岁');
    expect(ageBandName(zh, 'none')).toBe('全价（不限人群）');
    expect(ageBandName(zh, 'odd')).toBe('odd');
    expect(sourceName(zh, 'city')).toBe('市级财政');
    expect(sourceName(zh, 'lottery-fund')).toBe('lottery-fund');
  });
});
