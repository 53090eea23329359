import { defineConfig } from 'vite';

/**
 * Builds the district web app (renderer/district) into dist/renderer/district: one page that the hub
 * serves at / (and /assets/*) to district staff's browsers. Absolute asset paths (`base: '/'`): the
 * hub falls back to index.html for every non-API path (#/… routes stay in the hash anyway), so
 * relative paths would break on a deep link. No inline scripts or styles: the hub's CSP forbids them.
 */
export const districtConfig = defineConfig({
  root: 'renderer/district',
  base: '/',
  publicDir: false,
  build: {
    outDir: '../../dist/renderer/district',
    emptyOutDir: true,
    // Staff browsers: current Chromium, Edge, Firefox, 360 / QQ browsers on a Chromium core.
    target: 'chrome120',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // Vite would inline small assets as data: URLs; the CSP allows only 'self'.
    assetsInlineLimit: 0,
    // One bundle: React, zod and every i18n catalog in both languages (~520 kB, ~150 kB gzipped),
    // loaded once from the hub on the district's own network and cached. Splitting it would buy little.
    chunkSizeWarningLimit: 800,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});

// vite loads the config's default export.
// eslint-disable-next-line no-restricted-exports -- the config file format requires a default export
export default districtConfig;
