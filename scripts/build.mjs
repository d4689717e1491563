// Library build: ES and CJS for every entry point (shared chunks keep one copy of the core), a
// UMD file for <script> tags, and .d.ts files from tsc (TypeScript 5.9: bundlers of .d.ts files
// need its JS API, which the native TypeScript 7 compiler does not offer).
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// '#eventsource' stays an import: the package's "imports" map resolves it per environment.
const external = (id) => /^(rxjs|nanostores|eventsource|#eventsource)(\/|$)/.test(id);

/** One vite library build into dist/ (minified, with source maps). */
function lib(entry, format, fileName, output = {}) {
    return build({
        root,
        configFile: false,
        logLevel: 'warn',
        build: {
            outDir: 'dist',
            emptyOutDir: false,
            minify: true,
            sourcemap: true,
            target: 'es2020',
            lib: { entry, name: 'PocketBase', formats: [format], fileName },
            rollupOptions: { external, output: { minify: true, ...output } },
        },
    });
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const stores = { rx: 'src/stores/rx/index.ts', nano: 'src/stores/nano/index.ts' };
await lib({ pocketbase: 'src/index.ts', ...stores }, 'es', (_f, name) => `${name}.es.mjs`, { chunkFileNames: 'chunks/[name]-[hash].mjs' });
await lib({ pocketbase: 'src/cjs.ts', ...stores }, 'cjs', (_f, name) => `${name}.cjs.js`, { chunkFileNames: 'chunks/[name]-[hash].cjs.js', exports: 'auto' });
await lib('src/cjs.ts', 'umd', () => 'pocketbase.umd.js', { exports: 'default' });
// The package's bin (`npx pocketbase-reactive typegen`): a Node program with the core client bundled in.
await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
        outDir: 'dist',
        emptyOutDir: false,
        ssr: 'src/typegen/bin.ts',
        target: 'node20',
        minify: true,
        rollupOptions: { output: { format: 'es', entryFileNames: 'typegen.mjs', banner: '#!/usr/bin/env node' } },
    },
});

// The package is "type": "module"; the .js files in dist are CommonJS/UMD. This file is also the
// package scope of dist/ for `#eventsource` (Node and bundlers read the nearest package.json): the
// `eventsource` package, or under the "browser" condition a module that only throws, so browser
// bundles leave the package out (the root package.json maps it the same way for src/).
const distPackage = {
    type: 'commonjs',
    imports: { '#eventsource': { browser: './eventsource.browser.mjs', default: 'eventsource' } },
};
writeFileSync(new URL('../dist/package.json', import.meta.url), JSON.stringify(distPackage, null, 2) + '\n');
copyFileSync(new URL('../shims/eventsource.browser.mjs', import.meta.url), new URL('../dist/eventsource.browser.mjs', import.meta.url));

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
});
