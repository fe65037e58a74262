import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // a real PostgreSQL for the tests that run against both stores
    globalSetup: ['tests/pg-cluster.ts'],
    // under CI a JSON report lets .ci/run print the plain "N passed, N failed" line
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/vitest.json' }]] : ['default'],
  },
});
