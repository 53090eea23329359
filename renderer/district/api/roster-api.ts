/**
 * The district roster (shared/hub-api/roster-views.ts): search, one elder with the audit of their
 * suspensions, suspend / reinstate, and the import's dry run and accept.
 *
 * The paths and the import's body are the hub's own (shared/hub-api), so the two cannot disagree.
 *
 * The hub reads JSON bodies only (415 otherwise), so the import sends the file's bytes as base64 in a
 * JSON body: a 10 MB spreadsheet is 13.4 MB of base64 — inside the route's body limit.
 */
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { rosterElderDetailSchema, rosterElderViewSchema, rosterImportReportSchema, rosterSearchResultSchema } from '../../../shared/hub-api/roster-views.js';
import type { RosterElderDetail, RosterElderView, RosterImportBody, RosterImportReport, RosterSearchResult } from '../../../shared/hub-api/roster-views.js';
import type { ApiResult } from './api-result.js';
import type { HubClient } from './hub-client.js';

export const ROSTER_PATHS = {
  roster: HUB_PATHS.roster,
  rosterElder: HUB_PATHS.rosterElder,
  rosterStatus: HUB_PATHS.rosterStatus,
  rosterImport: HUB_PATHS.rosterImport,
} as const;

export { rosterImportBodySchema, type RosterImportBody } from '../../../shared/hub-api/roster-views.js';

export const ROSTER_PAGE = 50;

export function searchRoster(client: HubClient, query: { q: string; status: 'active' | 'suspended' | 'all'; cursor: string | null }): Promise<ApiResult<RosterSearchResult>> {
  return client.get(ROSTER_PATHS.roster, rosterSearchResultSchema, { q: query.q.trim(), status: query.status, limit: ROSTER_PAGE, cursor: query.cursor ?? undefined });
}

export function rosterElder(client: HubClient, elderId: string): Promise<ApiResult<RosterElderDetail>> {
  return client.get(hubPath(ROSTER_PATHS.rosterElder, { elderId }), rosterElderDetailSchema);
}

export function setElderActive(client: HubClient, elderId: string, active: boolean, reason: string): Promise<ApiResult<RosterElderView>> {
  return client.send('POST', hubPath(ROSTER_PATHS.rosterStatus, { elderId }), rosterElderViewSchema, { active, reason });
}

export function importRoster(client: HubClient, body: RosterImportBody): Promise<ApiResult<RosterImportReport>> {
  return client.send('POST', ROSTER_PATHS.rosterImport, rosterImportReportSchema, body);
}

/** A file's bytes as base64, in slices: String.fromCharCode(...all) overflows the stack on a big file. */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) text += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(text);
}

/** What the name says the file is; the hub checks it against the first bytes (an .xlsx is a ZIP). */
export function formatOfName(name: string): 'csv' | 'xlsx' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return undefined;
}
