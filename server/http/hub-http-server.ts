/**
 * The hub's HTTP server (plain node:http: the route table is the framework, and it is small enough to
 * audit). Each request goes through the same steps, in this order, before a handler sees it:
 *   Host allow-list → API or web app → route → Origin (unsafe methods) → auth (session cookie + CSRF,
 *   or a bearer token with the route's scope) → body (size limit, JSON, zod) → query → params.
 * Every answer carries the security headers; API answers are no-store JSON, errors {error:{kind,
 * message}} in the reader's language; an unexpected exception is logged with its stack and answered
 * with a bare 500.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { message, render, t } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/i18n/index.js';
import { API_PREFIX, CSRF_HEADER, EXPORT_FORMATS, SESSION_COOKIE } from '../../shared/hub-api/routes.js';
import type { ExportFormat } from '../../shared/hub-api/routes.js';
import { apiTokenAccount, sessionAccount } from '../accounts/index.js';
import type { Account } from '../accounts/index.js';
import type { HubDb } from '../db/index.js';
import { exportFile } from '../export/index.js';
import { HttpError, refusalError } from './http-error.js';
import type { HubLogger } from './logger.js';
import { isJsonContentType, readBodyText } from './request-body.js';
import { bearerToken, cookieValue, issuePath, localeOf } from './request-info.js';
import type { HubRoute, HubServices, RouteContext } from './route.js';
import { matchRoute } from './router.js';
import { allowedOrigins, API_HEADERS, csrfMatches, SECURITY_HEADERS } from './security.js';
import type { Origins } from './security.js';
import { createSignInLimiter } from './sign-in-limiter.js';
import { staticFile } from './static-files.js';
import { hubRoutes } from './routes/index.js';

export interface HubHttpOptions {
  readonly db: HubDb;
  readonly logger: HubLogger;
  /** 127.0.0.1 by default: in production the city's reverse proxy (nginx, TLS) is what faces the network. */
  readonly host?: string;
  /** 0 takes a free port. */
  readonly port: number;
  /** The address people and kiosks use (https://zhucan.example.gov.cn): its host is allowed, https makes cookies Secure. */
  readonly publicUrl?: string;
  /** The built web app (dist/renderer/district). */
  readonly staticDir: string;
  /** The hub's clock; tests move it. */
  readonly now?: () => string;
  /** Sign-in attempts per address per minute (20 by default). */
  readonly signInsPerMinute?: number;
  /** Extra routes (counting, settlement, …) when not yet in the table. */
  readonly extraRoutes?: readonly HubRoute[];
}

export interface HubHttpServer {
  /** http://host:port of the listening socket. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish, then closes idle connections. The db is the caller's. */
  close(): Promise<void>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The first problem of a request, for the refusal: a shared schema words its own problems as catalog
 * keys (e.g. rosterRoutes.aliasIsDistrictId), shown in each language; zod's own text is shown as it is.
 */
function firstProblem(error: z.ZodError): { path: string; problem: string; problem_en: string } {
  const issue = error.issues[0];
  const text = issue?.message ?? '';
  return { path: issue === undefined ? '(body)' : issuePath(issue.path), problem: t(text, undefined, 'zh-CN'), problem_en: t(text, undefined, 'en') };
}

function parseWith(schema: z.ZodType | undefined, value: unknown, key: 'hub.http.badField' | 'hub.http.badQuery' | 'hub.http.badPath', kind: string, status = 400): unknown {
  if (schema === undefined) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(status, kind, message(key, firstProblem(parsed.error)));
}

export async function startHubHttpServer(options: HubHttpOptions): Promise<HubHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date().toISOString());
  const routes = hubRoutes(options.extraRoutes ?? []);
  const services: HubServices = {
    signInLimiter: createSignInLimiter({ max: options.signInsPerMinute ?? 20, windowMs: 60_000 }),
  };
  let origins: Origins = allowedOrigins({ host, port: options.port }, options.publicUrl);

  function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer | string): void {
    if (res.headersSent) return;
    res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, extra: OutgoingHttpHeaders = {}): void {
    send(res, status, { ...API_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...extra }, JSON.stringify(body));
  }

  function sendError(res: ServerResponse, e: HttpError, locale: Locale, route: HubRoute | null): void {
    const text = render(e.text, locale);
    const body = route?.errorBody === undefined ? { error: { kind: e.kind, message: text } } : route.errorBody(e.kind, text);
    sendJson(res, e.status, body, e.headers);
  }

  /** Who is calling, for a route that needs someone: an Account, or HttpError 401 / 403. */
  async function authenticate(req: IncomingMessage, route: HubRoute, at: string, download: boolean): Promise<{ actor: Account; sessionToken: string | null }> {
    const bearer = bearerToken(req);
    if (bearer !== null) {
      if (route.scope === undefined) throw new HttpError(403, 'forbidden', message('hub.http.sessionOnly'));
      // A file (CSV / XLSX) of an exportable list is what the exports:read scope grants.
      const result = await apiTokenAccount(options.db, bearer, download ? 'exports:read' : route.scope, at);
      if (!result.ok) throw refusalError(result.error);
      if (route.auth === 'admin' && result.value.role !== 'admin') throw new HttpError(403, 'forbidden', message('hub.needAdmin'));
      return { actor: result.value, sessionToken: null };
    }
    const token = cookieValue(req, SESSION_COOKIE);
    const account = token === null ? null : await sessionAccount(options.db, token, at);
    if (token === null || account === null) throw new HttpError(401, 'unauthenticated', message('hub.http.unauthenticated'));
    // A cookie rides along on any request the browser makes to us; the CSRF header proves our own page sent it.
    if (UNSAFE.has(req.method ?? '')) {
      const presented = req.headers[CSRF_HEADER.toLowerCase()];
      if (typeof presented !== 'string' || !csrfMatches(token, presented)) throw new HttpError(403, 'csrf', message('hub.http.csrf'));
    }
    if (route.auth === 'admin' && account.role !== 'admin') throw new HttpError(403, 'forbidden', message('hub.needAdmin'));
    return { actor: account, sessionToken: token };
  }

  async function readBody(req: IncomingMessage, route: HubRoute): Promise<unknown> {
    if (route.body === undefined && !route.rawBody) {
      // No body expected: still drain (bounded) what was sent, so the connection stays usable.
      await readBodyText(req, route.maxBodyBytes);
      return undefined;
    }
    const text = await readBodyText(req, route.maxBodyBytes);
    if (route.rawBody) return text === '' ? null : text;
    if (text === '' && route.body !== undefined && route.body.safeParse({}).success) return {};
    if (!isJsonContentType(req.headers['content-type'])) throw new HttpError(415, 'unsupportedMediaType', message('hub.http.unsupportedMedia'));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'badRequest', message('hub.http.badJson'));
    }
    return parseWith(route.body, json, 'hub.http.badField', 'badRequest');
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, locale: Locale, at: string): Promise<void> {
    const method = req.method ?? 'GET';
    const match = matchRoute(routes, method, url.pathname);
    if (match.kind === 'none') throw new HttpError(404, 'notFound', message('hub.http.notFound'));
    if (match.kind === 'wrongMethod') throw new HttpError(405, 'methodNotAllowed', message('hub.http.methodNotAllowed', { method }), { Allow: match.allow.join(', ') });
    const route = match.route;
    try {
      const rawQuery = Object.fromEntries(url.searchParams);
      let format: ExportFormat | undefined;
      if (route.exportable !== undefined) {
        const asked = rawQuery['format'];
        delete rawQuery['format'];
        if (asked !== undefined) {
          format = EXPORT_FORMATS.find((f) => f === asked);
          if (format === undefined) throw new HttpError(400, 'badQuery', message('hub.http.badFormat'));
        }
      }
      const fileFormat = format === 'csv' || format === 'xlsx' ? format : null;
      const download = fileFormat !== null;
      const who = route.auth === 'public' || route.auth === 'device' ? { actor: null, sessionToken: cookieValue(req, SESSION_COOKIE) } : await authenticate(req, route, at, download);
      const body = await readBody(req, route);
      const query = parseWith(route.query, rawQuery, 'hub.http.badQuery', 'badQuery');
      // A path that names no possible row (/canteens/abc) is a page that does not exist: 404.
      const params = parseWith(route.params, match.params, 'hub.http.badPath', 'notFound', 404);
      const ctx: RouteContext<unknown, unknown, unknown> = {
        db: options.db,
        actor: who.actor,
        params,
        query,
        body,
        now: at,
        locale,
        headers: req.headers,
        sessionToken: who.sessionToken,
        secureCookies: origins.secure,
        ip: req.socket.remoteAddress ?? '',
        services,
      };
      const reply = await route.handler(ctx);
      const status = reply.status ?? route.status;
      const schema = route.alternateResponses[status] ?? route.response;
      // The answer is checked against its declared schema, so the OpenAPI document is a promise kept.
      const out = schema.parse(reply.body);
      const cookies: OutgoingHttpHeaders = 'cookies' in reply && reply.cookies !== undefined ? { 'Set-Cookie': [...reply.cookies] } : {};
      if (route.exportable !== undefined && fileFormat !== null) {
        const file = await exportFile(fileFormat, route.exportable.table(out, locale));
        send(res, status, { ...API_HEADERS, 'Content-Type': file.contentType, 'Content-Disposition': file.disposition, ...cookies }, file.body);
        return;
      }
      sendJson(res, status, out, cookies);
    } catch (e) {
      if (e instanceof HttpError) {
        sendError(res, e, locale, route);
        return;
      }
      throw e;
    }
  }

  async function webApp(req: IncomingMessage, res: ServerResponse, url: URL, locale: Locale): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'methodNotAllowed', message('hub.http.methodNotAllowed', { method: req.method ?? '' }), { Allow: 'GET, HEAD' });
    const answer = await staticFile(options.staticDir, url.pathname);
    if (answer.kind === 'bad') throw new HttpError(400, 'badRequest', message('hub.http.notFound'));
    if (answer.kind === 'notFound') throw new HttpError(404, 'notFound', message('hub.http.notFound'));
    if (answer.kind === 'noApp') {
      send(res, 503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, `${render(message('hub.http.noWebApp'), locale)}\n`);
      return;
    }
    send(res, 200, { 'Content-Type': answer.contentType, 'Cache-Control': answer.cache }, req.method === 'HEAD' ? '' : answer.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const locale = localeOf(req.headers['accept-language']);
    const at = now();
    try {
      const hostHeader = (req.headers.host ?? '').toLowerCase();
      if (!origins.hosts.has(hostHeader)) throw new HttpError(400, 'badHost', message('hub.http.badHost', { host: hostHeader.slice(0, 100) }));
      // Only when the browser says where the request comes from: kiosks and scripts send no Origin.
      const origin = req.headers.origin;
      if (UNSAFE.has(req.method ?? '') && origin !== undefined && !origins.origins.has(origin.toLowerCase())) throw new HttpError(403, 'badOrigin', message('hub.http.badOrigin'));
      const target = req.url ?? '/';
      if (!target.startsWith('/')) throw new HttpError(400, 'badRequest', message('hub.http.notFound'));
      const url = new URL(`http://hub${target.replace(/^\/+/, '/')}`);
      if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`) || url.pathname === '/api' || url.pathname.startsWith('/api/')) await api(req, res, url, locale, at);
      else await webApp(req, res, url, locale);
    } catch (e) {
      if (e instanceof HttpError) {
        sendError(res, e, locale, null);
        return;
      }
      options.logger.error('hub.http.internal', { method: req.method, path: (req.url ?? '').split('?')[0], error: e instanceof Error ? e.stack ?? e.message : String(e) });
      sendError(res, new HttpError(500, 'internal', message('hub.http.internal')), locale, null);
    }
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => {
    const socket = req.socket;
    void handle(req, res).finally(() => {
      // A refused body (413, a 4xx before reading) is not drained: close the connection instead of reading the rest.
      if (!req.complete) res.once('finish', () => socket.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origins = allowedOrigins({ host, port: address.port }, options.publicUrl);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        // Idle keep-alive connections would hold close() open; those mid-request finish first.
        server.closeIdleConnections();
      }),
  };
}
