/**
 * What every page of the kiosk's screens is served with, in the Electron window (app://) and in
 * browser mode (HTTP on 127.0.0.1) alike: the Content-Security-Policy, the security headers and the
 * content types. One definition, so the two transports cannot drift apart.
 */
import path from 'node:path';

/**
 * Directive → sources. Nothing but our own files: the renderer has no inline script (vite builds
 * external modules), talks to the back end over IPC only (connect-src 'self' is there for fetches of
 * its own assets), and shows QR codes and tones as data: URLs. No 'unsafe-inline' and no
 * 'unsafe-eval' anywhere: they would turn any injected text into running code.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export function cspString(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const KIOSK_CSP = cspString(CSP_DIRECTIVES);

/**
 * Headers on every response of app://. nosniff so a file is only ever run as what its type says;
 * no referrer and same-origin isolation because the page never talks to anyone else; the powerful
 * browser features are switched off for the page (readers are read by the main process, not WebHID).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': KIOSK_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), hid=(), serial=(), bluetooth=(), payment=(), display-capture=()',
  // A new release replaces the files in place; the hashed asset names make a stale cache harmless,
  // index.html must not be stale.
  'Cache-Control': 'no-cache',
};

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
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** Unknown extensions are served as opaque bytes: with nosniff the page cannot run them as script. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

