/**
 * The hub's answer to hostile browsers and networks, in one place:
 *  - Host allow-list: a page of a hostile domain re-pointed at the hub (DNS rebinding) sends its own
 *    name as Host, and is refused.
 *  - Origin on unsafe methods: a form or fetch from another site is refused even before CSRF.
 *  - CSRF: each session's token is derived from the session's own secret (SHA-256 of a label and
 *    the cookie's token), so it needs no storage, holds across restarts and hub processes, and
 *    cannot be computed by anyone who cannot read the HttpOnly cookie.
 *  - Headers: a strict CSP (no inline script), nosniff, no referrer, no framing; no-store on the API.
 * The same ideas as the kiosk's electron/kiosk/serve/page-security.ts, copied (server/ may not import
 * electron/) and adjusted: the hub is reached by name through a reverse proxy, not on loopback only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SESSION_COOKIE } from '../../shared/hub-api/routes.js';

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export const HUB_CSP = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** On every answer, API and web app alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': HUB_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), hid=(), serial=(), payment=()',
};

/** Every API answer: personal data and one-time secrets must not sit in any cache. */
export const API_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store' };

export interface Origins {
  /** Host header values accepted (lower case, with port when not the scheme's default). */
  readonly hosts: ReadonlySet<string>;
  /** Origin header values accepted on unsafe methods. */
  readonly origins: ReadonlySet<string>;
  /** Cookies get Secure: the public address is https. */
  readonly secure: boolean;
}

/**
 * What the hub answers to: its listening address (and localhost for 127.0.0.1), and the public
 * URL it is reached at behind the city's reverse proxy.
 */
export function allowedOrigins(listen: { readonly host: string; readonly port: number }, publicUrl: string | undefined): Origins {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const local = listen.host === '127.0.0.1' || listen.host === 'localhost' || listen.host === '::1' ? ['127.0.0.1', 'localhost'] : [listen.host];
  for (const name of local) {
    const host = `${name.includes(':') ? `[${name}]` : name}:${listen.port}`.toLowerCase();
    hosts.add(host);
    origins.add(`http://${host}`);
  }
  let secure = false;
  if (publicUrl !== undefined) {
    const url = new URL(publicUrl);
    hosts.add(url.host.toLowerCase());
    origins.add(url.origin.toLowerCase());
    secure = url.protocol === 'https:';
  }
  return { hosts, origins, secure };
}

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`zhucan-csrf\n${sessionToken}`, 'utf8').digest('base64url');
}

/** Constant-time: both sides hashed to 32 bytes first, so lengths do not leak either. */
export function csrfMatches(sessionToken: string, presented: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(csrfTokenFor(sessionToken), 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
