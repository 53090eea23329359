/**
 * A table as JSON for machines (a city data warehouse): the columns with their types and both
 * headers, and the rows with values as stored — amounts in integer fen, dates and instants as
 * strings — so nothing is rounded or localised on the way.
 */
import type { Table } from './table.js';

export const JSON_MIME = 'application/json; charset=utf-8';

export function toJson(table: Table): string {
  return JSON.stringify({ name: table.name, title: table.title, columns: table.columns, rows: table.rows });
}
