/** The hub's counts, settlement, anomalies and exports. */
import type { Catalog } from './text.js';

export const hubCountingCatalog: Catalog = {};
