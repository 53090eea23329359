import type { Bilingual, Catalog, Locale, Message, Params } from './text.js';
import { fill } from './text.js';
import { commonCatalog } from './catalog-common.js';
import { pricingCatalog } from './catalog-pricing.js';
import { cliCatalog } from './catalog-cli.js';
import { kioskCatalog } from './catalog-kiosk.js';
import { policyCatalog } from './catalog-policy.js';
import { basicsCatalog } from './catalog-basics.js';
import { ledgerCatalog } from './catalog-ledger.js';
import { storeCatalog } from './catalog-store.js';
import { rosterCatalog } from './catalog-roster.js';
import { readersCatalog } from './catalog-readers.js';
import { qrCatalog } from './catalog-qr.js';
import { kioskApiCatalog } from './catalog-kiosk-api.js';
import { apiCatalog } from './catalog-api.js';
import { uiCatalog } from './catalog-ui.js';
import { uiManagerCatalog } from './catalog-ui-manager.js';
import { serveCatalog } from './catalog-serve.js';
import { policyWordsCatalog } from './catalog-policy-words.js';
import { hubCatalog } from './catalog-hub.js';
import { hubIngestCatalog } from './catalog-hub-ingest.js';
import { hubCountingCatalog } from './catalog-hub-counting.js';
import { hubHttpCatalog } from './catalog-hub-http.js';
import { syncCatalog } from './catalog-sync.js';
import { districtUiCatalog } from './catalog-district-ui.js';
import { hubPolicyCatalog } from './catalog-hub-policy.js';
import { hubRosterCatalog } from './catalog-hub-roster.js';
import { districtUiPolicyCatalog } from './catalog-district-ui-policy.js';
import { hubExportCatalog } from './catalog-hub-export.js';
import { rosterKeysCatalog } from './catalog-roster-keys.js';
import { rosterRoutesCatalog } from './catalog-roster-routes.js';

/**
 * Every catalog, merged. A module that adds strings adds its catalog file here; a duplicate key
 * across catalogs is a programming error caught by the i18n test.
 */
export const catalogs: readonly Catalog[] = [commonCatalog, pricingCatalog, cliCatalog, kioskCatalog, policyCatalog, basicsCatalog, ledgerCatalog, storeCatalog, rosterCatalog, qrCatalog, readersCatalog, serveCatalog, policyWordsCatalog, kioskApiCatalog, apiCatalog, uiCatalog, uiManagerCatalog, hubCatalog, hubIngestCatalog, hubCountingCatalog, hubHttpCatalog, syncCatalog, districtUiCatalog, hubPolicyCatalog, hubRosterCatalog, districtUiPolicyCatalog, hubExportCatalog, rosterKeysCatalog, rosterRoutesCatalog];

const merged: Map<string, Bilingual> = new Map(catalogs.flatMap((c) => Object.entries(c)));

/** Renders a key in a locale. An unknown key is returned as-is, so a missing string is visible, not blank. */
export function t(key: string, params?: Params, locale: Locale = 'zh-CN'): string {
  const entry = merged.get(key);
  return entry === undefined ? key : fill(entry[locale], params);
}

export function render(msg: Message, locale: Locale = 'zh-CN'): string {
  return t(msg.key, msg.params, locale);
}

/** Both languages, Chinese first — the form the command line and logs print. */
export function renderBoth(msg: Message): string {
  const zh = render(msg, 'zh-CN');
  const en = render(msg, 'en');
  return zh === en ? zh : `${zh} / ${en}`;
}
