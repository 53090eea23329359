import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/summary-reporter.js';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fault tests spawn processes and fsync a lot; two cores are shared between them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', new SummaryReporter()],
  },
});

// vitest loads the config's default export; this is the one sanctioned default export.
// eslint-disable-next-line no-restricted-exports -- the config file format requires a default export
export default config;
