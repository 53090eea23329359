/**
 * The one way the district web app talks to the hub: fetch on the page's own origin with the session
 * cookie (`credentials: 'same-origin'`; the cookie is HttpOnly, this code never sees it), the
 * session's CSRF token in X-Zhucan-CSRF on every unsafe method, the screen's language in
 * Accept-Language (the hub words its refusals in it), and every answer parsed with the API's own zod
 * schema from shared/hub-api — the hub is a boundary like any other. A 401 on any call but signing in
 * means the session ended (idle, expired, signed out elsewhere): `onSessionEnded` takes the app back
 * to the login screen.
 */
import type { z } from 'zod';
import { t } from '../../../shared/i18n/catalogs.js';
import type { Locale } from '../../../shared/i18n/text.js';
import { parseWith } from '../../../shared/parse.js';
import { apiErrorSchema, CSRF_HEADER } from '../../../shared/hub-api/routes.js';
import type { ExportFormat } from '../../../shared/hub-api/routes.js';
import type { ApiFailure, ApiResult } from './api-result.js';
import { endsSession } from './api-result.js';
import { downloadName } from './download-name.js';

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface HubClientOptions {
  /** '' for the page's own origin; tests may point it elsewhere. */
  readonly baseUrl?: string;
  readonly locale: () => Locale;
  /** Called when the hub says the session is gone (401), so the app can show the login screen. */
  readonly onSessionEnded: () => void;
  /** Injected by unit tests; the browser's fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface ExportFile {
  readonly fileName: string;
  readonly blob: Blob;
}

export interface HubClient {
  /** The CSRF token of the current session (from signing in, or GET /session after a reload). */
  setCsrfToken(token: string | null): void;
  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<ApiResult<T>>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown): Promise<ApiResult<T>>;
  /** A list as a file: the same URL as its JSON with ?format=csv|xlsx|json. */
  exportFile(path: string, query: Query, format: ExportFormat, fallbackName: string): Promise<ApiResult<ExportFile>>;
}

export function urlOf(baseUrl: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `${baseUrl}${path}${search === '' ? '' : `?${search}`}`;
}

export function createHubClient(options: HubClientOptions): HubClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;

  function failure(kind: string, status: number, key: string, params?: Record<string, string | number>): { ok: false; error: ApiFailure } {
    return { ok: false, error: { kind, status, message: t(key, params, options.locale()) } };
  }

  async function call(method: string, path: string, query: Query, body: unknown): Promise<ApiResult<Response>> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': options.locale() };
    if (method !== 'GET' && method !== 'HEAD') {
      if (csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await doFetch(urlOf(baseUrl, path, query), {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      return failure('offline', 0, 'district.api.offline');
    }
    if (response.ok) return { ok: true, value: response };
    const refused = await refusalOf(response);
    // Signing in answers 401 for a wrong password: that is not a session that ended.
    if (endsSession(refused) && !(method === 'POST' && path.endsWith('/session'))) options.onSessionEnded();
    return { ok: false, error: refused };
  }

  /** The hub's {error: {kind, message}}, or our own words when the body is not that (a proxy's HTML page). */
  async function refusalOf(response: Response): Promise<ApiFailure> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    const parsed = apiErrorSchema.safeParse(json);
    if (parsed.success) return { kind: parsed.data.error.kind, status: response.status, message: parsed.data.error.message };
    return failure(`http${response.status}`, response.status, 'district.api.status', { status: response.status }).error;
  }

  async function parsed<T>(response: Response, schema: z.ZodType<T>): Promise<ApiResult<T>> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return failure('badResponse', response.status, 'district.api.notJson');
    }
    const value = parseWith(schema, json, 'district.api.answer');
    if (value.ok) return value;
    // A screen shows the first failing path: enough to report; the rest is in the console of a developer.
    const first = value.error.issues[0];
    return failure('badResponse', response.status, 'district.api.badAnswer', { path: first?.path ?? '' });
  }

  return {
    setCsrfToken(token) {
      csrfToken = token;
    },
    async get(path, schema, query = {}) {
      const r = await call('GET', path, query, undefined);
      return r.ok ? parsed(r.value, schema) : r;
    },
    async send(method, path, schema, body) {
      const r = await call(method, path, {}, body);
      return r.ok ? parsed(r.value, schema) : r;
    },
    async exportFile(path, query, format, fallbackName) {
      const r = await call('GET', path, { ...query, format }, undefined);
      if (!r.ok) return r;
      const blob = await r.value.blob();
      return { ok: true, value: { fileName: downloadName(r.value.headers.get('Content-Disposition'), `${fallbackName}.${format}`), blob } };
    },
  };
}
