// Library build: ES and CJS for every entry point (shared chunks keep one copy of the core), a
// UMD file for <script> tags, and .d.ts files from tsc (TypeScript 5.9: bundlers of .d.ts files
// need its JS API, which the native TypeScript 7 compiler does not offer).
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = (id) => /^(rxjs|nanostores|eventsource)(\/|$)/.test(id);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const common = { root, configFile: false, logLevel: 'warn' };

await build({
    ...common,
    build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        sourcemap: true,
        target: 'es2020',
        lib: {
            entry: {
                pocketbase: 'src/index.ts',
                rx: 'src/stores/rx/index.ts',
                nano: 'src/stores/nano/index.ts',
            },
            formats: ['es'],
            fileName: (_format, name) => `${name}.es.mjs`,
        },
        rollupOptions: { external, output: { chunkFileNames: 'chunks/[name]-[hash].mjs', minify: true } },
    },
});

await build({
    ...common,
    build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        sourcemap: true,
        target: 'es2020',
        lib: {
            entry: {
                pocketbase: 'src/cjs.ts',
                rx: 'src/stores/rx/index.ts',
                nano: 'src/stores/nano/index.ts',
            },
            formats: ['cjs'],
            fileName: (_format, name) => `${name}.cjs.js`,
        },
        rollupOptions: { external, output: { chunkFileNames: 'chunks/[name]-[hash].cjs.js', exports: 'auto', minify: true } },
    },
});

await build({
    ...common,
    build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        sourcemap: true,
        target: 'es2020',
        lib: {
            entry: 'src/cjs.ts',
            name: 'PocketBase',
            formats: ['umd'],
            fileName: () => 'pocketbase.umd.js',
        },
        rollupOptions: { external, output: { exports: 'default', inlineDynamicImports: true, minify: true } },
    },
});

// The package is "type": "module"; the .js files in dist are CommonJS/UMD.
writeFileSync(new URL('../dist/package.json', import.meta.url), JSON.stringify({ type: 'commonjs' }) + '\n');

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
});
