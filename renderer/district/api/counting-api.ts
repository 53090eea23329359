/**
 * Daily counts, monthly settlement, grading averages and anomalies (shared/hub-api/counting-views.ts).
 *
 * The paths are the hub's own (HUB_PATHS in shared/hub-api/routes.ts), so app and hub cannot disagree.
 */
import { z } from 'zod';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import {
  anomalyDetailSchema,
  anomalyPageSchema,
  anomalySchema,
  averageEldersViewSchema,
  dailyCountsViewSchema,
  settlementApprovalSchema,
  settlementViewSchema,
} from '../../../shared/hub-api/counting-views.js';
import type { Anomaly, AnomalyDetail, AnomalyKind, AnomalyPage, AverageEldersView, DailyCountsView, SettlementApproval, SettlementView } from '../../../shared/hub-api/counting-views.js';
import type { ApiResult } from './api-result.js';
import type { HubClient, Query } from './hub-client.js';

export const COUNTING_PATHS = {
  dailyCounts: HUB_PATHS.countsDaily,
  settlement: HUB_PATHS.settlement,
  settlementApprove: HUB_PATHS.settlementApprove,
  averageElders: HUB_PATHS.grading,
  anomalies: HUB_PATHS.anomalies,
  anomaly: HUB_PATHS.anomaly,
  anomalyResolve: HUB_PATHS.anomalyResolve,
} as const;

export interface CountsFilter {
  readonly from: string;
  readonly to: string;
  readonly canteenId: number | null;
}

export function countsQuery(f: CountsFilter): Query {
  return { from: f.from, to: f.to, canteenId: f.canteenId ?? undefined };
}

export function dailyCounts(client: HubClient, f: CountsFilter): Promise<ApiResult<DailyCountsView>> {
  return client.get(COUNTING_PATHS.dailyCounts, dailyCountsViewSchema, countsQuery(f));
}

export function settlementPath(month: string): string {
  return hubPath(COUNTING_PATHS.settlement, { month });
}

export function settlement(client: HubClient, month: string): Promise<ApiResult<SettlementView>> {
  return client.get(settlementPath(month), settlementViewSchema);
}

/** The hub answers with the new approval (a revision); the screen then reads the month again. */
const approvedSchema = z.union([settlementApprovalSchema, settlementViewSchema.transform((v) => v.approval).pipe(settlementApprovalSchema)]);

export function approveSettlement(client: HubClient, month: string): Promise<ApiResult<SettlementApproval>> {
  return client.send('POST', hubPath(COUNTING_PATHS.settlementApprove, { month }), approvedSchema, {});
}

export function averageEldersPath(month: string): string {
  return hubPath(COUNTING_PATHS.averageElders, { month });
}

export function averageElders(client: HubClient, month: string): Promise<ApiResult<AverageEldersView>> {
  return client.get(averageEldersPath(month), averageEldersViewSchema);
}

export interface AnomalyFilter {
  readonly status: 'open' | 'resolved' | null;
  readonly kind: AnomalyKind | null;
  readonly canteenId: number | null;
  readonly from: string;
  readonly to: string;
}

export function anomaliesQuery(f: AnomalyFilter): Query {
  return { status: f.status ?? undefined, kind: f.kind ?? undefined, canteenId: f.canteenId ?? undefined, from: f.from, to: f.to };
}

export function anomalies(client: HubClient, f: AnomalyFilter, cursor: string | null, limit = 50): Promise<ApiResult<AnomalyPage>> {
  return client.get(COUNTING_PATHS.anomalies, anomalyPageSchema, { ...anomaliesQuery(f), limit, cursor: cursor ?? undefined });
}

export function anomaly(client: HubClient, id: number): Promise<ApiResult<AnomalyDetail>> {
  return client.get(hubPath(COUNTING_PATHS.anomaly, { id }), anomalyDetailSchema);
}

/** The hub may answer with the anomaly alone or with its records too; either way the screen reloads the detail. */
const resolvedSchema = z.union([anomalyDetailSchema.transform((d) => d.anomaly), anomalySchema]);

export function resolveAnomaly(client: HubClient, id: number, note: string): Promise<ApiResult<Anomaly>> {
  return client.send('POST', hubPath(COUNTING_PATHS.anomalyResolve, { id }), resolvedSchema, { note });
}
