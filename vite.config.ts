// The one configuration of the project:
// - `npm run build` (`vite build`): the library into dist/ — ES and CJS for every entry point
//   (shared chunks keep one copy of the core), a UMD file for <script> tags, the typegen bin for
//   Node — one build environment each, run in order by `builder.buildApp`, which then writes
//   dist/package.json and calls tsc for the .d.ts files (the one step Vite cannot do: TypeScript
//   5.9's JS API is what bundlers of .d.ts files need).
// - `npm run playground` (playground/serve.ts → mode 'playground'): the dev server of the
//   playground pages (plain DOM, Svelte 5, React 19, Vue 3, and the server-rendered /ssr/ page).
// - vitest: project `unit` (`npm test`: no browser) and project `browser` (`npm run
//   test:browser`: Debian's Chromium through playwright-core, against dist/ and the playground).
import { defineConfig } from 'vitest/config';
import type { EnvironmentOptions, LibraryOptions, PluginOption, UserConfig } from 'vite';
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import vue from '@vitejs/plugin-vue';
import react from '@vitejs/plugin-react';
import { ssrPage } from './playground/ssr/plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// '#eventsource' stays an import: the package's "imports" map resolves it per environment.
const external = (id: string) => /^(rxjs|nanostores|eventsource|#eventsource)(\/|$)/.test(id);
const stores = { rx: 'src/stores/rx/index.ts', nano: 'src/stores/nano/index.ts' };

/** One library build into dist/ (minified, with source maps). */
function lib(entry: LibraryOptions['entry'], format: 'es' | 'cjs' | 'umd', fileName: LibraryOptions['fileName'], output: object = {}): EnvironmentOptions {
    return {
        consumer: 'client', // (an environment not named 'client' would default to 'server')
        build: {
            outDir: 'dist',
            emptyOutDir: false,
            minify: true,
            sourcemap: true,
            target: 'es2020',
            lib: { entry, name: 'PocketBase', formats: [format], fileName },
            rolldownOptions: { external, output: { minify: true, ...output } },
        },
    };
}

const library: UserConfig = {
    environments: {
        es: lib({ pocketbase: 'src/index.ts', ...stores }, 'es', (_f, name) => `${name}.es.mjs`, { chunkFileNames: 'chunks/[name]-[hash].mjs' }),
        cjs: lib({ pocketbase: 'src/cjs.ts', ...stores }, 'cjs', (_f, name) => `${name}.cjs.js`, { chunkFileNames: 'chunks/[name]-[hash].cjs.js', exports: 'auto' }),
        umd: lib('src/cjs.ts', 'umd', () => 'pocketbase.umd.js', { exports: 'default' }),
        // The package's bin (`npx pocketbase-reactive typegen`): a Node program with the core client bundled in.
        typegen: {
            consumer: 'server',
            build: {
                outDir: 'dist',
                emptyOutDir: false,
                ssr: 'src/typegen/bin.ts',
                target: 'node20',
                minify: true,
                rolldownOptions: { output: { format: 'es', entryFileNames: 'typegen.mjs', banner: '#!/usr/bin/env node' } },
            },
        },
    },
    builder: {
        async buildApp(builder) {
            rmSync(at('dist'), { recursive: true, force: true });
            for (const name of ['es', 'cjs', 'umd', 'typegen']) await builder.build(builder.environments[name]!);
            // The package is "type": "module"; the .js files in dist are CommonJS/UMD. This file is
            // also the package scope of dist/ for `#eventsource` (Node and bundlers read the nearest
            // package.json): the `eventsource` package, or under the "browser" condition a module
            // that only throws, so browser bundles leave the package out (the root package.json maps
            // it the same way for src/).
            const distPackage = {
                type: 'commonjs',
                imports: { '#eventsource': { browser: './eventsource.browser.mjs', default: 'eventsource' } },
            };
            writeFileSync(at('dist/package.json'), JSON.stringify(distPackage, null, 2) + '\n');
            copyFileSync(at('shims/eventsource.browser.mjs'), at('dist/eventsource.browser.mjs'));
            execFileSync(process.execPath, [at('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
        },
    },
};

/** The playground's dev server; startPlayground (playground/server.ts) adds the port and `__PB_URL__`. */
const playground = (): UserConfig => ({
    root: at('playground'),
    plugins: [svelte(), vue(), react(), ssrPage()] as PluginOption[],
    server: { host: '127.0.0.1', port: 5173, strictPort: false },
});

export default defineConfig(({ command, mode }) => ({
    ...(command === 'build' ? library : mode === 'playground' ? playground() : {}),
    resolve: {
        // `// @vitest-environment quiet-happy-dom` (docblocks take names, not paths).
        alias: { 'vitest-environment-quiet-happy-dom': at('test/support/happyDomEnvironment.ts') },
    },
    test: {
        reporters: ['default', './test/support/summaryReporter.ts'],
        projects: [
            {
                extends: true,
                test: {
                    name: 'unit',
                    include: ['test/**/*.test.ts'],
                    exclude: ['test/browser/**', 'node_modules/**'],
                    environment: 'node',
                    testTimeout: 15_000,
                    hookTimeout: 15_000,
                    // Integration suites start their own emulator on an ephemeral port, so files can run in parallel.
                    pool: 'forks',
                },
            },
            {
                extends: true,
                test: {
                    name: 'browser',
                    include: ['test/browser/**/*.test.ts'],
                    environment: 'node',
                    testTimeout: 30_000,
                    hookTimeout: 60_000,
                    fileParallelism: false,
                },
            },
        ],
    },
}));
