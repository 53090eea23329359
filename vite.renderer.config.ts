import { defineConfig } from 'vite';

/**
 * Builds the kiosk's screens (renderer/kiosk) into dist/renderer/kiosk: one page, loaded by the
 * Electron window (app:// protocol) and by browser mode (`zhucan kiosk serve`). Relative asset paths
 * so both can serve it from any base. No inline scripts: the CSP forbids them.
 */
export const rendererConfig = defineConfig({
  root: 'renderer/kiosk',
  base: './',
  publicDir: false,
  build: {
    outDir: '../../dist/renderer/kiosk',
    emptyOutDir: true,
    // Electron 39+ ships Chromium 142+; Debian's Chromium is newer still.
    target: 'chrome120',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});

// vite loads the config's default export.
// eslint-disable-next-line no-restricted-exports -- the config file format requires a default export
export default rendererConfig;
