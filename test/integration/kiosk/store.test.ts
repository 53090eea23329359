import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database, { SqliteError } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBoth, render } from '../../../shared/i18n/index.js';
import { LEDGER_SQL } from '../../../electron/kiosk/ledger/ledger-store.js';
import { migrate } from '../../../electron/kiosk/store/migrate.js';
import { KIOSK_APPLICATION_ID, LATEST_VERSION, MIGRATIONS, type Migration } from '../../../electron/kiosk/store/migrations/index.js';
import { asStoreError, openKioskStore, rawDatabase, StoreError, type KioskStore, type StoreErrorKind } from '../../../electron/kiosk/store/open.js';

let dir: string;
const opened: KioskStore[] = [];
const raws: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucan-store-'));
});

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of raws.splice(0)) if (d.open) d.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(name = 'kiosk.db', opts?: { readonly?: boolean }): KioskStore {
  const s = openKioskStore(join(dir, name), opts);
  opened.push(s);
  return s;
}

function raw(file: string, opts?: Database.Options): Database.Database {
  const d = new Database(file, opts);
  raws.push(d);
  return d;
}

/** What openKioskStore threw, checked to be a StoreError of that kind. */
function openError(kind: StoreErrorKind, file: string, opts?: { readonly?: boolean }): StoreError {
  try {
    opened.push(openKioskStore(file, opts));
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    const se = e as StoreError;
    expect(se.kind).toBe(kind);
    return se;
  }
  throw new Error(`expected openKioskStore to fail with '${kind}'`);
}

function schemaOf(d: Database.Database): unknown[] {
  return d.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

function plan(d: Database.Database, sql: string, ...args: unknown[]): string[] {
  return d
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...args)
    .map((r) => r.detail);
}

describe('opening', () => {
  it('creates a new file with durable settings that read back as stated', () => {
    const s = open();
    const d = rawDatabase(s);
    expect(d.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(d.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(d.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(d.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(d.pragma('application_id', { simple: true })).toBe(KIOSK_APPLICATION_ID);
  });

  it('creates every table, index and trigger of the schema', () => {
    const names = (schemaOf(rawDatabase(open())) as { type: string; name: string }[]).map((r) => `${r.type} ${r.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'table settings',
        'table policies',
        'table operators',
        'table elders',
        'table elder_statuses',
        'table cards',
        'table ledger',
        'index elders_by_name',
        'index cards_by_elder',
        'index ledger_by_elder_date',
        'index ledger_by_date_kind',
        'index ledger_by_target',
        'trigger ledger_no_update',
        'trigger ledger_no_delete',
        'trigger ledger_append_in_order',
      ]),
    );
    expect(names).not.toContain('table card_scans');
  });

  it('reopens an existing store without migrating again, keeping its data', () => {
    const file = join(dir, 'kiosk.db');
    const first = openKioskStore(file);
    first.write((tx) => tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)').run('canteen_name', '东湖长者食堂'));
    first.close();
    const again = open();
    expect(again.read.stmt<{ value: string }>('SELECT value FROM settings WHERE key = ?').get('canteen_name')?.value).toBe('东湖长者食堂');
    expect(migrate(rawDatabase(again))).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
  });

  it('keeps the schema types strict: an amount of fen cannot be stored as text', () => {
    const s = open();
    expect(() =>
      s.write((tx) => tx.stmt('INSERT INTO policies (id, version, effective_from, document, installed_at) VALUES (?, ?, ?, ?, ?)').run('gz', 'two', '2026-01-01', '{}', 'x')),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('opens read-only without writing, and refuses writes with a clear message', () => {
    open().close();
    opened.pop();
    const ro = open('kiosk.db', { readonly: true });
    expect(ro.readonly).toBe(true);
    expect(ro.read.stmt<{ n: number }>('SELECT count(*) AS n FROM ledger').get()?.n).toBe(0);
    try {
      ro.write(() => 1);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).kind).toBe('readonly');
      expect(render((e as StoreError).text)).toContain('只读');
    }
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3 … in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('run from an empty file', () => {
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const s = openKioskStore(file);
    opened.push(s);
    expect(rawDatabase(s).pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('bring a file at every earlier user_version to the same schema as a new file', () => {
    const fresh = schemaOf(rawDatabase(open('fresh.db')));
    for (let v = 0; v < LATEST_VERSION; v++) {
      const file = join(dir, `v${v}.db`);
      const old = raw(file);
      migrate(old, MIGRATIONS.slice(0, v));
      expect(old.pragma('user_version', { simple: true })).toBe(v);
      old.close();
      const s = openKioskStore(file);
      opened.push(s);
      expect(rawDatabase(s).pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(schemaOf(rawDatabase(s))).toEqual(fresh);
    }
  });

  it('run each step in its own transaction: a failing step leaves the file at the step before', () => {
    const d = raw(join(dir, 'partial.db'));
    const foreignKeysBefore = d.pragma('foreign_keys', { simple: true });
    const failing: Migration = {
      version: LATEST_VERSION + 1,
      name: 'fails half-way',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(d, [...MIGRATIONS, failing])).toThrow('boom');
    expect(d.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(d.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(d.pragma('foreign_keys', { simple: true })).toBe(foreignKeysBefore); // switched off for the run, then restored
  });

  it('refuse a list with a missing number', () => {
    const d = raw(':memory:');
    const [first] = MIGRATIONS;
    if (first === undefined) throw new Error('no migrations');
    expect(() => migrate(d, [{ ...first, version: 2 }])).toThrow(/out of order/);
  });
});

describe('refusals at open', () => {
  it('a database from a newer Zhucan, naming both versions', () => {
    const file = join(dir, 'kiosk.db');
    openKioskStore(file).close();
    const d = raw(file);
    d.pragma(`user_version = ${LATEST_VERSION + 3}`);
    d.close();
    for (const readonly of [false, true]) {
      const e = openError('newer', file, { readonly });
      expect(render(e.text)).toContain(`数据版本 ${LATEST_VERSION + 3}`);
      expect(render(e.text)).toContain(`版本 ${LATEST_VERSION}`);
      expect(render(e.text, 'en')).toMatch(new RegExp(`version ${LATEST_VERSION + 3}.*up to version ${LATEST_VERSION}`));
    }
    // The file is left as it was.
    expect(raw(file).pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 3);
    const direct = raw(file);
    expect(() => migrate(direct)).toThrow(StoreError);
  });

  it('a text file named kiosk.db', () => {
    const file = join(dir, 'kiosk.db');
    writeFileSync(file, '这不是数据库 — just some notes somebody saved here\n'.repeat(40));
    const e = openError('corrupt', file);
    expect(render(e.text)).toBe(`数据库文件已损坏，无法打开：${file}。请不要删除它，联系技术支持从备份恢复。`);
    expect(e.code).toBe('SQLITE_NOTADB');
  });

  it('random bytes', () => {
    const file = join(dir, 'kiosk.db');
    writeFileSync(file, randomBytes(16384));
    expect(renderBoth(openError('corrupt', file).text)).toContain('The database file is damaged');
  });

  it('a truncated database', () => {
    const file = join(dir, 'kiosk.db');
    const s = openKioskStore(file);
    s.write((tx) => {
      const put = tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)');
      for (let i = 0; i < 2000; i++) put.run(`k${i}`, 'v'.repeat(200));
    });
    s.close();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const e = openError('corrupt', file);
    expect(e.code).toBe('SQLITE_CORRUPT');
    expect(e.message).toContain(file);
  });

  it('a SQLite database of another program', () => {
    const file = join(dir, 'other.db');
    raw(file).exec('CREATE TABLE notes (body TEXT)');
    expect(render(openError('corrupt', file).text)).toBe(`这个文件不是助餐的数据库：${file}`);
  });

  it('a missing file (read-only) or a missing folder', () => {
    expect(render(openError('notFound', join(dir, 'nope.db'), { readonly: true }).text)).toContain('找不到数据库文件');
    expect(render(openError('notFound', join(dir, 'no', 'such', 'kiosk.db')).text, 'en')).toContain('folder');
  });

  it('an older database opened read-only (it cannot be upgraded without writing)', () => {
    const file = join(dir, 'old.db');
    writeFileSync(file, '');
    expect(openError('readonly', file, { readonly: true }).text.key).toBe('store.open.older');
  });
});

describe('read and write handles', () => {
  it('the read handle refuses SQL that writes', () => {
    const s = open();
    expect(() => s.read.stmt("INSERT INTO settings (key, value) VALUES ('a', 'b')")).toThrow(/cannot run SQL that writes/);
    expect(() => s.read.stmt('DELETE FROM settings')).toThrow(TypeError);
  });

  it('prepares each SQL text once', () => {
    const s = open();
    const sql = 'SELECT value FROM settings WHERE key = ?';
    expect(s.read.stmt(sql)).toBe(s.read.stmt(sql));
    s.write((tx) => expect(tx.stmt(sql)).toBe(s.read.stmt(sql)));
  });

  it('write is all or nothing', () => {
    const s = open();
    const count = (): number | undefined => s.read.stmt<{ n: number }>('SELECT count(*) AS n FROM settings').get()?.n;
    expect(() =>
      s.write((tx) => {
        tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)').run('a', '1');
        tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)').run('b', '2');
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(count()).toBe(0);
    s.write((tx) => tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)').run('a', '1'));
    expect(count()).toBe(1);
  });

  it('runs in BEGIN IMMEDIATE: the write lock is taken before fn reads anything', () => {
    const s = open();
    const other = raw(join(dir, 'kiosk.db'));
    other.pragma('busy_timeout = 0');
    s.write(() => {
      expect(rawDatabase(s).inTransaction).toBe(true);
      // Another writer cannot start while we hold the reserved lock, even though fn wrote nothing yet.
      expect(() => other.prepare('BEGIN IMMEDIATE').run()).toThrow(/locked|busy/i);
    });
  });

  it('refuses an async fn and keeps nothing it wrote', () => {
    const s = open();
    expect(() =>
      s.write((tx) => {
        tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)').run('a', '1');
        return Promise.resolve();
      }),
    ).toThrow(/cannot return a promise/);
    expect(s.read.stmt('SELECT * FROM settings').all()).toEqual([]);
  });

  it('a write handle stops working when its transaction ends', () => {
    const s = open();
    const kept = s.write((tx) => tx);
    expect(() => kept.stmt('DELETE FROM settings')).toThrow(/transaction has ended/);
  });

  it("another connection's lock comes out as 'locked'", () => {
    const s = open();
    rawDatabase(s).pragma('busy_timeout = 50'); // the mapping is under test here, not the 5 s wait
    const other = raw(join(dir, 'kiosk.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      s.write((tx) => tx.stmt("INSERT INTO settings (key, value) VALUES ('a', 'b')").run());
      throw new Error('expected a lock failure');
    } catch (e) {
      expect(asStoreError(e)?.kind).toBe('locked');
      expect(render((e as StoreError).text)).toContain('另一个程序');
    } finally {
      other.prepare('ROLLBACK').run();
    }
  });
});

describe('asStoreError', () => {
  it.each<[string, StoreErrorKind | null]>([
    ['SQLITE_FULL', 'full'],
    ['SQLITE_CORRUPT', 'corrupt'],
    ['SQLITE_CORRUPT_INDEX', 'corrupt'],
    ['SQLITE_NOTADB', 'corrupt'],
    ['SQLITE_BUSY', 'locked'],
    ['SQLITE_BUSY_SNAPSHOT', 'locked'],
    ['SQLITE_LOCKED', 'locked'],
    ['SQLITE_READONLY', 'readonly'],
    ['SQLITE_READONLY_DBMOVED', 'readonly'],
    ['SQLITE_IOERR', 'io'],
    ['SQLITE_IOERR_FSYNC', 'io'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['SQLITE_CONSTRAINT_TRIGGER', null],
    ['SQLITE_CONSTRAINT_UNIQUE', null],
    ['SQLITE_ERROR', null],
  ])('%s → %s', (code, kind) => {
    const e = asStoreError(new SqliteError('from sqlite', code));
    expect(e?.kind ?? null).toBe(kind);
    if (e !== null) {
      expect(e.code).toBe(code);
      expect(render(e.text)).not.toMatch(/^store\./);
      expect(render(e.text, 'en')).toMatch(/not saved/);
    }
  });

  it('leaves anything that is not a SQLite failure alone, and maps a StoreError to itself', () => {
    expect(asStoreError(new Error('bug'))).toBeNull();
    expect(asStoreError('text')).toBeNull();
    const se = new StoreError('full', { key: 'store.error.full' });
    expect(asStoreError(se)).toBe(se);
  });

  it('tells the cashier the disk is full and nothing was saved', () => {
    const e = asStoreError(new SqliteError('database or disk is full', 'SQLITE_FULL'));
    expect(e && renderBoth(e.text)).toBe('磁盘已满，这次操作没有保存。请清理磁盘空间后重试。 / The disk is full; this was not saved. Free some disk space and try again.');
  });
});

describe('query plans of the hot queries', () => {
  function seeded(): Database.Database {
    const d = rawDatabase(open());
    d.exec(`
      INSERT INTO elders (id, name, birth_date, sex, id_masked, id_hash, created_at, updated_at)
        VALUES ('e1', '张三', '1940-05-01', 'M', '110105********1234', 'h1', 'x', 'x');
      INSERT INTO cards (uid, elder_id, state, bound_at) VALUES ('04A1B2C3', 'e1', 'active', 'x');
    `);
    return d;
  }

  function usesIndex(details: string[], index: string): void {
    expect(details.join(' | ')).toContain(index);
    // A SCAN of a table is a read of every row; a SEARCH goes through a b-tree.
    expect(details.filter((d) => /^SCAN (ledger|elders|cards)\b/.test(d))).toEqual([]);
  }

  it('head lookup goes straight to the last seq', () => {
    const details = plan(seeded(), LEDGER_SQL.head);
    expect(details.join(' | ')).toContain('SEARCH ledger USING INTEGER PRIMARY KEY');
    usesIndex(details, 'INTEGER PRIMARY KEY');
  });

  it('closed-day lookup uses (service_date, kind)', () => {
    usesIndex(plan(seeded(), LEDGER_SQL.dayClose, '2026-11-24'), 'USING COVERING INDEX ledger_by_date_kind (service_date=? AND kind=?)');
  });

  it('day-close scan of one service date uses (service_date, kind)', () => {
    usesIndex(plan(seeded(), 'SELECT seq, kind, elder_id, body FROM ledger WHERE service_date = ? ORDER BY service_date', '2026-11-24'), 'ledger_by_date_kind (service_date=?)');
  });

  it("an elder's meals over a date range use (elder_id, service_date)", () => {
    usesIndex(
      plan(seeded(), "SELECT seq, kind, service_date, period_id FROM ledger WHERE elder_id = ? AND service_date BETWEEN ? AND ? AND kind IN ('checkin', 'void')", 'e1', '2026-11-23', '2026-11-29'),
      'ledger_by_elder_date (elder_id=? AND service_date>? AND service_date<?)',
    );
  });

  it('voids of a record use the target_seq index', () => {
    usesIndex(plan(seeded(), "SELECT seq FROM ledger WHERE target_seq = ? AND kind = 'void'", 7), 'ledger_by_target (target_seq=?)');
  });

  it('roster look-ups use their indexes', () => {
    const d = seeded();
    usesIndex(plan(d, 'SELECT uid FROM cards WHERE elder_id = ?', 'e1'), 'cards_by_elder');
    usesIndex(plan(d, 'SELECT id FROM elders WHERE name = ?', '张三'), 'elders_by_name');
    usesIndex(plan(d, 'SELECT id FROM elders WHERE id_hash = ?', 'h1'), 'sqlite_autoindex_elders');
  });
});
