/** The kiosk's link to the district hub: enrolment and the uploader. */
import type { Catalog } from './text.js';

export const syncCatalog: Catalog = {};
