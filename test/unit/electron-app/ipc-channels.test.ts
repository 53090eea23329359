import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CHANNEL_PREFIX, IPC_CHANNELS, checkSender, originOf } from '../../../electron/app/ipc-channels.js';

describe('IPC channels', () => {
  it('are exactly call and event, each with the zhucan: prefix', () => {
    expect(IPC_CHANNELS).toEqual({ call: 'zhucan:call', event: 'zhucan:event' });
    for (const channel of Object.values(IPC_CHANNELS)) expect(channel.startsWith(CHANNEL_PREFIX)).toBe(true);
  });
});

describe('checkSender', () => {
  it("accepts our page's main frame, whatever the path, query or hash", () => {
    expect(checkSender('app://kiosk/index.html', true, APP_ORIGIN)).toBe(true);
    expect(checkSender('app://kiosk/index.html#display', true, APP_ORIGIN)).toBe(true);
    expect(checkSender('app://kiosk/index.html?x=1', true, 'app://kiosk')).toBe(true);
    expect(checkSender('app://KIOSK/index.html', true, APP_ORIGIN)).toBe(true);
  });

  it('refuses a sub-frame of our own page', () => {
    expect(checkSender('app://kiosk/index.html', false, APP_ORIGIN)).toBe(false);
  });

  it('refuses every other origin', () => {
    for (const url of [
      'https://kiosk/index.html',
      'http://kiosk/',
      'file:///opt/zhucan/dist/renderer/kiosk/index.html',
      'app://kiosk.evil.example/index.html',
      'app://evil/index.html',
      'app://kiosk:8080/index.html',
      'app://kiosk@evil/index.html',
      'app://user:pw@kiosk/index.html',
      'data:text/html,<p>hi</p>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/page.html',
      'not a url',
      '',
    ]) {
      expect(checkSender(url, true, APP_ORIGIN), url).toBe(false);
    }
    expect(checkSender(null, true, APP_ORIGIN)).toBe(false);
    expect(checkSender(undefined, true, APP_ORIGIN)).toBe(false);
  });

  it('refuses everything when the expected origin itself is no origin', () => {
    expect(checkSender('data:text/html,x', true, 'data:text/html,x')).toBe(false);
    expect(checkSender('app://kiosk/', true, 'nonsense')).toBe(false);
  });

  it('originOf ignores path, query and hash, and has no origin for opaque URLs', () => {
    expect(originOf('app://kiosk/a/b?c#d')).toBe('app://kiosk');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,x')).toBeNull();
  });
});
