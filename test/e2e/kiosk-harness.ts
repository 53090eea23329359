/**
 * End-to-end harness: a fresh demo canteen in a temp folder, the real back end and the real HTTP
 * server of browser mode (in this process, so the test owns the clock), and Debian's Chromium driven
 * by playwright-core. Tests wait for what the page announces (`zhucan:*` events, elements appearing),
 * never for a fixed time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { kioskBackendOn } from '../../electron/kiosk/api/backend.js';
import type { KioskBackend } from '../../electron/kiosk/api/backend-types.js';
import { DEMO_SEED, prepareDemo } from '../../electron/kiosk/demo/demo-kiosk.js';
import { buildDemoRoster } from '../../electron/kiosk/demo/demo-roster.js';
import { kioskOn } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { scanAtScannerSpeed } from './scanner-keys.js';
import { startKioskServer } from '../../electron/kiosk/serve/http-server.js';
import type { KioskServer } from '../../electron/kiosk/serve/http-server.js';
import { openKioskStore } from '../../electron/kiosk/store/open.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC_DIR = join(ROOT, 'dist/renderer/kiosk');

/** The demo canteen's people: PINs from the demo roster. */
export const CASHIER = { id: 'cashier', name: '陈收银', pin: '1357' } as const;
export const MANAGER = { id: 'manager', name: '梁经理', pin: '246810' } as const;

/** 2026-11-24 12:00 in Guangzhou (lunch, a Tuesday): a time the demo policy subsidises. */
export const LUNCH_TUESDAY = '2026-11-24T04:00:00.000Z';

export function ensureRendererBuilt(): void {
  if (existsSync(join(STATIC_DIR, 'index.html'))) return;
  execFileSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see README.md)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A clock that runs in real time from `startIso`, and that a test can move forward. */
export class TestClock {
  private offset: number;
  constructor(startIso: string) {
    this.offset = Date.parse(startIso) - Date.now();
  }
  readonly now = (): number => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
  set(iso: string): void {
    this.offset = Date.parse(iso) - Date.now();
  }
}

export interface RunningKiosk {
  readonly dir: string;
  readonly clock: TestClock;
  readonly kiosk: Kiosk;
  readonly backend: KioskBackend;
  readonly server: KioskServer;
  /** A new browser context holding the launch cookie, and a page on the cashier's window. */
  openPage(browser: Browser, hash?: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startKiosk(at: string = LUNCH_TUESDAY): Promise<RunningKiosk> {
  ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-e2e-'));
  const file = join(dir, 'kiosk.db');
  prepareDemo(file, at);
  const clock = new TestClock(at);
  const kiosk = kioskOn(openKioskStore(file), clock.now);
  const backend = kioskBackendOn(kiosk, {
    onInternalError: (method, e) => {
      process.stderr.write(`internal error in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    },
  });
  const server = await startKioskServer({ backend, staticDir: STATIC_DIR, port: 0 });
  return {
    dir,
    clock,
    kiosk,
    backend,
    server,
    async openPage(browser, hash = '') {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      await recordEvents(context);
      const page = await context.newPage();
      // Playwright's clock, running in real time: scan() pauses it for a burst, tests may fast-forward it.
      await page.clock.install();
      await page.goto(server.url);
      if (hash !== '') await page.goto(`${server.origin}/${hash}`);
      return { context, page };
    },
    async close() {
      await server.close();
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo roster, as generated (the same seed prepareDemo uses): pick elders and cards for a test. */
export function demoRoster(): ReturnType<typeof buildDemoRoster> {
  return buildDemoRoster(DEMO_SEED);
}

/** A card UID (8 hex digits) as an 8H10D reader types it: 10 decimal digits. */
export function dec10(uidHex: string): string {
  return String(parseInt(uidHex, 16)).padStart(10, '0');
}

/**
 * Types a scan the way a keyboard-wedge reader does — the keys in one burst, then Enter — with the
 * page's clock paused meanwhile, so a stall of this machine between two keys is not seen by the page
 * as a person typing (test/e2e/scanner-keys.ts says why).
 */
export async function scan(page: Page, text: string): Promise<void> {
  await scanAtScannerSpeed(page, text);
}

/**
 * Records every `zhucan:*` event the page dispatches (announce() in renderer/ui/announce.ts), from
 * before the page's own scripts run, so a test can wait for the n-th one without a race.
 */
const RECORD_EVENTS = `(() => {
  const seen = [];
  Object.defineProperty(window, '__zhucanEvents', { value: seen });
  const dispatch = window.dispatchEvent.bind(window);
  window.dispatchEvent = (e) => {
    if (e.type.startsWith('zhucan:')) seen.push({ name: e.type.slice(7), detail: e.detail });
    return dispatch(e);
  };
})();`;

export async function recordEvents(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORD_EVENTS });
}

/** How many `zhucan:<name>` events the page has dispatched so far. */
export async function eventCount(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => (globalThis as unknown as { __zhucanEvents: { name: string }[] }).__zhucanEvents.filter((e) => e.name === n).length, name);
}

/** Waits for the (k+1)-th `zhucan:<name>` event of the page (k = a count taken before) and returns its detail. */
export async function eventAfter(page: Page, name: string, k: number): Promise<Record<string, unknown>> {
  const handle = await page.waitForFunction(
    ([n, count]) => {
      const all = (globalThis as unknown as { __zhucanEvents: { name: string; detail: Record<string, unknown> }[] }).__zhucanEvents.filter((e) => e.name === n);
      return all.length > count ? all[count]?.detail : undefined;
    },
    [name, k] as const,
  );
  return (await handle.jsonValue()) as Record<string, unknown>;
}

/** Runs `action`, then waits for the next `zhucan:<name>` event after it and returns its detail. */
export async function after(page: Page, name: string, action: () => Promise<void>): Promise<Record<string, unknown>> {
  const before = await eventCount(page, name);
  await action();
  return eventAfter(page, name, before);
}

/** Signs in on the sign-in screen by clicking the operator and typing the PIN. */
export async function signIn(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByRole('button', { name: who.name }).click();
  await page.getByTestId('pin-input').fill(who.pin);
  await page.keyboard.press('Enter');
  await page.getByTestId('operator-name').waitFor();
}

/** What a browser test works with; its fields are the current test's (set by useKioskInBrowser's hooks). */
export interface InBrowser {
  browser: Browser;
  kiosk: RunningKiosk;
  context: BrowserContext;
  page: Page;
}

/**
 * The hooks of a browser test file: Chromium once for the file; for each test a fresh demo kiosk and
 * (unless `openPage: false` — the test then calls `open()`) a page on the cashier's window, signed in
 * as `signInAs` when given; all closed after the test.
 */
export function useKioskInBrowser(opts: { openPage?: boolean; signInAs?: { name: string; pin: string }; at?: string } = {}): InBrowser & {
  open(): Promise<Page>;
} {
  const state = {} as InBrowser & { open(): Promise<Page> };
  let opened: BrowserContext | null = null;
  state.open = async () => {
    ({ context: state.context, page: state.page } = await state.kiosk.openPage(state.browser));
    opened = state.context;
    return state.page;
  };
  beforeAll(async () => {
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser.close();
  });
  beforeEach(async () => {
    state.kiosk = await startKiosk(opts.at);
    opened = null;
    if (opts.openPage === false) return;
    await state.open();
    if (opts.signInAs !== undefined) await signIn(state.page, opts.signInAs);
  });
  afterEach(async () => {
    await opened?.close();
    await state.kiosk.close();
  });
  return state;
}
