import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    resolve: {
        // `// @vitest-environment quiet-happy-dom` (docblocks take names, not paths).
        alias: { 'vitest-environment-quiet-happy-dom': fileURLToPath(new URL('./test/support/happyDomEnvironment.ts', import.meta.url)) },
    },
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
