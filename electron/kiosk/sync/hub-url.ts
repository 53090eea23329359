/**
 * The hub's address as a technician types it, checked before anything is sent. Uploads carry the
 * canteen's claims on public money and enrolment carries a one-time code: off this computer they go
 * over https only, unless the technician says --insecure (a test network, a VPN already encrypted).
 */
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The hub's base URL, normalised (no query, no fragment, no trailing slash), or why it is refused. */
export function checkHubUrl(typed: string, options: { readonly insecure?: boolean } = {}): Result<string, Message> {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return err(message('sync.url.bad', { url: typed }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err(message('sync.url.bad', { url: typed }));
  if (url.username !== '' || url.password !== '') return err(message('sync.url.credentials'));
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname) && options.insecure !== true) {
    return err(message('sync.url.plainHttp', { host: url.hostname }));
  }
  url.search = '';
  url.hash = '';
  return ok(url.toString().replace(/\/+$/, ''));
}

/** The full address of one hub endpoint, e.g. endpoint(base, 'upload') → …/api/v1/upload. */
export function hubEndpoint(base: string, name: 'enrol' | 'upload'): string {
  return `${base}/api/v1/${name}`;
}
