/**
 * The hub's HTTP API as both sides see it: the paths, the headers and cookie that carry auth, the
 * error body, and the export formats. The bodies of each area are in *-views.ts beside this file
 * (and upload.ts for the kiosk's side); the hub's route table (server/http) pairs each path with
 * them and generates the OpenAPI document (GET /api/v1/openapi.json, docs/openapi.json).
 */
import { z } from 'zod';

export const API_PREFIX = '/api/v1';

/** Every path the hub serves now; `:name` marks a path parameter. Counting, settlement, anomalies, exports, policies and roster add theirs. */
export const HUB_PATHS = {
  openapi: `${API_PREFIX}/openapi.json`,
  session: `${API_PREFIX}/session`,
  accounts: `${API_PREFIX}/accounts`,
  tokens: `${API_PREFIX}/tokens`,
  token: `${API_PREFIX}/tokens/:id`,
  canteens: `${API_PREFIX}/canteens`,
  canteen: `${API_PREFIX}/canteens/:id`,
  canteenCodes: `${API_PREFIX}/canteens/:id/codes`,
  deviceRevoke: `${API_PREFIX}/devices/:deviceId/revoke`,
  enrol: `${API_PREFIX}/enrol`,
  upload: `${API_PREFIX}/upload`,
  policies: `${API_PREFIX}/policies`,
  policy: `${API_PREFIX}/policies/:policyId/:version`,
  policyCheck: `${API_PREFIX}/policies/check`,
  policySimulate: `${API_PREFIX}/policies/simulate`,
  /** The kiosk's signed pull of its district's policies (shared/hub-api/downlink.ts POLICY_PACKAGE_PATH). */
  downlinkPolicies: `${API_PREFIX}/downlink/policies`,
  countsDaily: `${API_PREFIX}/counts/daily`,
  settlement: `${API_PREFIX}/settlements/:month`,
  settlementApprove: `${API_PREFIX}/settlements/:month/approve`,
  grading: `${API_PREFIX}/grading/:month`,
  anomalies: `${API_PREFIX}/anomalies`,
  anomaly: `${API_PREFIX}/anomalies/:id`,
  anomalyResolve: `${API_PREFIX}/anomalies/:id/resolve`,
  /** The district roster (docs/hub-api.md "Roster"): search, one elder, suspend / reinstate, import. */
  roster: `${API_PREFIX}/roster`,
  rosterElder: `${API_PREFIX}/roster/:elderId`,
  rosterStatus: `${API_PREFIX}/roster/:elderId/status`,
  rosterImport: `${API_PREFIX}/roster/import`,
  /** The kiosk's signed pull of its area's roster, and its report of the local elders it re-keyed (downlink.ts). */
  downlinkRoster: `${API_PREFIX}/downlink/roster`,
  downlinkRosterAliases: `${API_PREFIX}/downlink/roster-aliases`,
} as const;

/** Fills a path's `:name` parameters (URI-encoded): hubPath(HUB_PATHS.canteen, {id: 3}) → '/api/v1/canteens/3'. */
export function hubPath(pattern: string, params: Readonly<Record<string, string | number>> = {}): string {
  return pattern.replace(/:(\w+)/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : encodeURIComponent(String(value));
  });
}

/** The browser session's cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https. */
export const SESSION_COOKIE = 'zhucan_session';
/** The header that carries the session's CSRF token on every unsafe request made with the cookie. */
export const CSRF_HEADER = 'X-Zhucan-CSRF';

/**
 * Why a request was refused, as `error.kind`; the HTTP status says the class, the kind says which:
 * - badRequest 400 (not JSON, not the shape: message names the field), badQuery 400
 * - unauthenticated 401 (no session / token, or it ended), invalidToken 401 (revoked or unknown bearer token)
 * - forbidden 403 (another district, not an admin, a token without the scope or on a session-only route)
 * - csrf 403 (missing or wrong X-Zhucan-CSRF), badOrigin 403 (Origin not the hub's), badHost 400
 * - notFound 404, methodNotAllowed 405, conflict 409 (a name or login taken, a code used), tooLarge 413,
 *   unsupportedMediaType 415 (a body that is not application/json), tooManyRequests 429, internal 500
 * - and the domain's own kinds from the refusal (locked, badPassword, …) under the status of their class.
 */
export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    kind: z.string(),
    /** In the language the request asked for (Accept-Language; zh-CN unless it prefers en). */
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** `?format=` of any list route marked exportable (CSV and XLSX come as a download). */
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).optional() });

/** An empty success (sign-out, token revoked). */
export const okSchema = z.strictObject({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof okSchema>;

export * from './session-views.js';
export * from './canteen-views.js';
