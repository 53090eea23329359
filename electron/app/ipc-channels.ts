/**
 * The two IPC channels between the kiosk's screens and the main process, and the check every call
 * passes before it reaches the back end. No 'electron' import: the preload, main and plain-Node
 * tests share this file.
 *
 * Only two channels exist because the kiosk API is one table (shared/kiosk-api/methods.ts): the method
 * name travels as data on 'zhucan:call' and the back end validates name and input. The `zhucan:`
 * prefix keeps our channels apart from anything Electron or a library might register.
 */

export const CHANNEL_PREFIX = 'zhucan:';

export const IPC_CHANNELS = {
  /** renderer → main, invoke/handle: (name: string, input: unknown) → ApiResult. */
  call: 'zhucan:call',
  /** main → renderer, send/on: one KioskEvent per message. */
  event: 'zhucan:event',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** The scheme and host our screens are served from (electron/app/csp.ts serves them). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `scheme://host[:port]` of a URL, or null when it has none we can trust. WHATWG `URL.origin` is
 * the string "null" for schemes it does not know (our app:// among them), so the origin is rebuilt
 * from the parts; a URL carrying a user name or password (app://kiosk@evil/) never counts as ours.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/**
 * Whether an IPC call comes from our own page's main frame. A sub-frame (an iframe, which our page
 * never makes) or a page from anywhere else (a navigation that slipped through, a data: page such as
 * the set-up message) must not reach the back end, whose methods move money.
 */
export function checkSender(frameUrl: string | null | undefined, isMainFrame: boolean, expectedOrigin: string): boolean {
  if (!isMainFrame) return false;
  if (typeof frameUrl !== 'string' || frameUrl === '') return false;
  const expected = originOf(expectedOrigin);
  if (expected === null) return false;
  return originOf(frameUrl) === expected;
}
