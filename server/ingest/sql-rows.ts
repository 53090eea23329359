/**
 * Multi-row statements for the ingest's hot path: one INSERT … VALUES (…), (…) per chunk instead of
 * one round trip per row — at 500 records a batch, the difference between a bench that keeps up with
 * a bare INSERT and one that does not.
 */
import { jsonParam } from '../db/index.js';
import type { HubQueries, SqlParam } from '../db/index.js';

/** PostgreSQL allows 65 535 parameters in one statement; stay well under it. */
const MAX_PARAMS = 30_000;

/**
 * Runs `INSERT INTO table (columns) VALUES … suffix` for `rows`, in as few statements as the
 * parameter limit allows. `casts` gives a column's cast where the text parameter needs one
 * (e.g. '::jsonb', '::text[]'); other columns take PostgreSQL's inference from the target column.
 */
export async function insertRows(
  db: HubQueries,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  options: { readonly casts?: Readonly<Record<string, string>>; readonly suffix?: string } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const width = columns.length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
  const casts = columns.map((c) => options.casts?.[c] ?? '');
  let written = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: SqlParam[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      if (row.length !== width) throw new RangeError(`insertRows(${table}): a row has ${row.length} values for ${width} columns`);
      const slots: string[] = [];
      for (let i = 0; i < width; i++) {
        params.push(row[i] ?? null);
        slots.push(`$${params.length}${casts[i] ?? ''}`);
      }
      tuples.push(`(${slots.join(', ')})`);
    }
    written += await db.execute(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${options.suffix ?? ''}`, params);
  }
  return written;
}

/**
 * `INSERT INTO table (columns) SELECT … FROM jsonb_to_recordset($1)`: the rows as ONE jsonb
 * parameter. For wide rows (a meal has 27 columns) this beats a VALUES list of thousands of
 * placeholders, which PostgreSQL must parse and plan afresh on every batch; the JSON is parsed once,
 * in C. `columns` are [name, SQL type] in the table's terms; each row is an object keyed by name.
 */
export async function insertJsonRows(
  db: HubQueries,
  table: string,
  columns: readonly (readonly [string, string])[],
  rows: readonly object[],
  suffix = '',
): Promise<number> {
  if (rows.length === 0) return 0;
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  return db.execute(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types}) ${suffix}`, [jsonParam(rows)]);
}
