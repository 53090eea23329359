/**
 * The real hub for the system tests, in the test's own process tree: the hub's store (openHubStore:
 * PGlite in a data folder under its lock, or a PostgreSQL database) and its HTTP server on 127.0.0.1,
 * with a clock the test moves. It can be stopped and started again on the same port over the same
 * data, the way a district's server goes down for a week and comes back:
 *
 *   const engines = useSystemHubEngines();              // PGlite and a real PostgreSQL, hooks registered
 *   const hub = await startTestHub(await engine.location(), clock);
 *   await hub.stop();  …  await hub.start();           // same URL, same data
 *
 * Between stop() and start() the port refuses connections, so a kiosk sees exactly what it sees when
 * the hub's machine is off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { HubDb } from '../../server/db/index.js';
import { openHubStore } from '../../server/hub-server.js';
import type { HubStore, HubStoreOptions } from '../../server/hub-server.js';
import { startHubHttpServer } from '../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../server/http/hub-http-server.js';
import { silentLogger } from '../../server/http/logger.js';
import { startPostgres } from './postgres.js';
import type { PostgresServer } from './postgres.js';

/** The hub's wall clock, in ms: the test sets it; every request reads it. */
export class HubClock {
  constructor(public now: number) {}

  readonly iso = (): string => new Date(this.now).toISOString();
}

export interface TestHub {
  /** http://127.0.0.1:PORT — the same across stop() / start(). */
  readonly url: string;
  readonly port: number;
  /** The open database (throws while the hub is stopped). */
  readonly db: HubDb;
  readonly running: boolean;
  /** Closes HTTP, then the database: the port refuses connections until start(). */
  stop(): Promise<void>;
  /** Opens the same data again and listens on the same port. */
  start(): Promise<void>;
}

export interface SystemHubEngine {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** Where a new hub keeps its data: a fresh PGlite folder or a fresh PostgreSQL database. */
  location(): Promise<HubStoreOptions>;
}

/**
 * PGlite in temp folders and one PostgreSQL 15 server for the file (started in beforeAll, stopped in
 * afterAll with the folders). Hubs started from these locations must be stopped by the test.
 */
export function useSystemHubEngines(): readonly SystemHubEngine[] {
  const dirs: string[] = [];
  let server: PostgresServer | null = null;
  beforeAll(async () => {
    server = await startPostgres();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    server = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return [
    {
      name: 'PGlite',
      location() {
        const dir = mkdtempSync(join(tmpdir(), 'zhucan-system-hub-'));
        dirs.push(dir);
        return Promise.resolve({ dataDir: join(dir, 'hub-data') });
      },
    },
    {
      name: 'PostgreSQL',
      async location() {
        if (server === null) throw new Error('the PostgreSQL server is not running');
        return { databaseUrl: await server.createDatabase() };
      },
    },
  ];
}

export async function startTestHub(location: HubStoreOptions, clock: HubClock): Promise<TestHub> {
  // The hub serves the district web app from here; the API tests need none of it (a folder that
  // does not exist: a page request is a 404).
  const staticDir = join(tmpdir(), `zhucan-system-no-web-app-${process.pid}`);
  let store: HubStore | null = null;
  let http: HubHttpServer | null = null;
  let port = 0;

  async function open(): Promise<void> {
    const opened = await openHubStore(location);
    try {
      http = await startHubHttpServer({ db: opened.db, logger: silentLogger, host: '127.0.0.1', port, staticDir, now: clock.iso });
    } catch (e) {
      await opened.close();
      throw e;
    }
    store = opened;
    port = http.port;
  }

  await open();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    get db(): HubDb {
      if (store === null) throw new Error('the hub is stopped');
      return store.db;
    },
    get running(): boolean {
      return store !== null;
    },
    async stop() {
      const [h, s] = [http, store];
      http = null;
      store = null;
      try {
        await h?.close();
      } finally {
        await s?.close();
      }
    },
    async start() {
      if (store !== null) return;
      await open();
    },
  };
}

/** Stops the hub if it runs; for afterEach / finally. */
export async function stopQuietly(hub: TestHub | null): Promise<void> {
  if (hub?.running === true) await hub.stop();
}
