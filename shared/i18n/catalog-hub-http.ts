/** The hub's HTTP API and its command line. */
import type { Catalog } from './text.js';

export const hubHttpCatalog: Catalog = {};
