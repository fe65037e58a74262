import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // a real PostgreSQL for the tests that run against both stores
    globalSetup: ['tests/pg-cluster.ts'],
    // pdf.js through the same module hook as the command and its workers
    setupFiles: ['tests/pdfjs-hook.ts'],
    // under CI a JSON report lets .ci/run print the plain "N passed, N failed" line
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/vitest.json' }]] : ['default'],
  },
});
