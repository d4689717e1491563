import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's package) driven by playwright-core, against dist/ and the
// emulator. Run with `npm run test:browser` after `npm run build`.
export default defineConfig({
    test: {
        include: ['test/browser/**/*.test.ts'],
        environment: 'node',
        testTimeout: 30_000,
        hookTimeout: 60_000,
        fileParallelism: false,
        reporters: ['default', './test/support/summaryReporter.ts'],
    },
});
