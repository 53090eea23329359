/**
 * `zhucan start [--db FILE] [--port N] [--browser]` — what `npm start` runs: the demo canteen, opened
 * in the Electron window where the Electron binary and a display are available, and otherwise in
 * browser mode (`zhucan kiosk serve --open`): the address is printed and opened in a browser if one
 * is found.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDemo } from '../../electron/kiosk/demo/demo-kiosk.js';
import { parse } from './args.js';
import { electronBinary } from './electron-binary.js';
import { done } from './io.js';
import type { Outcome } from './io.js';
import { kioskCommand } from './kiosk-serve.js';
import { dbPath, KIOSK_OPTIONS } from './kiosk-env.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A card UID (8 hex digits) as an 8H10D reader types it, the kiosk's default wedge format. */
function dec10(uid: string): string {
  return String(parseInt(uid, 16)).padStart(10, '0');
}

/** Linux needs a display server for a window; Windows and macOS always have one. */
function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return process.platform !== 'linux' || Boolean(env['DISPLAY']) || Boolean(env['WAYLAND_DISPLAY']);
}

function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

export async function startCommand(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db, port: { type: 'string' }, browser: { type: 'boolean' } });
  const file = dbPath(values.db);
  const demo = prepareDemo(file, new Date().toISOString());
  note(`演示食堂 / demo canteen: ${demo.identity.canteenName} — ${file}`);
  for (const o of demo.operators) note(`  ${o.role === 'manager' ? '店长 / manager' : '收银员 / cashier'} ${o.name}: PIN ${o.pin}`);
  for (const c of demo.sampleCards) note(`  试刷 / try a card: type ${dec10(c.uid)} then Enter (fast, as a reader does) — ${c.name}, ${c.note}`);
  note('  没有读卡器时可用「手工查找」/ without a reader, use 手工查找 (find by hand)');

  const binary = values.browser === true ? null : electronBinary();
  if (binary !== null && hasDisplay(process.env)) {
    const built = [
      spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] }),
      spawnSync(process.execPath, [join(REPO_ROOT, 'build/compile-main.js')], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] }),
    ];
    if (built.every((b) => b.status === 0)) {
      const child = spawn(binary, [join(REPO_ROOT, 'dist/electron/app/main.js'), '--demo', `--db=${file}`], { cwd: REPO_ROOT, stdio: 'inherit' });
      child.on('exit', (code) => process.exit(code ?? 0));
      return done({ mode: 'electron', file }, ['Zhucan 已在窗口中打开 / Zhucan opened in its window']);
    }
    note('无法构建窗口版，改用浏览器模式 / could not build the window version: using browser mode');
  } else if (values.browser !== true) {
    note(
      binary === null
        ? '没有 Electron 程序（未能下载），改用浏览器模式 / no Electron binary (it could not be downloaded): browser mode'
        : '没有显示器，改用浏览器模式 / no display: browser mode',
    );
  }
  return kioskCommand(['serve', '--db', file, '--open', ...(values.port === undefined ? [] : ['--port', values.port])]);
}
