import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fault tests spawn processes and fsync a lot; two cores are shared between them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

// vitest loads the config's default export; this is the one sanctioned default export.
// eslint-disable-next-line no-restricted-exports -- the config file format requires it
export default config;
