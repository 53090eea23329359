/**
 * The Electron main process: a thin shell that wires the kiosk back end (electron/kiosk, plain Node)
 * to two windows through the kiosk API table. Every setting lives in the data modules next to this
 * file (window-options, csp, ipc-channels), which are tested in plain Node; this file only hands them
 * to Electron and is not unit-tested (no Electron binary in CI).
 *
 * Packaged, it runs as dist/electron/app/main.js, bundled by build/compile-main.js.
 */
import { app, BrowserWindow, ipcMain, powerSaveBlocker, protocol, screen, session } from 'electron';
import type { IpcMainInvokeEvent, Rectangle, WebContents } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKioskBackend } from '../kiosk/api/backend.js';
import type { KioskBackend } from '../kiosk/api/backend-types.js';
import { prepareDemo } from '../kiosk/demo/demo-kiosk.js';
import { createAppProtocolHandler, messagePageUrl } from './csp.js';
import { APP_ORIGIN, APP_SCHEME, IPC_CHANNELS, checkSender } from './ipc-channels.js';
import {
  CASHIER_URL,
  DISPLAY_URL,
  appPaths,
  cashierWindowOptions,
  chooseDisplayBounds,
  displayWindowOptions,
  findAppRoot,
  noteCrash,
  parseShellArgs,
  parseShellSettings,
} from './window-options.js';
import type { ShellSettings, WindowContext } from './window-options.js';

// Before 'ready' (Electron refuses it later): app:// gets an origin of its own, counts as secure
// (so the page is a secure context) and may use fetch for its own assets.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);
// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
// A fixed, ASCII data folder (%APPDATA%\Zhucan, ~/.config/Zhucan) rather than one named after the
// product name ("Zhucan 助餐"): service staff type this path, backup scripts name it. Set before the
// single-instance lock, which lives there.
app.setPath('userData', path.join(app.getPath('appData'), 'Zhucan'));

/** Writes to stderr: the shell has no logger of its own and must not fail silently. */
function log(message: string): void {
  process.stderr.write(`[zhucan shell] ${message}\n`);
}

interface Shell {
  readonly context: WindowContext;
  readonly settings: ShellSettings;
  backend: KioskBackend | null;
  cashier: BrowserWindow | null;
  display: BrowserWindow | null;
  /** The screen the display window was opened on. */
  displayBounds: Rectangle | null;
  /** Our windows' webContents ids: only these may call the back end. */
  readonly ours: Set<number>;
}

/** Deny everything a kiosk page could use to leave the kiosk: navigation, pop-ups, webviews. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function denyPermissions(): void {
  const s = session.defaultSession;
  // The screens need no browser permission: speech synthesis, audio and our own files ask for none.
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
}

function readShellSettings(file: string): ShellSettings {
  let text: string | null = null;
  try {
    text = existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch (error: unknown) {
    log(`cannot read ${file}: ${String(error)}`);
  }
  const { settings, problem } = parseShellSettings(text);
  if (problem !== null) log(problem);
  return settings;
}

/** Reloads a window whose renderer died; after 3 deaths in a minute shows a page saying so instead. */
function reloadOnCrash(window: BrowserWindow, url: string): void {
  let crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const noted = noteCrash(crashes, Date.now());
    crashes = noted.history;
    log(`renderer gone (${details.reason}, exit ${details.exitCode}); ${noted.giveUp ? 'giving up' : 'reloading'}`);
    const target = noted.giveUp
      ? messagePageUrl('屏幕程序反复出错 The screen keeps failing', [
          '这块屏幕的程序在一分钟内崩溃了 3 次，已停止自动重启。请重启电脑；如果仍然出错，请联系维护人员。',
          'This screen crashed 3 times within a minute and is no longer restarted. Restart the computer; if it happens again, call for service.',
          '已记录的就餐不受影响。Meals already recorded are safe.',
        ])
      : url;
    void window.loadURL(target).catch((error: unknown) => log(`reload failed: ${String(error)}`));
  });
}

/** The cashier's window (our page, or `problemPage` instead) and, on a second screen, the elder's. */
function createWindows(shell: Shell, problemPage: string | null): void {
  const cashier = new BrowserWindow(cashierWindowOptions(shell.settings, shell.context));
  shell.cashier = cashier;
  wire(shell, cashier, problemPage ?? CASHIER_URL);
  cashier.once('ready-to-show', () => cashier.show());
  cashier.on('closed', () => {
    shell.cashier = null;
    // The display window alone is no kiosk: closing the cashier's window ends the app.
    app.quit();
  });

  if (problemPage !== null) return;
  syncDisplayWindow(shell);
  // The elder's screen is often switched on after the PC, or unplugged for cleaning.
  screen.on('display-added', () => syncDisplayWindow(shell));
  screen.on('display-removed', () => syncDisplayWindow(shell));
  screen.on('display-metrics-changed', () => syncDisplayWindow(shell));
}

/** Opens, moves or closes the elder-facing window to match the screens connected now. */
function syncDisplayWindow(shell: Shell): void {
  const bounds = chooseDisplayBounds(screen.getAllDisplays(), screen.getPrimaryDisplay().id, shell.settings.displayWindow);
  const current = shell.display !== null && !shell.display.isDestroyed() ? shell.display : null;
  if (current !== null) {
    // Compared with the screen it was opened for, not its own bounds (full screen can differ by a few px).
    const was = shell.displayBounds;
    const same = bounds !== null && was !== null && was.x === bounds.x && was.y === bounds.y && was.width === bounds.width && was.height === bounds.height;
    if (same) return;
    // A full-screen window does not move well between screens: close it and open a new one.
    shell.display = null;
    current.close();
  }
  if (bounds === null) return;
  const display = new BrowserWindow(displayWindowOptions(bounds, shell.context));
  shell.display = display;
  shell.displayBounds = bounds;
  wire(shell, display, DISPLAY_URL);
  // showInactive: the cashier's window keeps the focus (wedge readers type into the focused window).
  display.once('ready-to-show', () => display.showInactive());
  display.on('closed', () => {
    if (shell.display === display) shell.display = null;
  });
}

function wire(shell: Shell, window: BrowserWindow, url: string): void {
  const id = window.webContents.id;
  shell.ours.add(id);
  window.on('closed', () => shell.ours.delete(id));
  if (shell.context.packaged) {
    // Belt and braces with devTools: false in webPreferences.
    window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  }
  reloadOnCrash(window, url);
  void window.loadURL(url).catch((error: unknown) => log(`cannot load ${url}: ${String(error)}`));
}

function setupPageUrl(dbFile: string): string {
  return messagePageUrl('助餐收银机尚未设置 Zhucan is not set up yet', [
    '这台收银机还没有数据库。请维护人员用 zhucan setup 建好数据库并放到下面的位置（见 docs/deploy.md），或以 --demo 启动体验演示食堂。',
    'This kiosk has no database yet. Service staff make one with `zhucan setup` and put it at the path below (see docs/deploy.md), or start Zhucan with --demo for the demo canteen.',
    dbFile,
  ]);
}

function fromOurMainFrame(shell: Shell, event: IpcMainInvokeEvent): boolean {
  if (!shell.ours.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  return frame !== null && checkSender(frame.url, frame.parent === null, APP_ORIGIN);
}

function start(): void {
  const userData = app.getPath('userData');
  const args = parseShellArgs(process.argv);
  const dbFile = args.db === null ? path.join(userData, 'kiosk.db') : path.resolve(args.db);
  const appRoot = app.isPackaged ? app.getAppPath() : findAppRoot(path.dirname(fileURLToPath(import.meta.url)), existsSync);
  if (appRoot === null) throw new Error('cannot find the app folder (no package.json above the main script)');
  const paths = appPaths(appRoot);
  const shell: Shell = {
    context: { preload: paths.preload, packaged: app.isPackaged },
    settings: readShellSettings(path.join(userData, 'shell.json')),
    backend: null,
    cashier: null,
    display: null,
    displayBounds: null,
    ours: new Set(),
  };

  denyPermissions();
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ root: paths.renderer, readFile: (file) => readFile(file) }),
  );
  if (process.platform === 'win32' || process.platform === 'darwin') {
    app.setLoginItemSettings({ openAtLogin: shell.settings.startOnLogin });
  }

  if (!existsSync(dbFile) && args.demo) {
    const demo = prepareDemo(dbFile, new Date().toISOString());
    log(`demo canteen prepared at ${demo.file} (${demo.elders} elders)`);
  }
  let problemPage: string | null = existsSync(dbFile) ? null : setupPageUrl(dbFile);
  if (problemPage === null) {
    try {
      const backend = openKioskBackend({
        dbFile,
        readers: 'hid',
        onInternalError: (method, error) => log(`internal error in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      });
      shell.backend = backend;
      backend.subscribe((event) => {
        for (const window of [shell.cashier, shell.display]) {
          if (window !== null && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event);
        }
      });
    } catch (error: unknown) {
      // A damaged or newer database: say so on the screen rather than die with no window at all.
      const detail = error instanceof Error ? error.message : String(error);
      log(`cannot open ${dbFile}: ${detail}`);
      problemPage = messagePageUrl('数据库无法打开 The kiosk database cannot be opened', [
        '请不要删除或改动数据文件，并联系维护人员。Do not delete or edit the data file; call for service.',
        dbFile,
        detail,
      ]);
    }
  }

  ipcMain.handle(IPC_CHANNELS.call, async (event, name: unknown, input: unknown) => {
    if (!fromOurMainFrame(shell, event)) throw new Error('refused: not a Zhucan screen');
    if (typeof name !== 'string') throw new Error('refused: method name is not a string');
    if (shell.backend === null) throw new Error('refused: the kiosk is not set up');
    return shell.backend.call(name, input);
  });

  // The screens must stay lit during service: the OS's display sleep would blank the elder's screen.
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  app.on('will-quit', () => {
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    shell.backend?.close();
    shell.backend = null;
  });

  app.on('second-instance', () => {
    const window = shell.cashier;
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  createWindows(shell, problemPage);
}

// One kiosk process per user: a second would open the same database and readers.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(`start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      app.exit(1);
    });
}
