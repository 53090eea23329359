/**
 * How the kiosk's screens are served to its windows: the app:// protocol, the files it may serve
 * (only those under dist/renderer/kiosk), and the headers every response carries (the
 * Content-Security-Policy first). Plain data and functions, no 'electron' import: main.ts hands
 * `createAppProtocolHandler` to `protocol.handle`, and plain-Node tests exercise the same code.
 *
 * Why a custom protocol rather than file://: file:// pages share one origin with every file on the
 * disk, get no response headers (so no CSP header), and let a path like ../../ reach anything. app://
 * registered as standard + secure gives the page an origin of its own that checkSender can test.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './ipc-channels.js';

export { CONTENT_TYPES, contentTypeFor, CSP_DIRECTIVES, cspString, KIOSK_CSP, SECURITY_HEADERS } from '../kiosk/serve/page-security.js';
import { contentTypeFor, SECURITY_HEADERS } from '../kiosk/serve/page-security.js';

export type ResolveResult =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/** The path functions used to resolve: the platform's by default; tests pass path.win32 as well. */
export type PathApi = Pick<typeof path.posix, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The file under `root` that an app:// URL names, or why it is refused. Works on the raw (still
 * percent-encoded) path so that an encoded slash, backslash or dot-dot cannot hide inside a segment:
 * each segment is decoded alone and must then be a plain name. A final containment check against
 * `root` backs this up whatever the platform's path rules are. "/" is index.html; the hash (#display)
 * never reaches the server; the query is ignored.
 */
export function resolveAppPath(root: string, requestUrl: string, pathApi: PathApi = path): ResolveResult {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') {
    return { ok: false, status: 404, reason: 'not our origin' };
  }
  // A non-special scheme with no path parses to '' in Node (Chromium, knowing app:// is standard, gives '/').
  const raw = url.pathname === '' ? '/' : url.pathname;
  if (!raw.startsWith('/')) return { ok: false, status: 400, reason: 'relative path' };
  const rest = raw.slice(1);
  const segments: string[] = [];
  for (const encoded of rest === '' ? ['index.html'] : rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    const refusal = segmentRefusal(segment);
    if (refusal !== null) return { ok: false, status: 403, reason: refusal };
    segments.push(segment);
  }
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, ...segments);
  const relative = pathApi.relative(base, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'outside the root' };
  }
  return { ok: true, file };
}

/** Why one decoded path segment is not a plain file or folder name, or null when it is. */
function segmentRefusal(segment: string): string | null {
  if (segment === '') return 'empty segment';
  if (segment === '.' || segment === '..') return 'dot segment';
  if (segment.includes('/') || segment.includes('\\')) return 'separator inside a segment';
  // ':' covers Windows drive letters (C:) and NTFS alternate streams (file:stream).
  if (segment.includes(':')) return 'colon in a segment';
  // eslint-disable-next-line no-control-regex -- control characters (NUL first) are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(segment)) return 'control character';
  return null;
}

/** What the handler needs of a request: Electron passes a fetch Request, tests pass a plain object. */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export interface AppHandlerOptions {
  /** dist/renderer/kiosk, absolute. */
  readonly root: string;
  readonly readFile: (file: string) => Promise<Uint8Array>;
  readonly pathApi?: PathApi;
}

/** The function main.ts gives to `protocol.handle('app', …)`: one file per request, with our headers. */
export function createAppProtocolHandler(options: AppHandlerOptions): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const resolved = resolveAppPath(options.root, request.url, options.pathApi);
    if (!resolved.ok) return plain(resolved.status, resolved.reason);
    let body: Uint8Array;
    try {
      body = await options.readFile(resolved.file);
    } catch (error: unknown) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      // A folder named like a file (EISDIR) is as absent as a missing file: no listings.
      return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? plain(404, 'not found') : plain(500, 'unreadable');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(resolved.file) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const MESSAGE_STYLE =
  'body{margin:0;padding:8vh 8vw;font:32px/1.5 system-ui,"Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#fff8ef;color:#222}' +
  'h1{font-size:48px;margin:0 0 24px}p{margin:0 0 16px}code{font-size:28px;background:#f1e4d3;padding:2px 8px}';

/**
 * A page with a title and a few lines (the set-up instructions on first run, the "screen keeps
 * crashing" page), as a data: URL. It carries its own CSP in a meta tag: no script at all, and its one
 * style block allowed by hash, not by 'unsafe-inline'. A data: page has an opaque origin, so
 * checkSender refuses any IPC from it.
 */
export function messagePageUrl(title: string, lines: readonly string[]): string {
  const styleHash = createHash('sha256').update(MESSAGE_STYLE, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
  const html =
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<title>${escapeHtml(title)}</title><style>${MESSAGE_STYLE}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
