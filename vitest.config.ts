import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        environment: 'node',
        testTimeout: 15_000,
        hookTimeout: 15_000,
        // Integration suites start their own emulator on an ephemeral port, so files can run in parallel.
        pool: 'forks',
        reporters: ['default', './test/support/summaryReporter.ts'],
    },
});
