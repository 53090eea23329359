/**
 * Browser mode: the kiosk back end served over HTTP on 127.0.0.1 (DESIGN.md §2), for the e2e tests,
 * for development and for sites that run the kiosk in a browser. The same KioskBackend the Electron
 * IPC transport wraps; this file only carries calls and events, it decides nothing about them.
 *
 * Who may call: any local program can reach 127.0.0.1, so every launch makes a secret token that is
 * printed once (in the address `/open?token=…`). Opening that address sets an HttpOnly, SameSite=Strict
 * cookie; the page then needs nothing else. Scripts and tests may send `Authorization: Bearer …`.
 * Around the token:
 *  - `X-Zhucan-Api: 1` on every call: a cross-site form or image cannot set a header, and a
 *    cross-site fetch that sets one needs a CORS preflight we never grant (CSRF);
 *  - `Host` must be 127.0.0.1:PORT or localhost:PORT: a page of a hostile domain re-pointed at
 *    127.0.0.1 (DNS rebinding) sends its own name as Host;
 *  - `Origin`, when the browser sends it, must be the page's own origin;
 *  - a strict CSP on every answer, so the page runs only its own scripts.
 * The token is never logged and never echoed in an answer; only the address handed to the CLI holds it.
 *
 * node:http only: the routes are five, and a framework would be more code to audit than this.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { t } from '../../../shared/i18n/catalogs.js';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import type { ApiErrorKind, ApiResult } from '../../../shared/kiosk-api/api-error.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { KioskBackend } from '../api/backend-types.js';
import { contentTypeFor, KIOSK_CSP, SECURITY_HEADERS as PAGE_SECURITY_HEADERS } from './page-security.js';

export const TOKEN_COOKIE = 'zhucan_token';

/** Roster import uploads whole CSV/XLSX files as base64 inside the JSON body. */
export const MAX_BODY_BYTES = 70 * 1024 * 1024;

/** Often enough that proxies and idle-connection reapers keep the stream open. */
export const HEARTBEAT_MS = 15_000;

/** The kiosk pages' CSP (page-security.ts): the same in the Electron window and in browser mode. */
export const CONTENT_SECURITY_POLICY = KIOSK_CSP;

export interface KioskServerOptions {
  readonly backend: KioskBackend;
  /** The built screens (dist/renderer/kiosk): index.html and assets/. */
  readonly staticDir: string;
  /** Loopback only, by type: this server must never be reachable from the network. */
  readonly host?: '127.0.0.1';
  /** 0 takes a free port. */
  readonly port: number;
  /** The launch's secret; made here when absent (tests pass their own). At least 32 URL-safe characters. */
  readonly token?: string;
  /** Tests lower these; production keeps the defaults. */
  readonly maxBodyBytes?: number;
  readonly heartbeatMs?: number;
}

export interface KioskServer {
  /** The address to open first: it carries the token, so print it to the operator and nowhere else. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Ends every event stream and connection and stops listening. The backend is the caller's to close. */
  close(): Promise<void>;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,256}$/;



/** Every answer carries these, error pages and event streams included (page-security.ts). */
const SECURITY_HEADERS: OutgoingHttpHeaders = PAGE_SECURITY_HEADERS;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page for a person who reached us the wrong way: Chinese first, then English. No scripts, no styles. */
function page(title: Message, body: Message): string {
  const zh = `<h1>${escapeHtml(t(title.key, title.params, 'zh-CN'))}</h1>\n<p>${escapeHtml(t(body.key, body.params, 'zh-CN'))}</p>`;
  const en = `<h1 lang="en">${escapeHtml(t(title.key, title.params, 'en'))}</h1>\n<p lang="en">${escapeHtml(t(body.key, body.params, 'en'))}</p>`;
  return `<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>助餐 Zhucan</title></head>\n<body>\n${zh}\n<hr>\n${en}\n</body>\n</html>\n`;
}

function failure(kind: ApiErrorKind, text: Message): ApiResult<never> {
  return { ok: false, error: { kind, message: text } };
}

type Route =
  | { readonly kind: 'open'; readonly query: URLSearchParams }
  | { readonly kind: 'events' }
  | { readonly kind: 'api'; readonly method: string }
  | { readonly kind: 'static'; readonly segments: readonly string[] }
  | { readonly kind: 'bad' };

/**
 * The request target, split and decoded by segment — not through `new URL`, which would quietly
 * resolve `..` (also written `%2e%2e`) and so turn a traversal attempt into some other file: a
 * segment that decodes to `.`, `..` or holds a slash, backslash or NUL is refused outright.
 */
function routeOf(target: string): Route {
  if (!target.startsWith('/')) return { kind: 'bad' };
  const cut = target.search(/[?#]/);
  const path = cut === -1 ? target : target.slice(0, cut);
  const query = new URLSearchParams(cut !== -1 && target[cut] === '?' ? target.slice(cut + 1).split('#')[0] : '');
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { kind: 'bad' };
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return { kind: 'bad' };
    segments.push(decoded);
  }
  const [first, second, ...more] = segments;
  if (first === 'open' && second === undefined) return { kind: 'open', query };
  if (first === 'events' && second === undefined) return { kind: 'events' };
  if (first === 'api' && second !== undefined && more.length === 0) return { kind: 'api', method: second };
  return { kind: 'static', segments };
}

class TooLarge extends Error {
  override readonly name = 'TooLarge';
}

/** The body, up to `max` bytes. Past that it rejects with TooLarge and discards the rest as it comes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The parsed JSON, or undefined when the bytes are not UTF-8 JSON. */
function parseJson(bytes: Buffer): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return undefined;
  }
}

export async function startKioskServer(options: KioskServerOptions): Promise<KioskServer> {
  const { backend } = options;
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const token = options.token ?? randomBytes(32).toString('base64url');
  // A programming error, so its message names the rule and never the value.
  if (!TOKEN_SHAPE.test(token)) throw new Error('startKioskServer: the token must be 32 to 256 URL-safe characters');
  const expected = digest(token);
  // Resolved once: a file is served only if its real path (symlinks followed) is inside this folder.
  const root = await realpath(resolve(options.staticDir));

  let port = 0;
  /** Each open event stream's stop function. */
  const streams = new Set<() => void>();

  function authorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth !== undefined && auth.startsWith('Bearer ') && sameSecret(auth.slice('Bearer '.length), expected)) return true;
    return cookieValues(req.headers.cookie, TOKEN_COOKIE).some((value) => sameSecret(value, expected));
  }

  function hostAllowed(req: IncomingMessage): boolean {
    const given = req.headers.host;
    return given === `127.0.0.1:${port}` || given === `localhost:${port}`;
  }

  /** Same-origin requests may omit Origin (GET); when present it is the origin of the Host it came to. */
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host ?? ''}`;
  }

  function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body?: string | Buffer): void {
    res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, result: ApiResult<unknown>, headers: OutgoingHttpHeaders = {}): void {
    send(res, status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }, JSON.stringify(result));
  }

  function sendPage(res: ServerResponse, status: number, body: Message, headers: OutgoingHttpHeaders = {}): void {
    const title = status === 404 ? message('serve.page.notFound') : message('serve.page.title');
    send(res, status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }, page(title, body));
  }

  function open(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const given = query.get('token');
    if (req.method !== 'GET' || given === null || !sameSecret(given, expected)) {
      sendPage(res, 401, message(given === null ? 'serve.page.noToken' : 'serve.page.badToken'));
      return;
    }
    send(res, 302, {
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: '/',
      'Cache-Control': 'no-store',
    });
  }

  async function api(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, failure('invalid', message('api.http.notFound')), { Allow: 'POST' });
    if (!authorized(req)) return sendJson(res, 401, failure('failed', message('api.http.unauthorized')));
    if (req.headers['x-zhucan-api'] !== '1' || !originAllowed(req)) return sendJson(res, 403, failure('invalid', message('api.http.refused')));
    const tooLarge = (): void =>
      sendJson(res, 413, failure('invalid', message('api.http.tooLarge', { max: Math.floor(maxBody / (1024 * 1024)) })), { Connection: 'close' });
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBody) {
      // Not read: the rest of the upload is discarded as it arrives, and the connection closed after.
      req.resume();
      return tooLarge();
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(req, maxBody);
    } catch (e) {
      if (e instanceof TooLarge) return tooLarge();
      throw e;
    }
    const parsed = parseJson(bytes);
    if (parsed === undefined) return sendJson(res, 400, failure('invalid', message('api.badJson')));
    let result: ApiResult<unknown>;
    try {
      result = await backend.call(name, parsed.value);
    } catch {
      // The backend promises never to throw; should it, the screen still gets an answer it can show.
      result = failure('internal', message('api.http.internal'));
    }
    sendJson(res, 200, result);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, failure('invalid', message('api.http.notFound')), { Allow: 'GET' });
    if (!authorized(req)) return sendJson(res, 401, failure('failed', message('api.http.unauthorized')));
    if (!originAllowed(req)) return sendJson(res, 403, failure('invalid', message('api.http.refused')));
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    // Sent at once so the browser's EventSource opens now rather than at the first event.
    res.write(': zhucan\n\n');
    const unsubscribe = backend.subscribe((event: KioskEvent) => {
      // JSON.stringify never emits a raw newline, so one `data:` line carries the whole event.
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      clearInterval(beat);
      unsubscribe();
      streams.delete(stop);
      res.end();
    };
    streams.add(stop);
    res.on('close', stop);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, segments: readonly string[]): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { Allow: 'GET, HEAD', 'Cache-Control': 'no-store' });
    if (!authorized(req)) {
      // A cookie from an earlier launch (the server restarted): say the address has changed.
      const stale = cookieValues(req.headers.cookie, TOKEN_COOKIE).length > 0;
      return sendPage(res, 401, message(stale ? 'serve.page.badToken' : 'serve.page.noToken'));
    }
    const rel = segments.length === 0 ? ['index.html'] : segments;
    const notFound = (): void => sendPage(res, 404, message('serve.page.notFound'));
    let file: string;
    try {
      file = await realpath(resolve(root, ...rel));
    } catch {
      return notFound();
    }
    if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) return notFound();
    const body = await readFile(file);
    const isIndex = rel.length === 1 && rel[0] === 'index.html';
    // Vite names assets by content hash, so a name never changes meaning; the page itself must not be cached.
    const cache = isIndex ? 'no-store' : rel[0] === 'assets' ? 'private, max-age=31536000, immutable' : 'no-cache';
    send(
      res,
      200,
      { 'Content-Type': contentTypeFor(file), 'Content-Length': body.length, 'Cache-Control': cache },
      req.method === 'HEAD' ? undefined : body,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = routeOf(req.url ?? '/');
    const isApi = route.kind === 'api' || route.kind === 'events';
    if (!hostAllowed(req)) {
      if (isApi) return sendJson(res, 403, failure('invalid', message('api.http.refused')));
      return send(res, 403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, 'Forbidden\n');
    }
    switch (route.kind) {
      case 'bad':
        return send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, 'Bad request\n');
      case 'open':
        return open(req, res, route.query);
      case 'events':
        return events(req, res);
      case 'api':
        return api(req, res, route.method);
      case 'static':
        return serveStatic(req, res, route.segments);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Nothing here may carry the request or its secrets; the screen sees a plain 500 or a cut connection.
      if (!res.headersSent) send(res, 500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, 'Internal error\n');
      else res.destroy();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/open?token=${token}`,
    origin,
    port,
    token,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolveClose) => {
        for (const stop of [...streams]) stop();
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
