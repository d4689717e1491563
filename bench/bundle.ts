// Bundle sizes of this checkout, one definition shared by `npm run bench` (bench/size.ts) and the
// size budgets checked by `npm test` (test/size.test.ts, budgets in bench/size-limits.json).
//
// Tool: esbuild (the one tsx and vite already install), bundling src/ as an app's bundler would:
// ES module, browser platform (so `#eventsource` is the browser shim), minified, then gzip -9 via
// node:zlib. The optional peers (rxjs, nanostores) and `eventsource` stay external, so each
// number is our code only. Bytes are deterministic for a given esbuild version.
import { build, type BuildOptions } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Never written (write: false); the metafile names outputs relative to the checkout.
const outdir = resolve(root, '.bundle-out');

export interface SizeEntry {
    /** Row name; also the key of its budget in bench/size-limits.json. */
    name: string;
    /** A file under the checkout, or a small app's source (importing `./src/...`). */
    entry?: string;
    app?: string;
    /**
     * 'all': everything the entry can ever load in one file (dynamic imports inlined);
     * 'initial': with code splitting, the entry plus the chunks it imports statically (what
     * loads before the lazily imported realtime engine).
     */
    chunks: 'all' | 'initial';
}

export const SIZE_ENTRIES: SizeEntry[] = [
    { name: 'client + realtime, every chunk included', entry: 'src/index.ts', chunks: 'all' },
    { name: 'client, initial chunk', entry: 'src/index.ts', chunks: 'initial' },
    { name: 'pocketbase-reactive/rx, every chunk', entry: 'src/stores/rx/index.ts', chunks: 'all' },
    { name: 'pocketbase-reactive/nano, every chunk', entry: 'src/stores/nano/index.ts', chunks: 'all' },
    {
        name: 'app: client + authAtom',
        app: `import PocketBase from './src/index.ts'; import { authAtom } from './src/stores/nano/index.ts';
              authAtom(new PocketBase('/')).subscribe(console.log);`,
        chunks: 'all',
    },
    {
        name: 'app: client + liveListAtom',
        app: `import PocketBase from './src/index.ts'; import { liveListAtom } from './src/stores/nano/index.ts';
              liveListAtom(new PocketBase('/'), 'posts').subscribe(console.log);`,
        chunks: 'all',
    },
];

/** The official SDK's ES bundle through the same tool (the baseline of the size rows). */
export const OFFICIAL_ENTRY: SizeEntry = { name: 'pocketbase@0.7.4 (official), every chunk', entry: 'node_modules/pocketbase/dist/pocketbase.es.mjs', chunks: 'all' };

export interface SizeResult { name: string; minified: number; gzip: number }

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

export async function bundleSize(spec: SizeEntry): Promise<SizeResult> {
    const options: BuildOptions = {
        absWorkingDir: root,
        bundle: true,
        minify: true,
        format: 'esm',
        target: 'es2020',
        platform: 'browser',
        legalComments: 'none',
        external: ['rxjs', 'nanostores', 'eventsource'],
        write: false,
        metafile: true,
        outdir,
        logLevel: 'error',
        splitting: spec.chunks === 'initial',
        ...(spec.app
            ? { stdin: { contents: spec.app, resolveDir: root, loader: 'ts', sourcefile: 'app.ts' } }
            : { entryPoints: [spec.entry!] }),
    };
    const result = await build(options);
    const files = new Map(result.outputFiles!.map((f) => [f.path, f.contents]));
    const outputs = result.metafile!.outputs;
    // The entry's output, then (for 'initial') the chunks it imports statically, transitively.
    const entryPath = Object.keys(outputs).find((p) => outputs[p]!.entryPoint !== undefined)!;
    const included: string[] = [];
    const visit = (path: string) => {
        if (included.includes(path)) return;
        included.push(path);
        if (spec.chunks === 'all') return;
        for (const imported of outputs[path]!.imports) {
            if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
        }
    };
    visit(entryPath);
    if (spec.chunks === 'all' && Object.keys(outputs).length !== 1) throw new Error(`${spec.name}: expected one output file`);
    const contents = included.map((p) => files.get(resolve(root, p))!);
    // The files of a split build are gzipped as one text, as bench/size.ts counts the dist chunks.
    const joined = Buffer.concat(contents.map((c) => Buffer.from(c)));
    return { name: spec.name, minified: joined.length, gzip: gzip(joined) };
}

export async function bundleSizes(entries: SizeEntry[] = SIZE_ENTRIES): Promise<SizeResult[]> {
    return Promise.all(entries.map(bundleSize));
}
