/**
 * `zhucan kiosk serve [--db FILE] [--port N] [--open]` (docs/cli.md): browser mode. The kiosk back end
 * over HTTP on 127.0.0.1 with a per-launch token, and the kiosk's screens (dist/renderer/kiosk) for any
 * browser on this computer — for the e2e tests, for development, and for sites that run the kiosk in
 * a browser instead of the Electron window.
 *
 * Unlike the other commands this one keeps running: it returns its Outcome (the address) as soon as
 * it listens, so `--json` prints that one object at once for a script or test to read, and the open
 * server keeps the process alive until SIGINT or SIGTERM closes the server and then the backend.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { message } from '../../shared/i18n/text.js';
import { openKioskBackend } from '../../electron/kiosk/api/backend.js';
import type { KioskBackend } from '../../electron/kiosk/api/backend-types.js';
import { failureOf } from '../../electron/kiosk/guard.js';
import { startKioskServer } from '../../electron/kiosk/serve/http-server.js';
import type { KioskServer } from '../../electron/kiosk/serve/http-server.js';
import { integer, parse } from './args.js';
import { done, refused, say, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { dbPath, KIOSK_OPTIONS, missingKiosk } from './kiosk-env.js';

const USAGE = 'usage: zhucan kiosk serve [--db FILE] [--port N] [--open] [--json]';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where `npm run build:renderer` puts the kiosk's screens (vite.renderer.config.ts). */
export const KIOSK_STATIC_DIR = join(REPO_ROOT, 'dist', 'renderer', 'kiosk');

const HOST = '127.0.0.1';
/** After the server and backend are closed, whatever still holds the process gets this long. */
const EXIT_GRACE_MS = 3_000;

/** Progress for a person, on stderr: with --json, stdout carries the one JSON object only. */
function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * The screens, built if they are not yet (a fresh checkout): friendlier than telling the person to
 * build them. The build's own output goes to stderr. False when it failed or cannot run here (an
 * install without the dev tools).
 */
function ensureScreens(): boolean {
  const index = join(KIOSK_STATIC_DIR, 'index.html');
  if (existsSync(index)) return true;
  note(say(message('serve.building')));
  const windows = process.platform === 'win32';
  const run = spawnSync(windows ? 'npm.cmd' : 'npm', ['run', 'build:renderer'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2], shell: windows });
  return run.status === 0 && existsSync(index);
}

/** A browser on the address, if the platform has a way to find one; any failure is ignored (the address is printed). */
function openBrowser(url: string): void {
  const [command, args, extra]: [string, string[], SpawnOptions] =
    process.platform === 'win32'
      ? // `start` is a cmd built-in; its first quoted argument is a window title. The URL holds no cmd metacharacters.
        ['cmd', ['/c', 'start', '""', url], { windowsVerbatimArguments: true }]
      : process.platform === 'darwin'
        ? ['open', [url], {}]
        : ['xdg-open', [url], {}];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', ...extra });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the person opens the printed address.
  }
}

/** SIGINT (Ctrl+C) or SIGTERM: close the server (ends event streams), then the backend (readers, database). */
function stopOnSignal(server: KioskServer, backend: KioskBackend, human: boolean): void {
  let stopping = false;
  const stop = (): void => {
    // A second Ctrl+C while closing: the person wants out now.
    if (stopping) process.exit(130);
    stopping = true;
    void server
      .close()
      .finally(() => {
        backend.close();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        if (human) process.stdout.write(`${say(message('serve.stopped'))}\n`);
        // Nothing should be left holding the event loop; if something is, do not hang the terminal.
        setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function serve(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, { db: KIOSK_OPTIONS.db, port: { type: 'string' }, open: { type: 'boolean' } });
  const port = integer(values.port, 'port') ?? 0;
  if (port < 0 || port > 65535) throw new UsageError('--port must be 0 to 65535 (0: any free port)');
  const file = dbPath(values.db);
  const missing = missingKiosk(file);
  if (missing !== null) return missing;
  if (!ensureScreens()) {
    const text = message('serve.buildFailed', { dir: REPO_ROOT });
    return refused({ error: 'build', message: say(text) }, [say(text)]);
  }

  let backend: KioskBackend;
  try {
    backend = openKioskBackend({
      dbFile: file,
      readers: 'none',
      // A bug behind a call: the screen says "internal error"; the person running the server sees why.
      onInternalError: (method, error) => note(`zhucan kiosk serve: internal error in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
  } catch (e) {
    const known = failureOf(e);
    if (known === null) throw e;
    return refused({ error: known.kind, message: say(known.message), file }, [`${say(known.message)} (${file})`]);
  }

  let server: KioskServer;
  try {
    server = await startKioskServer({ backend, staticDir: KIOSK_STATIC_DIR, host: HOST, port });
  } catch (e) {
    backend.close();
    const code = (e as NodeJS.ErrnoException).code;
    const text =
      code === 'EADDRINUSE'
        ? message('serve.portInUse', { port })
        : message('serve.listenFailed', { host: HOST, port, reason: e instanceof Error ? e.message : String(e) });
    return refused({ error: code === 'EADDRINUSE' ? 'portInUse' : 'listen', message: say(text), port }, [say(text)]);
  }

  stopOnSignal(server, backend, values.json !== true);
  if (values.open === true) openBrowser(server.url);
  // The address carries the launch's token: printed here, for the person at this computer, and nowhere else.
  return done({ url: server.url, origin: server.origin, port: server.port, file }, [
    say(message('serve.listening', { url: server.url })),
    say(message('serve.hint')),
    say(message('serve.stopHint')),
  ]);
}

/** `zhucan kiosk …`: the kiosk run as a whole (for now, `serve`). */
export async function kioskCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  if (sub === 'serve') return serve(rest);
  throw new UsageError(USAGE);
}
