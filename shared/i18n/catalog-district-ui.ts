/** The district web app's screens. */
import type { Catalog } from './text.js';

export const districtUiCatalog: Catalog = {};
