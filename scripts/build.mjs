// Library build: ES and CJS for every entry point (shared chunks keep one copy of the core), a
// UMD file for <script> tags, and .d.ts files from tsc (TypeScript 5.9: bundlers of .d.ts files
// need its JS API, which the native TypeScript 7 compiler does not offer).
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = (id) => /^(rxjs|nanostores|eventsource)(\/|$)/.test(id);

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

// The package is "type": "module"; the .js files in dist are CommonJS/UMD.
writeFileSync(new URL('../dist/package.json', import.meta.url), JSON.stringify({ type: 'commonjs' }) + '\n');

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
});
