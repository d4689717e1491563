import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Chromium tests have their own config (vitest.browser.config.ts, npm run test:browser).
        exclude: ['test/browser/**', 'node_modules/**'],
        environment: 'node',
        testTimeout: 15_000,
        hookTimeout: 15_000,
        // Integration suites start their own emulator on an ephemeral port, so files can run in parallel.
        pool: 'forks',
        reporters: ['default', './test/support/summaryReporter.ts'],
    },
});
