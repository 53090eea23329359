/**
 * How values cross between PostgreSQL and the hub's code — the same way on PGlite and on
 * node-postgres, whose defaults differ (pg returns bigint as a string and a date as a local-time Date;
 * PGlite returns bigint as a number or BigInt and a date as a UTC Date).
 *
 * Both drivers are given the same text parsers (`TYPE_PARSERS`), so a row has the same JavaScript
 * values on either engine:
 *   bigint, numeric  → the decimal text as PostgreSQL wrote it ('12', '-300'); the row's zod schema
 *                      turns it into a number with `dbInt` / `dbCount`, refusing anything beyond
 *                      Number.MAX_SAFE_INTEGER. Amounts are integer fen in bigint columns (sum() of
 *                      a bigint is numeric, which parses the same way); 2^53 fen is 90 trillion yuan,
 *                      so a number is exact, and a refusal here would mean corrupt data, not a big city.
 *   date             → 'YYYY-MM-DD' unchanged: a service date is a calendar date, never an instant.
 *   timestamptz      → an ISO 8601 instant with milliseconds and Z ('2026-11-24T04:12:33.120Z'),
 *                      exactly the ledger's `at` format, so a record read back hashes the same.
 *   json, jsonb      → JSON.parse of the text.
 *   everything else  → the driver's default (int4 → number, bool → boolean, text → string).
 *
 * Parameters go the other way as text: numbers, strings, booleans and null only (see SqlParam);
 * a jsonb value is passed as its JSON text (`jsonParam`), an instant as its ISO string.
 */
import { z } from 'zod';
import { localDateSchema } from '../../shared/dates.js';

/** PostgreSQL type OIDs (pg_type.oid), fixed since forever. */
export const PG_TYPE = {
  INT8: 20,
  JSON: 114,
  DATE: 1082,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
  JSONB: 3802,
} as const;

const identity = (text: string): string => text;
const parseJson = (text: string): unknown => JSON.parse(text);

/**
 * PostgreSQL's text form of a timestamptz ('2026-11-24 04:12:33.12+00', '… 12:12:33+08', with up to
 * six fraction digits and an offset of hours, minutes and seconds) as an ISO instant. Written by hand
 * because `new Date(text)` does not parse that form everywhere; sub-millisecond digits are dropped
 * (the ledger keeps milliseconds). 'infinity' and years outside 0001–9999 throw: no hub value has them.
 */
export function instantFromPg(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(text);
  if (m === null) throw new RangeError(`Not a timestamptz the hub can read: ${text}`);
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '0', os = '0'] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offsetSeconds * 1000;
  return new Date(utc).toISOString();
}

/** The parsers both drivers are given, by type OID. */
export const TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [PG_TYPE.INT8]: identity,
  [PG_TYPE.NUMERIC]: identity,
  [PG_TYPE.DATE]: identity,
  [PG_TYPE.TIMESTAMPTZ]: instantFromPg,
  [PG_TYPE.JSON]: parseJson,
  [PG_TYPE.JSONB]: parseJson,
};

/** What a query parameter may be: each crosses as text, identically on both drivers. */
export type SqlParam = string | number | boolean | null;

/**
 * A value for a json / jsonb parameter. Both drivers would serialise an object themselves, but pg
 * turns a JS array into a PostgreSQL array literal, not JSON; passing the text always is one rule.
 */
export function jsonParam(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('jsonParam: the value has no JSON form');
  return text;
}

const INTEGER_TEXT = /^-?\d+$/;

/**
 * A bigint / numeric / int column read back: decimal text (or a number, for int4 columns) as a
 * JavaScript number, refused beyond ±Number.MAX_SAFE_INTEGER rather than silently rounded.
 */
export const dbInt = z
  .union([z.number(), z.string().regex(INTEGER_TEXT, { error: 'an integer written in decimal digits' })])
  .transform((value, ctx) => {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n)) {
      ctx.addIssue({ code: 'custom', message: `${String(value)} is not a safe integer (beyond ±2^53 − 1)`, input: value });
      return z.NEVER;
    }
    return n;
  });

/** A count or a non-negative amount of fen. */
export const dbCount = dbInt.pipe(z.int().min(0));

/** A timestamptz read back (already an ISO instant, see TYPE_PARSERS). */
export const dbInstant = z.iso.datetime({ precision: 3 });

/** A date read back: 'YYYY-MM-DD'. */
export const dbLocalDate = localDateSchema;
