/**
 * The kiosk's windows as data: the shell's own settings file, the web preferences every window gets,
 * the cashier window, the elder-facing display window and the screen it goes on, and when to stop
 * reloading a crashing screen. Only type imports from 'electron' (erased at build), so the whole file
 * runs and is tested in plain Node; main.ts passes these objects to `new BrowserWindow` unchanged.
 */
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';
import path from 'node:path';
import { z } from 'zod';
import { APP_ORIGIN } from './ipc-channels.js';

/**
 * The shell's settings, kept in shell.json next to kiosk.db (the kiosk's own settings live in the
 * database and reach the screen through the kiosk API; these are needed before any window exists).
 * A missing or damaged file means the defaults: a kiosk must start, and the defaults are the locked-down
 * ones.
 */
export const shellSettingsSchema = z.strictObject({
  /** Full screen with no way out by keyboard (Electron kiosk mode). Off only for set-up and service. */
  kiosk: z.boolean().default(true),
  /** Start Zhucan when the kiosk's user logs in (Windows, macOS; on Linux use the session's autostart). */
  startOnLogin: z.boolean().default(false),
  /** The elder-facing window: 'auto' opens it when a second screen is connected; 'off' never does. */
  displayWindow: z.enum(['auto', 'off']).default('auto'),
});
export type ShellSettings = z.infer<typeof shellSettingsSchema>;

export const DEFAULT_SHELL_SETTINGS: ShellSettings = { kiosk: true, startOnLogin: false, displayWindow: 'auto' };

/** The settings read from shell.json's text (null when there is no file), and what was wrong with it. */
export function parseShellSettings(text: string | null): { settings: ShellSettings; problem: string | null } {
  if (text === null) return { settings: DEFAULT_SHELL_SETTINGS, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: DEFAULT_SHELL_SETTINGS, problem: 'shell.json is not JSON; using the defaults' };
  }
  const parsed = shellSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
    return { settings: DEFAULT_SHELL_SETTINGS, problem: `shell.json ignored (${where}); using the defaults` };
  }
  return { settings: parsed.data, problem: null };
}

/** The command-line switches the shell knows. Anything else is ignored (Chromium takes its own). */
export interface ShellArgs {
  /** First run with no database: prepare the demo canteen instead of showing the set-up page. */
  readonly demo: boolean;
  /** `--db=FILE`: this database instead of the one in the user-data folder (`npm start` passes zhucan-data/kiosk.db). */
  readonly db: string | null;
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const db = argv.find((a) => a.startsWith('--db='))?.slice('--db='.length) ?? '';
  return { demo: argv.includes('--demo'), db: db === '' ? null : db };
}

/** The page each window loads; the elder-facing display is the same page told apart by its hash. */
export const CASHIER_URL = `${APP_ORIGIN}/index.html`;
export const DISPLAY_URL = `${APP_ORIGIN}/index.html#display`;

export interface WindowContext {
  /** Absolute path of the compiled preload (a single CommonJS file: sandboxed preloads cannot require ours). */
  readonly preload: string;
  /** app.isPackaged: dev tools exist only in development. */
  readonly packaged: boolean;
}

/**
 * The same locked-down preferences for every window (STYLE.md 12: tests use these too). The page gets
 * no Node, runs in Chromium's sandbox, and sees only what the preload hands it through the context
 * bridge. Autoplay needs no gesture because the elder-facing screen is never touched, yet plays tones.
 */
export function secureWebPreferences(context: WindowContext): WebPreferences {
  return {
    preload: context.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: !context.packaged,
    autoplayPolicy: 'no-user-gesture-required',
  };
}

const TITLE = 'Zhucan 助餐';
const BACKGROUND = '#fff8ef';

/** The cashier's window, on the primary screen: kiosk mode from the shell settings. */
export function cashierWindowOptions(settings: ShellSettings, context: WindowContext): BrowserWindowConstructorOptions {
  return {
    title: TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    kiosk: settings.kiosk,
    fullscreen: settings.kiosk,
    autoHideMenuBar: true,
    // Shown on 'ready-to-show', so the cashier never sees a white flash at start.
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: secureWebPreferences(context),
  };
}

/**
 * The elder-facing window, full screen on the given screen. Never focusable: a keyboard-wedge card
 * reader types into whichever window has focus, and that must always be the cashier's.
 */
export function displayWindowOptions(bounds: Rectangle, context: WindowContext): BrowserWindowConstructorOptions {
  return {
    title: `${TITLE} — display`,
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    fullscreen: true,
    frame: false,
    focusable: false,
    skipTaskbar: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: secureWebPreferences(context),
  };
}

/** What the shell needs to know of a screen; Electron's `Display` has these fields (and more). */
export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rectangle;
  readonly internal?: boolean;
}

/**
 * Where the elder-facing window goes: a screen other than the primary (the cashier's), preferring an
 * external one over a built-in panel, then the largest, then the lowest id so the choice is stable
 * across restarts. Null when there is only one screen or the setting is 'off': a one-screen kiosk
 * shows the amount on the cashier's screen.
 */
export function chooseDisplayBounds(
  displays: readonly DisplayInfo[],
  primaryId: number,
  setting: ShellSettings['displayWindow'] = 'auto',
): Rectangle | null {
  if (setting === 'off') return null;
  const others = displays.filter((d) => d.id !== primaryId);
  const area = (d: DisplayInfo): number => d.bounds.width * d.bounds.height;
  const best = [...others].sort(
    (a, b) => Number(a.internal === true) - Number(b.internal === true) || area(b) - area(a) || a.id - b.id,
  )[0];
  return best === undefined ? null : { ...best.bounds };
}

/** A renderer that dies is reloaded, but not forever: 3 deaths within a minute and the shell gives up. */
export const CRASH_LIMIT = 3;
export const CRASH_WINDOW_MS = 60_000;

/**
 * Records one renderer crash at `now` (ms) given the earlier ones; `giveUp` when this one makes
 * CRASH_LIMIT within CRASH_WINDOW_MS — a screen crashing in a loop would otherwise flash forever and hide
 * the fault from the cashier, who must be told to call for help.
 */
export function noteCrash(history: readonly number[], now: number): { history: number[]; giveUp: boolean } {
  const recent = [...history.filter((t) => now - t < CRASH_WINDOW_MS), now];
  return { history: recent, giveUp: recent.length >= CRASH_LIMIT };
}

/**
 * The folder holding the app's package.json, found from the folder of the running main script: the
 * same answer for the packaged bundle (app.asar/dist/electron/app/main.js), the bundle run from the
 * repository (`electron dist/electron/app/main.js`, where app.getAppPath() would not be the repository
 * because package.json names no main) and the TypeScript source. Null when there is none up to the
 * file system's root.
 */
export function findAppRoot(startDir: string, exists: (file: string) => boolean, pathApi: Pick<typeof path, 'dirname' | 'join'> = path): string | null {
  let dir = startDir;
  for (;;) {
    if (exists(pathApi.join(dir, 'package.json'))) return dir;
    const parent = pathApi.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Where the window files are, under the app root. */
export function appPaths(appRoot: string): { renderer: string; preload: string } {
  return {
    renderer: path.join(appRoot, 'dist', 'renderer', 'kiosk'),
    preload: path.join(appRoot, 'dist', 'electron', 'app', 'preload.cjs'),
  };
}
