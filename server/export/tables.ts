/**
 * The hub's views as exportable tables: what the screen shows, column for column, so the Excel
 * file a district officer sends on is the figure they saw.
 */
import { t } from '../../shared/i18n/index.js';
import type { CanteenView } from '../../shared/hub-api/canteen-views.js';
import type { Anomaly, AverageEldersView, DailyCountsView, SettlementView } from '../../shared/hub-api/counting-views.js';
import type { PolicyListing } from '../policies/index.js';
import { column, columnOf, pickRows, titled, titledBy } from './table.js';
import type { Column, Row, Table } from './table.js';

export function dailyCountsTable(view: DailyCountsView): Table {
  const columns: Column[] = [
    column('serviceDate', 'date', 'date'),
    column('canteenId', 'canteenId', 'int'),
    column('canteenName', 'canteen', 'text'),
    column('periodId', 'period', 'text'),
    column('ageBand', 'ageBand', 'text'),
    column('claimable', 'claimable', 'bool'),
    column('meals', 'meals', 'int'),
    column('standard', 'standard', 'fen'),
    column('personal', 'personal', 'fen'),
    column('claimedSubsidy', 'claimedSubsidy', 'fen'),
    column('subsidy', 'subsidy', 'fen'),
    column('operatorSubsidy', 'operatorSubsidy', 'fen'),
    column('closed', 'closed', 'bool'),
    column('amended', 'amended', 'bool'),
  ];
  const days = new Map(view.days.map((d) => [`${d.canteenId}|${d.serviceDate}`, d]));
  const rows: Row[] = view.rows.map((r) => {
    const day = days.get(`${r.canteenId}|${r.serviceDate}`);
    return {
      serviceDate: r.serviceDate,
      canteenId: r.canteenId,
      canteenName: r.canteenName,
      periodId: r.periodId,
      ageBand: r.ageBand,
      claimable: r.claimable,
      meals: r.meals,
      standard: r.standard,
      personal: r.personal,
      claimedSubsidy: r.claimedSubsidy,
      subsidy: r.subsidy,
      operatorSubsidy: r.operatorSubsidy,
      closed: day?.closed ?? false,
      amended: day?.amended ?? false,
    };
  });
  return titled('daily-counts', 'dailyCounts', columns, rows);
}

/** One row per canteen, one column per funding source, and a total row. */
export function settlementTable(view: SettlementView): Table {
  const sources = view.bySource.map((s) => s.source);
  const sourceKey = (source: string): string => `source:${source}`;
  const columns: Column[] = [
    column('canteenId', 'canteenId', 'int'),
    column('canteenName', 'canteen', 'text'),
    column('meals', 'meals', 'int'),
    column('claimableMeals', 'claimableMeals', 'int'),
    column('claimedSubsidy', 'claimedSubsidy', 'fen'),
    column('subsidy', 'subsidy', 'fen'),
    ...sources.map((s): Column => ({ key: sourceKey(s), zh: `${s}（元）`, en: `${s} (yuan)`, type: 'fen' })),
    column('operatorSubsidy', 'operatorSubsidy', 'fen'),
    column('difference', 'difference', 'fen'),
    column('payable', 'payable', 'fen'),
  ];
  const bySource = (list: readonly { source: string; amount: number }[]): Record<string, number> =>
    Object.fromEntries(sources.map((s) => [sourceKey(s), list.find((x) => x.source === s)?.amount ?? 0]));
  const rows: Row[] = view.canteens.map((c) => ({
    canteenId: c.canteenId,
    canteenName: c.canteenName,
    meals: c.meals,
    claimableMeals: c.claimableMeals,
    claimedSubsidy: c.claimedSubsidy,
    subsidy: c.subsidy,
    ...bySource(c.bySource),
    operatorSubsidy: c.operatorSubsidy,
    difference: c.difference,
    payable: c.payable,
  }));
  const total: Row = {
    canteenId: null,
    canteenName: `${t('hub.export.total', undefined, 'zh-CN')} ${t('hub.export.total', undefined, 'en')}`,
    ...view.total,
    ...bySource(view.bySource),
  };
  // The file says whether its figures are approved: a draft forwarded as "the settlement" must read
  // as a draft, and figures changed since approval as such (the screen shows the approved snapshot).
  const revision = view.approval?.revision ?? 0;
  const state = { zh: t(`hubExport.settlementState.${view.state}`, { revision }, 'zh-CN'), en: t(`hubExport.settlementState.${view.state}`, { revision }, 'en') };
  const table = titled(`settlement-${view.month}-${view.state}`, 'settlement', columns, [...rows, total]);
  return { ...table, title: { zh: `${table.title.zh} ${view.month}（${state.zh}）`, en: `${table.title.en} ${view.month} (${state.en})` } };
}

export function averageEldersTable(view: AverageEldersView): Table {
  const columns: Column[] = [
    column('canteenId', 'canteenId', 'int'),
    column('canteenName', 'canteen', 'text'),
    column('daysServed', 'daysServed', 'int'),
    column('elderDays', 'elderDays', 'int'),
    column('averageHundredths', 'average', 'fen'),
    column('distinctElders', 'distinctElders', 'int'),
    column('atLeast20', 'atLeast20', 'bool'),
  ];
  const rows: Row[] = view.rows.map((r) => ({
    canteenId: r.canteenId,
    canteenName: r.canteenName,
    daysServed: r.daysServed,
    elderDays: r.elderDays,
    // Two decimals written exactly by the 'fen' writer (hundredths), not as a float's digits.
    averageHundredths: Math.round(r.averageDailyElders * 100),
    distinctElders: r.distinctElders,
    atLeast20: r.atLeast20,
  }));
  return titled(`average-elders-${view.month}`, 'averageElders', columns, rows);
}

export function anomaliesTable(anomalies: readonly Anomaly[], language: 'zh-CN' | 'en' = 'zh-CN'): Table {
  const columns: Column[] = [
    column('id', 'anomalyId', 'int'),
    column('kind', 'kind', 'text'),
    column('serviceDate', 'date', 'date'),
    column('canteenName', 'canteen', 'text'),
    column('deviceId', 'device', 'text'),
    column('detectedAt', 'detectedAt', 'instant'),
    column('status', 'status', 'text'),
    column('recordCount', 'records', 'int'),
    column('message', 'message', 'text'),
    column('note', 'note', 'text'),
  ];
  const rows: Row[] = anomalies.map((a) => ({
    id: a.id,
    kind: a.kind,
    serviceDate: a.serviceDate,
    canteenName: a.canteenName,
    deviceId: a.deviceId,
    detectedAt: a.detectedAt,
    status: a.status,
    recordCount: a.recordCount,
    message: a.message[language],
    note: a.note,
  }));
  return titled('anomalies', 'anomalies', columns, rows);
}

/** The district's canteens as the canteens screen lists them. */
export function canteensTable(canteens: readonly CanteenView[]): Table {
  const columns: Column[] = [
    column('id', 'canteenId', 'int'),
    column('name', 'canteen', 'text'),
    columnOf('regionCode', 'hubExport.col.regionCode', 'text'),
    columnOf('address', 'hubExport.col.address', 'text'),
    columnOf('operatorName', 'hubExport.col.operator', 'text'),
    columnOf('createdAt', 'hubExport.col.createdAt', 'instant'),
  ];
  return titledBy('canteens', 'hubExport.sheet.canteens', columns, pickRows(columns, canteens));
}

/** The published policy versions; "published by" is the admin's account id, empty when the hub's console published. */
export function policiesTable(policies: readonly PolicyListing[]): Table {
  const columns: Column[] = [
    columnOf('policyId', 'hubExport.col.policyId', 'text'),
    columnOf('version', 'hubExport.col.version', 'int'),
    columnOf('name', 'hubExport.col.policyName', 'text'),
    columnOf('effectiveFrom', 'hubExport.col.effectiveFrom', 'date'),
    columnOf('effectiveTo', 'hubExport.col.effectiveTo', 'date'),
    columnOf('publishedAt', 'hubExport.col.publishedAt', 'instant'),
    columnOf('publishedBy', 'hubExport.col.publishedBy', 'int'),
  ];
  return titledBy('policies', 'hubExport.sheet.policies', columns, pickRows(columns, policies));
}
