import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CSP_DIRECTIVES,
  KIOSK_CSP,
  SECURITY_HEADERS,
  contentTypeFor,
  createAppProtocolHandler,
  messagePageUrl,
  resolveAppPath,
} from '../../../electron/app/csp.js';

/** The directives of a CSP string, as name → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== undefined && words[0] !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('the Content-Security-Policy', () => {
  const csp = directives(KIOSK_CSP);

  it('has no unsafe-* source anywhere', () => {
    expect(KIOSK_CSP).not.toMatch(/unsafe/i);
    expect(KIOSK_CSP).not.toMatch(/\*/);
  });

  it("starts from default-src 'none' and allows scripts only from ourselves", () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
  });

  it('is exactly the agreed policy', () => {
    expect(KIOSK_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "media-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
    expect(Object.keys(CSP_DIRECTIVES)).toHaveLength(csp.size);
  });

  it('is sent with every response, with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(KIOSK_CSP);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('resolving app:// paths', () => {
  const root = path.resolve('/srv/zhucan/dist/renderer/kiosk');

  it('serves files under the root, "/" as index.html', () => {
    expect(resolveAppPath(root, 'app://kiosk/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://kiosk')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://kiosk/index.html#display')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://kiosk/assets/index-Zg0SqKiR.js?v=1')).toEqual({ ok: true, file: path.join(root, 'assets', 'index-Zg0SqKiR.js') });
    expect(resolveAppPath(root, 'app://kiosk/assets/%E5%AD%97.png')).toEqual({ ok: true, file: path.join(root, 'assets', '字.png') });
  });

  it('keeps plain dot-dot inside the root (URL parsing resolves it against "/")', () => {
    const result = resolveAppPath(root, 'app://kiosk/../../../etc/passwd');
    expect(result.ok && result.file).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('refuses encoded traversal, encoded separators and absolute paths', () => {
    for (const url of [
      'app://kiosk/..%2f..%2fetc%2fpasswd',
      'app://kiosk/..%2F..%2Fetc/passwd',
      'app://kiosk/assets/..%5c..%5c..%5cWindows%5cwin.ini',
      'app://kiosk/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://kiosk/%252e%252e/x',
      'app://kiosk/%2fetc%2fpasswd',
      'app://kiosk//etc/passwd',
      'app://kiosk/C:/Windows/win.ini',
      'app://kiosk/C%3A%5CWindows%5Cwin.ini',
      'app://kiosk/..\\..\\secret',
      'app://kiosk/index.html%00.png',
      'app://kiosk/index.html:stream',
      'app://kiosk/assets/',
    ]) {
      const result = resolveAppPath(root, url);
      // %252e%252e decodes once to the name "%2e%2e": a plain (odd) file name inside the root, not "..".
      if (url.includes('%252e')) {
        expect(result.ok && result.file, url).toBe(path.join(root, '%2e%2e', 'x'));
        continue;
      }
      expect(result.ok, url).toBe(false);
    }
  });

  it('refuses bad percent-encoding, other hosts and other schemes', () => {
    expect(resolveAppPath(root, 'app://kiosk/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'app://kiosk@evil/index.html')).toMatchObject({ ok: false });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'https://kiosk/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, '/etc/passwd')).toMatchObject({ ok: false, status: 400 });
  });

  it('holds with Windows path rules too', () => {
    const winRoot = 'C:\\Program Files\\Zhucan\\resources\\app.asar\\dist\\renderer\\kiosk';
    expect(resolveAppPath(winRoot, 'app://kiosk/assets/a.js', path.win32)).toEqual({ ok: true, file: `${winRoot}\\assets\\a.js` });
    for (const url of ['app://kiosk/..%5c..%5cx', 'app://kiosk/C:/x', 'app://kiosk/%5c%5cserver%5cshare', 'app://kiosk/a%3a%5cb', 'app://kiosk/..%2fx']) {
      expect(resolveAppPath(winRoot, url, path.win32).ok, url).toBe(false);
    }
  });
});

describe('the app:// handler', () => {
  const root = path.resolve('/srv/kiosk');
  const files = new Map<string, string>([
    [path.join(root, 'index.html'), '<!doctype html><title>x</title>'],
    [path.join(root, 'assets', 'a.js'), 'console.log(1)'],
  ]);
  const handler = createAppProtocolHandler({
    root,
    readFile: (file) => {
      const text = files.get(file);
      if (text === undefined) return Promise.reject(Object.assign(new Error('nope'), { code: 'ENOENT' }));
      return Promise.resolve(new TextEncoder().encode(text));
    },
  });

  it('serves a file with its type and the security headers', async () => {
    const response = await handler({ url: 'app://kiosk/assets/a.js', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 for a missing file, 403 for traversal, 405 for a POST — all with the CSP', async () => {
    const missing = await handler({ url: 'app://kiosk/nothing.js', method: 'GET' });
    const traversal = await handler({ url: 'app://kiosk/..%2f..%2fetc%2fpasswd', method: 'GET' });
    const post = await handler({ url: 'app://kiosk/index.html', method: 'POST' });
    expect([missing.status, traversal.status, post.status]).toEqual([404, 403, 405]);
    for (const response of [missing, traversal, post]) expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await handler({ url: 'app://kiosk/', method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('types unknown files as opaque bytes', () => {
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('A.CSS')).toBe('text/css; charset=utf-8');
  });
});

describe('message pages (set-up, repeated crashes)', () => {
  it('are data: pages with no script and no unsafe-inline, their text escaped', () => {
    const url = messagePageUrl('Title <b>', ['line & <script>alert(1)</script>']);
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toMatch(/unsafe/);
    expect(html).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'/);
  });
});
