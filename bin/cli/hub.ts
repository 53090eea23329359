/**
 * `zhucan hub [--data DIR] [--port N] [--host H] [--public-url URL] [--static DIR]` (docs/cli.md):
 * the district hub — its HTTP API and web app — until SIGINT or SIGTERM; and the console commands
 * beside it (district, account, token, device, openapi). Like `zhucan kiosk serve`, serving returns
 * its Outcome as soon as it listens (one JSON object with --json), and the open server keeps the
 * process alive; a signal stops accepting, lets requests in flight finish, then closes the database.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { message } from '../../shared/i18n/text.js';
import { openApiDocument } from '../../server/http/openapi.js';
import { hubRoutes } from '../../server/http/routes/index.js';
import type { HubLogger } from '../../server/http/logger.js';
import { DEFAULT_HUB_HOST, DEFAULT_HUB_PORT, HubStoreLocked, startHub } from '../../server/hub-server.js';
import type { RunningHub } from '../../server/hub-server.js';
import { integer, parse } from './args.js';
import { done, refused, say, UsageError } from './io.js';
import type { Outcome } from './io.js';
import { accountCommand, deviceCommand, districtCommand, tokenCommand } from './hub-admin.js';
import { hubQrKeyCommand } from './hub-qr-keys.js';
import { HUB_STORE_OPTIONS, storeOptions } from './hub-store.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the district web app's build goes (vite.district.config.ts). */
export const DISTRICT_STATIC_DIR = join(REPO_ROOT, 'dist', 'renderer', 'district');
const EXIT_GRACE_MS = 3_000;

/** One JSON line per event on stderr: stdout carries the command's own output only. */
const stderrLogger: HubLogger = {
  info: (event, fields) => process.stderr.write(`${JSON.stringify({ level: 'info', at: new Date().toISOString(), event, ...fields })}\n`),
  error: (event, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', at: new Date().toISOString(), event, ...fields })}\n`),
};

function stopOnSignal(hub: RunningHub, human: boolean): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    void hub.close().finally(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (human) process.stdout.write(`${say(message('hub.cli.stopped'))}\n`);
      setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function serve(argv: readonly string[]): Promise<Outcome> {
  const { values } = parse(argv, { ...HUB_STORE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, 'public-url': { type: 'string' }, static: { type: 'string' } });
  const port = integer(values.port, 'port') ?? DEFAULT_HUB_PORT;
  if (port < 0 || port > 65535) throw new UsageError('--port must be 0 to 65535 (0: any free port)');
  const host = values.host ?? DEFAULT_HUB_HOST;
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) throw new UsageError('--public-url is the origin people use, e.g. https://zhucan.example.gov.cn');
  // On every interface the Host header cannot be checked against a name we do not know.
  if ((host === '0.0.0.0' || host === '::') && publicUrl === undefined) throw new UsageError('--host 0.0.0.0 needs --public-url (the address kiosks and browsers use)');
  let hub: RunningHub;
  try {
    hub = await startHub({ ...storeOptions(values.data), host, port, staticDir: values.static ?? DISTRICT_STATIC_DIR, logger: stderrLogger, ...(publicUrl === undefined ? {} : { publicUrl }) });
  } catch (e) {
    if (e instanceof HubStoreLocked) {
      const text = message('hub.cli.locked', { dir: e.dir });
      return refused({ error: 'locked', message: say(text), dir: e.dir }, [say(text)]);
    }
    const text = message('hub.cli.openFailed', { reason: e instanceof Error ? e.message : String(e) });
    return refused({ error: (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'portInUse' : 'open', message: say(text) }, [say(text)]);
  }
  stopOnSignal(hub, values.json !== true);
  return done({ url: hub.url, port: hub.port, store: hub.where }, [say(message('hub.cli.listening', { url: hub.url, store: hub.where }))]);
}

/** `zhucan hub openapi [--out FILE]`: the document the hub serves (how docs/openapi.json is made). */
function openapi(argv: readonly string[]): Outcome {
  const { values } = parse(argv, { out: { type: 'string' } });
  const text = `${JSON.stringify(openApiDocument(hubRoutes()), null, 2)}\n`;
  if (values.out !== undefined) {
    writeFileSync(values.out, text);
    return done({ out: values.out }, [values.out]);
  }
  return done({ document: JSON.parse(text) as unknown }, [text.trimEnd()]);
}

const USAGE = `usage: zhucan hub [--data DIR] [--port N] [--host H] [--public-url URL] [--static DIR]
       zhucan hub district add --name NAME --region CODE | zhucan hub district list
       zhucan hub account add --district ID --login LOGIN --role admin|viewer [--password-file FILE]
       zhucan hub token add --login LOGIN --name NAME --scopes a,b | zhucan hub token revoke ID
       zhucan hub device revoke DEVICE_ID
       zhucan hub qr-key add --district ID --public-key FILE|KEY | retire --district ID --key-id KEYID | list --district ID
       zhucan hub openapi [--out FILE]`;

export async function hubCommand(argv: readonly string[]): Promise<Outcome> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'district':
      return districtCommand(rest);
    case 'account':
      return accountCommand(rest);
    case 'token':
      return tokenCommand(rest);
    case 'device':
      return deviceCommand(rest);
    case 'qr-key':
      return hubQrKeyCommand(rest);
    case 'openapi':
      return openapi(rest);
    case 'serve':
      return serve(rest);
    case undefined:
      return serve(argv);
    default:
      if (sub.startsWith('-')) return serve(argv);
      throw new UsageError(USAGE);
  }
}
