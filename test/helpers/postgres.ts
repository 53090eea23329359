/**
 * A real PostgreSQL 15 server for the hub's tests, started by the test run itself and stopped after
 * it: initdb into a temp folder, pg_ctl start on 127.0.0.1 and a free port, a database per test
 * file (or per test: `createDatabase()`), pg_ctl stop -m fast at the end, the folder removed.
 *
 *   const server = await startPostgres();          // in beforeAll
 *   const url = await server.createDatabase();      // postgres://postgres@127.0.0.1:PORT/hub_…
 *   await server.stop();                           // in afterAll
 *
 * initdb and the server refuse to run as root, so as root they run as the `postgres` user (the
 * Debian package's) and the temp folder is handed to it; as anyone else they run as that user.
 * No PostgreSQL installed is a failure with the command to fix it, never a skipped suite: the hub's
 * promise is to run on a real server, and a silently skipped suite would stop proving it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:PORT/<database> */
  url(database: string): string;
  /** Creates a new empty database (named `hub_<n>` unless given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** The server's log so far, for a failing test's message. */
  readonly logFile: string;
  stop(): Promise<void>;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** A command as the user who may run PostgreSQL: `runuser -u postgres --` when we are root. */
function asPostgresUser(bin: string, args: readonly string[]): [string, string[]] {
  const path = join(PG_BIN, bin);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, [...args]];
}

async function runPg(bin: string, args: readonly string[]): Promise<void> {
  const [cmd, argv] = asPostgresUser(bin, args);
  try {
    await run(cmd, argv, { timeout: 60_000 });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string; message?: string };
    throw new Error(`${bin} failed: ${out.message ?? String(e)}\n${out.stdout ?? ''}${out.stderr ?? ''}`, { cause: e });
  }
}

/** A port nobody listens on right now: bind port 0, read what the system gave, close. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Connects until the server answers, at most `timeoutMs`; pg_ctl -w has usually waited already. */
async function waitUntilReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (e) {
      last = e;
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`PostgreSQL on 127.0.0.1:${port} did not accept connections within ${timeoutMs} ms: ${String(last)}`);
}

export async function startPostgres(): Promise<PostgresServer> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 is not installed (${PG_BIN} is missing). The hub's tests run against a real server: ` +
        `install it with \`apt-get install postgresql\` (Debian 12 / Ubuntu: version 15), then run the tests again.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }

  let port = 0;
  try {
    // C collation, UTF-8: Chinese text is stored and compared byte-wise, the same on every machine.
    await runPg('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--no-locale', '--no-sync']);
    // A port found free can be taken by someone else before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await runPg('pg_ctl', [
          '-D',
          dataDir,
          '-l',
          logFile,
          '-w',
          '-t',
          '30',
          // Durability off: a throwaway test cluster, and fsync on a shared CI disk is slow.
          '-o',
          `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
          'start',
        ]);
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    await waitUntilReady(port, 30_000);
  } catch (e) {
    await runPg('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  let created = 0;
  let stopped = false;
  // pg_ctl detaches the server from us: if the test process ends without afterAll (a crash, a
  // timeout), stop it anyway rather than leave a postgres running and its folder behind.
  const onExit = (): void => {
    if (stopped) return;
    const [cmd, argv] = asPostgresUser('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
    try {
      execFileSync(cmd, argv, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // Already gone, or not ours to stop: nothing more to do at exit.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const url = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  return {
    port,
    logFile,
    url,
    async createDatabase(name) {
      created += 1;
      const database = name ?? `hub_${created}`;
      if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`A test database name must be a plain identifier, not ${database}`);
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8'`);
      } finally {
        await client.end();
      }
      return url(database);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      try {
        await runPg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
