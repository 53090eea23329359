/**
 * One forward step of the hub's schema: plain PostgreSQL, run as it is on PGlite and on a server.
 * migrate() runs `sql` in its own transaction together with the schema_migrations row that records
 * it, so a crash leaves the database at a whole version. A migration never changes once released:
 * fix forward with the next number.
 */
export interface HubMigration {
  /** 1, 2, 3 …: its position in HUB_MIGRATIONS and its row in schema_migrations. */
  readonly version: number;
  readonly name: string;
  /** One or more statements, no parameters. */
  readonly sql: string;
}
