/**
 * Keyboard-wedge scanning in a real Chromium with trusted key events: a scanner's burst is caught and kept
 * out of the focused field; a person's typing reaches the field (and React's state) intact; a scan with
 * nothing focused is still caught. The page is test/e2e/fixtures/wedge-page.tsx with the renderer's
 * hook, bundled by esbuild.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { scanAtScannerSpeed as scan } from './scanner-keys.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const HOOK = fileURLToPath(new URL('../../renderer/kiosk/wedge/use-wedge-scanner.ts', import.meta.url));

/** The page's own record of what happened, read by the test (set up by the bundle entry below). */
interface PageState {
  __scans: string[];
  __typed: string[];
  __pressed: number;
}

/** The little of the page's globals the test reads; this file is checked without DOM types. */
interface PageGlobals extends PageState {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    activeElement: { tagName: string } | null;
  };
}

/**
 * The bundle entry: wires the real hook into the fixture page. It lives here, not in a .tsx under test/,
 * because it touches the DOM and the root tsconfig (Node types only) checks everything under test/.
 */
const ENTRY = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { useWedgeScanner } from ${JSON.stringify(HOOK)};
import { WedgePage } from './fixtures/wedge-page.js';

window.__scans = [];
window.__typed = [];
window.__pressed = 0;
createRoot(document.getElementById('root')).render(
  createElement(WedgePage, {
    useWedgeScanner,
    settings: { maxGapMs: 35, minLength: 6, prefix: '', suffix: '' },
    onScan: (text) => window.__scans.push(text),
    onTyped: (text) => window.__typed.push(text),
    onPressed: () => { window.__pressed += 1; },
  }),
);
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: HERE, sourcefile: 'wedge-entry.tsx', loader: 'tsx' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('esbuild produced no output');
  return out.text;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyboard wedge in Chromium', () => {
  let browser: Browser | undefined;
  let script = '';
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install it with \`apt-get install chromium\``);
    script = await bundle();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    if (browser === undefined) throw new Error('the browser did not start');
    page = await browser.newPage();
    // Fail in seconds, not playwright's 30 s, when an expected scan never comes.
    page.setDefaultTimeout(10_000);
    // The page's timers run in real time except while scan() holds them (see there).
    await page.clock.install();
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    // Injected as a script element rather than inline in the HTML: the bundle may contain "</script>".
    await page.addScriptTag({ content: script });
    await page.locator('#search').waitFor();
  });

  afterEach(async () => {
    await page.close();
  });

  const state = (): Promise<PageState> =>
    page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return { __scans: [...w.__scans], __typed: [...w.__typed], __pressed: w.__pressed };
    });

  /** Waits until the page has logged `n` scans. */
  const scansLogged = (n: number): Promise<unknown> => page.waitForFunction((count) => (globalThis as unknown as PageGlobals).__scans.length === count, n);

  /** Waits until React's state for the search field (shown in #query) is `text`. */
  const queryIs = (text: string): Promise<unknown> =>
    page.waitForFunction((want) => (globalThis as unknown as PageGlobals).document.querySelector('#query')?.textContent === want, text);

  it('a card scanned into the focused search field is a scan, and the field stays empty', async () => {
    await page.locator('#search').focus();
    await scan(page, '0012345678');
    await scansLogged(1);

    expect(await state()).toEqual({ __scans: ['0012345678'], __typed: [], __pressed: 0 });
    expect(await page.locator('#search').inputValue()).toBe('');
    expect(await page.locator('#query').textContent()).toBe('');
    await expect(page.locator('#scans li').allTextContents()).resolves.toEqual(['0012345678']);
  });

  it('a person typing "wang" at 60–200 ms a key sees "wang" in the field and in React’s state, and no scan', async () => {
    await page.locator('#search').focus();
    const delays = [60, 200, 110];
    for (const [i, ch] of [...'wang'].entries()) {
      await page.keyboard.press(ch);
      // Pacing of the typist, not a wait for a result.
      if (i < delays.length) await pause(delays[i] ?? 100);
    }
    // The controlled field's value comes from React state: this shows React took every replayed key.
    await queryIs('wang');
    expect(await page.locator('#search').inputValue()).toBe('wang');

    // Enter after the typing passes through as usual; it is not a scan.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await queryIs('wan');
    expect(await state()).toEqual({ __scans: [], __typed: [], __pressed: 0 });
  });

  it('a scan after typing does not touch the typed text; typing resumes at the caret', async () => {
    const search = page.locator('#search');
    await search.focus();
    for (const ch of 'li') {
      await page.keyboard.press(ch);
      await pause(80);
    }
    await queryIs('li');
    await scan(page, '3301061950');
    await scansLogged(1);
    expect(await search.inputValue()).toBe('li');

    await page.keyboard.press('Home');
    await page.keyboard.press('x');
    await queryIs('xli');
    expect((await state()).__scans).toEqual(['3301061950']);
  });

  it('a scan with nothing focused is caught, and a slow key goes to onTyped', async () => {
    await page.locator('#search').focus();
    await page.locator('#search').blur();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.tagName)).toBe('BODY');
    await scan(page, 'ZC1.aB3-x_Y9');
    await scansLogged(1);
    expect((await state()).__scans).toEqual(['ZC1.aB3-x_Y9']);

    await page.keyboard.press('7');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__typed.length === 1);
    expect(await state()).toEqual({ __scans: ['ZC1.aB3-x_Y9'], __typed: ['7'], __pressed: 0 });
    expect(await page.locator('#search').inputValue()).toBe('');
  });

  it('Space and Enter still press a focused button; a scan there is still caught and presses nothing', async () => {
    await page.locator('#other').focus();
    await page.keyboard.press(' ');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__pressed === 1);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__pressed === 2);

    await scan(page, '0012345678');
    await scansLogged(1);
    expect(await state()).toEqual({ __scans: ['0012345678'], __typed: [], __pressed: 2 });
  });
});
