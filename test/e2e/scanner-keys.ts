/**
 * Keys as a keyboard-wedge reader sends them, for the Chromium tests: trusted key events through the
 * DevTools protocol, with the page's clock paused for the burst (see scanAtScannerSpeed).
 */
import type { Page } from 'playwright-core';

/** The fields of the DevTools protocol's Input.dispatchKeyEvent that a keyboard sends. */
export interface KeyEvent {
  type: 'keyDown' | 'keyUp' | 'rawKeyDown';
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  modifiers?: number;
  text?: string;
  unmodifiedText?: string;
}

/** The key events a US-layout keyboard wedge sends for one character (Shift around capitals and '_'). */
export function keyEventsFor(ch: string): KeyEvent[] {
  let code: string;
  let vk: number;
  let shift = false;
  if (/^[0-9]$/.test(ch)) [code, vk] = [`Digit${ch}`, ch.charCodeAt(0)];
  else if (/^[a-zA-Z]$/.test(ch)) [code, vk, shift] = [`Key${ch.toUpperCase()}`, ch.toUpperCase().charCodeAt(0), ch !== ch.toLowerCase()];
  else if (ch === '.') [code, vk] = ['Period', 190];
  else if (ch === '-' || ch === '_') [code, vk, shift] = ['Minus', 189, ch === '_'];
  else throw new Error(`no key for ${JSON.stringify(ch)} in this test`);
  const modifiers = shift ? 8 : 0;
  const key: KeyEvent = { type: 'keyDown', key: ch, code, windowsVirtualKeyCode: vk, text: ch, unmodifiedText: ch, modifiers };
  const up: KeyEvent = { type: 'keyUp', key: ch, code, windowsVirtualKeyCode: vk, modifiers };
  if (!shift) return [key, up];
  const shiftKey = { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 };
  return [{ type: 'rawKeyDown', ...shiftKey, modifiers: 8 }, key, up, { type: 'keyUp', ...shiftKey, modifiers: 0 }];
}

/**
 * A scanner's burst as trusted key events, then Enter, with the page's clock stopped meanwhile.
 *
 * A scanner sends its keys a few milliseconds apart whatever else is going on. This test's keys cross
 * Node, playwright and the browser process one by one, and on a loaded machine that was seen to stall
 * for 30–90 ms in the middle of a burst (with keyboard.type(…, { delay: 2 }) too): the page's flush
 * timer then rightly takes the keys for a person's. Stopping the page's clock (playwright's fake timers,
 * which also stamp each event with the page's time) for the burst keeps the harness's stalls out of
 * what the page sees; the timing rules themselves are tested on a fake clock in
 * test/unit/wedge/scan-detector.test.ts.
 */
export async function scanAtScannerSpeed(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  const events: KeyEvent[] = [...[...text].flatMap(keyEventsFor), { type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r' }, { type: 'keyUp', ...enter }];
  // Pausing moves the page's clock forward a little first, firing what was due (typing held before).
  // The page's own time: it runs ahead of this process's after earlier pauses, and pauseAt only goes forward.
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(pageNow + 1_000);
  try {
    for (const e of events) await cdp.send('Input.dispatchKeyEvent', e);
  } finally {
    await page.clock.resume();
    await cdp.detach();
  }
}

