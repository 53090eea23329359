import { describe, expect, it } from 'vitest';
import {
  CASHIER_URL,
  CRASH_LIMIT,
  CRASH_WINDOW_MS,
  DEFAULT_SHELL_SETTINGS,
  DISPLAY_URL,
  appPaths,
  cashierWindowOptions,
  chooseDisplayBounds,
  displayWindowOptions,
  findAppRoot,
  noteCrash,
  parseShellArgs,
  parseShellSettings,
  secureWebPreferences,
} from '../../../electron/app/window-options.js';
import type { DisplayInfo } from '../../../electron/app/window-options.js';

const production = { preload: '/opt/zhucan/resources/app.asar/dist/electron/app/preload.cjs', packaged: true };
const development = { ...production, packaged: false };

describe('web preferences', () => {
  it('lock every window down the same way', () => {
    const prefs = secureWebPreferences(production);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      preload: production.preload,
    });
    for (const options of [cashierWindowOptions(DEFAULT_SHELL_SETTINGS, production), displayWindowOptions({ x: 0, y: 0, width: 10, height: 10 }, production)]) {
      expect(options.webPreferences).toEqual(prefs);
    }
  });

  it('allow dev tools only when not packaged', () => {
    expect(secureWebPreferences(production).devTools).toBe(false);
    expect(secureWebPreferences(development).devTools).toBe(true);
    // Everything else stays the production setting in development (STYLE.md 12).
    expect({ ...secureWebPreferences(development), devTools: false }).toEqual(secureWebPreferences(production));
  });
});

describe('the windows', () => {
  it('cashier: kiosk and full screen from the settings, hidden until ready', () => {
    const locked = cashierWindowOptions(DEFAULT_SHELL_SETTINGS, production);
    expect(locked).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    const service = cashierWindowOptions({ ...DEFAULT_SHELL_SETTINGS, kiosk: false }, production);
    expect(service).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('display: on the given screen, full screen, never takes the focus from the cashier', () => {
    const options = displayWindowOptions({ x: 1920, y: 0, width: 1280, height: 1024 }, production);
    expect(options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 1024, fullscreen: true, focusable: false, frame: false });
  });

  it('load our page; the display is the same page with #display', () => {
    expect(CASHIER_URL).toBe('app://kiosk/index.html');
    expect(DISPLAY_URL).toBe('app://kiosk/index.html#display');
  });
});

describe('choosing the elder-facing screen', () => {
  const primary: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, internal: true };
  const small: DisplayInfo = { id: 7, bounds: { x: 1920, y: 0, width: 800, height: 600 } };
  const big: DisplayInfo = { id: 5, bounds: { x: -1280, y: 0, width: 1280, height: 1024 } };
  const builtIn: DisplayInfo = { id: 3, bounds: { x: 0, y: 1080, width: 1920, height: 1080 }, internal: true };

  it('none with one screen', () => {
    expect(chooseDisplayBounds([primary], 1)).toBeNull();
    expect(chooseDisplayBounds([], 1)).toBeNull();
  });

  it('the other screen when there are two', () => {
    expect(chooseDisplayBounds([primary, small], 1)).toEqual(small.bounds);
    // The primary can be any of them.
    expect(chooseDisplayBounds([primary, small], 7)).toEqual(primary.bounds);
  });

  it('an external screen over a built-in one, then the largest, the same choice whatever the order', () => {
    expect(chooseDisplayBounds([primary, builtIn, small], 1)).toEqual(small.bounds);
    expect(chooseDisplayBounds([small, big, primary], 1)).toEqual(big.bounds);
    expect(chooseDisplayBounds([big, small, primary], 1)).toEqual(big.bounds);
  });

  it("none when the setting is 'off'", () => {
    expect(chooseDisplayBounds([primary, small], 1, 'off')).toBeNull();
  });

  it('returns a copy, not the display object', () => {
    const bounds = chooseDisplayBounds([primary, small], 1);
    expect(bounds).not.toBe(small.bounds);
  });
});

describe('shell settings and switches', () => {
  it('default to the locked-down kiosk when there is no file', () => {
    expect(parseShellSettings(null)).toEqual({ settings: DEFAULT_SHELL_SETTINGS, problem: null });
    expect(DEFAULT_SHELL_SETTINGS).toEqual({ kiosk: true, startOnLogin: false, displayWindow: 'auto' });
  });

  it('read what is set, defaults for the rest', () => {
    expect(parseShellSettings('{"kiosk": false, "startOnLogin": true}').settings).toEqual({ kiosk: false, startOnLogin: true, displayWindow: 'auto' });
  });

  it('fall back to the defaults, and say why, when the file is damaged or wrong', () => {
    const notJson = parseShellSettings('{kiosk: false');
    expect(notJson.settings).toEqual(DEFAULT_SHELL_SETTINGS);
    expect(notJson.problem).toMatch(/not JSON/);
    const wrong = parseShellSettings('{"kiosk": "no", "fullscreen": true}');
    expect(wrong.settings).toEqual(DEFAULT_SHELL_SETTINGS);
    expect(wrong.problem).toMatch(/kiosk/);
  });

  it('--demo only when given', () => {
    expect(parseShellArgs(['electron', '.', '--demo']).demo).toBe(true);
    expect(parseShellArgs(['electron', '.']).demo).toBe(false);
    expect(parseShellArgs(['electron', '.', '--db=zhucan-data/kiosk.db']).db).toBe('zhucan-data/kiosk.db');
    expect(parseShellArgs(['electron', '.', '--db=']).db).toBeNull();
    expect(parseShellArgs(['electron', '.']).db).toBeNull();
  });
});

describe('crash reloads', () => {
  it(`reload up to ${CRASH_LIMIT - 1} times a minute, then give up`, () => {
    let history: number[] = [];
    const at = [0, 10_000];
    for (const t of at) {
      const noted = noteCrash(history, t);
      expect(noted.giveUp).toBe(false);
      history = noted.history;
    }
    expect(noteCrash(history, 20_000).giveUp).toBe(true);
  });

  it('forget crashes older than a minute', () => {
    const noted = noteCrash([0, 1_000], CRASH_WINDOW_MS + 1_000);
    expect(noted.giveUp).toBe(false);
    expect(noted.history).toEqual([CRASH_WINDOW_MS + 1_000]);
  });
});

describe('finding the app folder', () => {
  const files = new Set(['/opt/zhucan/resources/app.asar/package.json', '/home/dev/zhucan/package.json']);
  const exists = (file: string): boolean => files.has(file);

  it('walks up from the main script to the folder with package.json', () => {
    expect(findAppRoot('/opt/zhucan/resources/app.asar/dist/electron/app', exists)).toBe('/opt/zhucan/resources/app.asar');
    expect(findAppRoot('/home/dev/zhucan/dist/electron/app', exists)).toBe('/home/dev/zhucan');
    expect(findAppRoot('/home/dev/zhucan/electron/app', exists)).toBe('/home/dev/zhucan');
    expect(findAppRoot('/tmp/elsewhere', exists)).toBeNull();
  });

  it('puts the screens and the preload under dist/', () => {
    expect(appPaths('/home/dev/zhucan')).toEqual({
      renderer: '/home/dev/zhucan/dist/renderer/kiosk',
      preload: '/home/dev/zhucan/dist/electron/app/preload.cjs',
    });
  });
});
