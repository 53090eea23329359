/**
 * A raw HTTP client for the hub's HTTP suites: node:http, so a test controls every header (Host,
 * Origin, Cookie, Content-Length) exactly as a hostile client would, which fetch does not allow.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface CallOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON with Content-Type application/json; a string or Buffer as is. */
  readonly body?: unknown;
  /** Declare this Content-Length, send only `body`, and take the answer without ending the request. */
  readonly declaredLength?: number;
}

export function call(port: number, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...options.headers };
  let payload: Buffer | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) payload = Buffer.from(options.body);
    else {
      payload = Buffer.from(JSON.stringify(options.body));
      headers['Content-Type'] ??= 'application/json';
    }
  }
  if (options.declaredLength !== undefined) headers['Content-Length'] = String(options.declaredLength);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
        req.destroy();
      });
    });
    // The hub closes the connection after refusing a body it will not read: writes may then fail.
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
    });
    if (payload !== undefined) req.write(payload);
    if (options.declaredLength === undefined) req.end();
  });
}

/** The `name=value` part of a Set-Cookie header for `name`, and the whole header. */
export function setCookie(answer: HttpAnswer, name: string): { value: string; header: string } | null {
  for (const header of answer.headers['set-cookie'] ?? []) {
    if (header.startsWith(`${name}=`)) return { value: header.slice(name.length + 1).split(';')[0] ?? '', header };
  }
  return null;
}
