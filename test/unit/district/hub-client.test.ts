/**
 * The district app's hub client, against a fake fetch: what it sends (cookie mode, CSRF on unsafe
 * methods only, the screen's language) and how it reads every kind of answer — parsed values, the
 * hub's refusals in its own words, answers that break the API's promise, no answer at all, and a
 * session that ended.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHubClient, urlOf } from '../../../renderer/district/api/hub-client.js';
import type { Locale } from '../../../shared/i18n/text.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  credentials: string | undefined;
}

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const s: Seen = {
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : null,
      credentials: init?.credentials,
    };
    seen.push(s);
    return answer(s);
  };
  return { fetch: f, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function client(answer: (s: Seen) => Response | Promise<Response>, locale: Locale = 'zh-CN') {
  let ended = 0;
  const fake = fakeFetch(answer);
  const c = createHubClient({ fetch: fake.fetch, locale: () => locale, onSessionEnded: () => (ended += 1) });
  return { c, seen: fake.seen, ended: () => ended };
}

const thing = z.strictObject({ n: z.int() });

describe('hub client', () => {
  it('sends GETs with the cookie, the language and no CSRF header; unsafe methods carry the CSRF token and JSON', async () => {
    const { c, seen } = client(() => json(200, { n: 1 }), 'en');
    c.setCsrfToken('tok-123');
    await c.get('/api/v1/things', thing, { from: '2026-11-01', canteenId: undefined, empty: '' });
    await c.send('POST', '/api/v1/things', thing, { name: '饭堂' });
    expect(seen[0]).toMatchObject({ url: '/api/v1/things?from=2026-11-01', method: 'GET', credentials: 'same-origin', body: null });
    expect(seen[0]?.headers['Accept-Language']).toBe('en');
    expect(seen[0]?.headers['X-Zhucan-CSRF']).toBeUndefined();
    expect(seen[1]).toMatchObject({ method: 'POST', body: '{"name":"饭堂"}' });
    expect(seen[1]?.headers['X-Zhucan-CSRF']).toBe('tok-123');
    expect(seen[1]?.headers['Content-Type']).toBe('application/json');
  });

  it('returns the value parsed with the schema', async () => {
    const { c } = client(() => json(200, { n: 7 }));
    await expect(c.get('/x', thing)).resolves.toEqual({ ok: true, value: { n: 7 } });
  });

  it('passes the hub’s refusal on in its own words and kind', async () => {
    const { c, ended } = client(() => json(409, { error: { kind: 'nameTaken', message: '本区已有名为“甲”的助餐点' } }));
    const r = await c.send('POST', '/api/v1/canteens', thing, {});
    expect(r).toEqual({ ok: false, error: { kind: 'nameTaken', status: 409, message: '本区已有名为“甲”的助餐点' } });
    expect(ended()).toBe(0);
  });

  it('a 401 anywhere but signing in means the session ended', async () => {
    const { c, ended } = client(() => json(401, { error: { kind: 'unauthenticated', message: '请先登录' } }));
    const r = await c.get('/api/v1/canteens', thing);
    expect(r.ok ? null : r.error.kind).toBe('unauthenticated');
    expect(ended()).toBe(1);
    // A wrong password at sign-in is also a 401, and is no ended session.
    await c.send('POST', '/api/v1/session', thing, { login: 'a', password: 'b' });
    expect(ended()).toBe(1);
  });

  it('words an answer that breaks the API’s promise, naming the field', async () => {
    const { c } = client(() => json(200, { n: 'seven' }));
    const r = await c.get('/x', thing);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('badResponse');
      expect(r.error.message).toContain('n');
      expect(r.error.message).toContain('刷新页面');
    }
  });

  it('words a non-JSON error page (a proxy’s) by its status, and no answer at all as offline', async () => {
    const proxy = client(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }), 'en');
    const r = await proxy.c.get('/x', thing);
    expect(r.ok ? null : r.error).toEqual({ kind: 'http502', status: 502, message: 'The district hub answered with an error (HTTP 502); try again later' });
    const down = client(() => Promise.reject(new TypeError('fetch failed')));
    const d = await down.c.get('/x', thing);
    expect(d.ok ? null : d.error.kind).toBe('offline');
    expect(d.ok ? null : d.error.message).toContain('连不上区平台');
  });

  it('exports ask the same URL with ?format= and name the file from Content-Disposition', async () => {
    const { c, seen } = client(
      () =>
        new Response('\uFEFF日期,餐数\r\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="daily.csv"; filename*=UTF-8''${encodeURIComponent('每日统计.csv')}` },
        }),
    );
    const r = await c.exportFile('/api/v1/counts/daily', { from: '2026-11-01', to: '2026-11-24' }, 'csv', 'fallback');
    expect(seen[0]?.url).toBe('/api/v1/counts/daily?from=2026-11-01&to=2026-11-24&format=csv');
    expect(r.ok ? r.value.fileName : null).toBe('每日统计.csv');
  });

  it('urlOf leaves out empty parameters and encodes the rest', () => {
    expect(urlOf('', '/a', { q: '东山 & 北京街', n: 3, none: undefined, blank: '' })).toBe('/a?q=%E4%B8%9C%E5%B1%B1+%26+%E5%8C%97%E4%BA%AC%E8%A1%97&n=3');
  });
});
