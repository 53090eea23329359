/**
 * Reading a request body with a hard limit: a declared Content-Length beyond it is refused before
 * a byte is read, and a body that grows past it (chunked, or lying about its length) is cut off
 * there — the hub never buffers more than the route allows.
 */
import type { IncomingMessage } from 'node:http';
import { message } from '../../shared/i18n/index.js';
import { HttpError } from './http-error.js';

export function tooLarge(max: number): HttpError {
  return new HttpError(413, 'tooLarge', message('hub.http.tooLarge', { max }), { Connection: 'close' });
}

/** The body as UTF-8 text ('' when there is none), or HttpError 413. */
export async function readBodyText(req: IncomingMessage, max: number): Promise<string> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > max) throw tooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > max) throw tooLarge(max);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether the request says its body is JSON (charset and other parameters allowed). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const type = header.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}
