/**
 * The district web app's files: GET / and /assets/* from the built folder, and index.html for any
 * other non-API GET (the app routes in the browser, so /canteens/3 is a page of the app). A missing
 * asset is a 404, never index.html (a browser would run HTML as a script and report nonsense).
 * No path ever leaves the folder: segments that decode to `.`/`..` or hold a slash, backslash or
 * NUL are refused before any file is looked up, and the resolved real path must lie inside.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export type StaticAnswer =
  | { readonly kind: 'file'; readonly body: Buffer; readonly contentType: string; readonly cache: string }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'bad' }
  | { readonly kind: 'noApp' };

/** The path's segments, decoded one by one; null when one is a traversal attempt or undecodable. */
export function safeSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return null;
    segments.push(decoded);
  }
  return segments;
}

async function fileInside(root: string, segments: readonly string[]): Promise<Buffer | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(resolve(realRoot, ...segments));
    // A symlink inside the folder that points out of it is refused like `..`.
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    if (!(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}

export async function staticFile(root: string, pathname: string): Promise<StaticAnswer> {
  const segments = safeSegments(pathname);
  if (segments === null) return { kind: 'bad' };
  const isAsset = segments[0] === 'assets' || (segments.length === 1 && extname(segments[0] ?? '') !== '');
  if (isAsset) {
    const body = await fileInside(root, segments);
    if (body === null) return { kind: 'notFound' };
    const type = CONTENT_TYPES[extname(segments[segments.length - 1] ?? '').toLowerCase()] ?? 'application/octet-stream';
    // Vite names assets by content hash: a new release has new names, so they may be cached for good.
    return { kind: 'file', body, contentType: type, cache: segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache' };
  }
  const index = await fileInside(root, ['index.html']);
  if (index === null) return { kind: 'noApp' };
  return { kind: 'file', body: index, contentType: CONTENT_TYPES['.html'] ?? 'text/html', cache: 'no-cache' };
}
