/**
 * The hub's one entry point: open the database (PGlite in a data folder, or PostgreSQL from
 * DATABASE_URL), bring its schema up to date, and serve HTTP; close it all in order. The command
 * line's `zhucan hub` and its admin commands open the store through here too, so every one of them
 * holds the data folder's lock: PGlite is one process's database, and a second process writing the
 * same folder would corrupt it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openHubDb } from './db/index.js';
import type { HubDb } from './db/index.js';
import { startHubHttpServer } from './http/hub-http-server.js';
import type { HubHttpServer } from './http/hub-http-server.js';
import type { HubLogger } from './http/logger.js';

export const DEFAULT_HUB_PORT = 8750;
export const DEFAULT_HUB_HOST = '127.0.0.1';
export const DEFAULT_HUB_DATA = 'zhucan-hub-data';

export interface HubStoreOptions {
  /** The PGlite data folder; ignored (and refused together with) databaseUrl. */
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
}

export interface HubStore {
  readonly db: HubDb;
  /** For people: the folder, or the PostgreSQL server without its password. */
  readonly where: string;
  close(): Promise<void>;
}

/** Thrown when another process holds the data folder (the hub is running, or an admin command is). */
export class HubStoreLocked extends Error {
  override readonly name = 'HubStoreLocked';
  constructor(readonly dir: string) {
    super(`the hub data folder ${dir} is in use by another process`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is someone else's — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes DIR/hub.lock (O_EXCL, holding our pid). A lock whose process is gone (a crash, kill -9) is
 * stale and taken over; a live one refuses. Released by the returned function.
 */
function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new HubStoreLocked(dir);
      rmSync(file, { force: true });
    }
  }
  throw new HubStoreLocked(dir);
}

function redacted(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'PostgreSQL';
  }
}

/** Opens (and migrates) the hub's database. Exactly one of dataDir and databaseUrl (see server/db/open.ts). */
export async function openHubStore(options: HubStoreOptions): Promise<HubStore> {
  const url = options.databaseUrl?.trim() ?? '';
  const dir = options.dataDir?.trim() ?? '';
  if (url !== '' && dir !== '') {
    // openHubDb refuses it too; saying it before taking a lock keeps the message plain.
    throw new Error('Give the hub either a data folder (PGlite) or DATABASE_URL (PostgreSQL), not both.');
  }
  if (url !== '') {
    const { db } = await openHubDb({ databaseUrl: url });
    return { db, where: redacted(url), close: () => db.close() };
  }
  const folder = resolve(dir === '' ? DEFAULT_HUB_DATA : dir);
  const unlock = lockFolder(folder);
  try {
    const { db } = await openHubDb({ dataDir: join(folder, 'pgdata') });
    return {
      db,
      where: folder,
      close: async () => {
        try {
          await db.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

export interface HubOptions extends HubStoreOptions {
  readonly host?: string;
  readonly port?: number;
  readonly publicUrl?: string;
  readonly staticDir: string;
  readonly logger: HubLogger;
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly where: string;
  /** Stops accepting, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const store = await openHubStore(options);
  let http: HubHttpServer;
  try {
    http = await startHubHttpServer({
      db: store.db,
      logger: options.logger,
      host: options.host ?? DEFAULT_HUB_HOST,
      port: options.port ?? DEFAULT_HUB_PORT,
      staticDir: options.staticDir,
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    url: http.url,
    port: http.port,
    where: store.where,
    close: async () => {
      try {
        await http.close();
      } finally {
        await store.close();
      }
    },
  };
}
