/** The hub's ingest: uploads, re-pricing and what it flags. */
import type { Catalog } from './text.js';

export const hubIngestCatalog: Catalog = {};
