// Compile-must-fail: `tsc` run on snippets that use a typed client wrongly must fail with the
// expected error at the expected line, and the same snippets written correctly must compile.
// The snippets live in a temporary folder (never under test/, where `npm run typecheck` looks).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const header = [
    `import PocketBase from ${JSON.stringify(join(root, 'src/index'))};`,
    `import { listAtom } from ${JSON.stringify(join(root, 'src/stores/nano/index'))};`,
    `import type { Collections } from ${JSON.stringify(join(root, 'test/typegen/expected/pb-types'))};`,
    "const pb = new PocketBase<Collections>('http://127.0.0.1:8090');",
    'void listAtom;',
];

/** Each snippet's last line is checked: `bad` must fail with `error`, `good` must compile. */
const cases = [
    {
        name: 'wrong-field',
        bad: "void pb.records.create('posts', { title: 'Hi', kind: 'news', category: 'c', titel: 'Hi' });",
        good: "void pb.records.create('posts', { title: 'Hi', kind: 'news', category: 'c' });",
        error: "error TS2353: Object literal may only specify known properties, and 'titel' does not exist in type",
    },
    {
        name: 'wrong-type',
        bad: "void pb.records.update('posts', 'id', { views: 'ten' });",
        good: "void pb.records.update('posts', 'id', { views: 10 });",
        error: "error TS2322: Type 'string' is not assignable to type 'number'.",
    },
    {
        name: 'missing-required',
        bad: "void pb.records.create('posts', { title: 'Hi' });",
        good: "void pb.records.create('posts', { title: 'Hi', kind: 'news', category: 'c' });",
        error: 'is missing the following properties from type',
    },
    {
        name: 'wrong-select-value',
        bad: "void pb.records.update('posts', 'id', { status: 'drafted' });",
        good: "void pb.records.update('posts', 'id', { status: 'draft' });",
        error: `error TS2820: Type '"drafted"' is not assignable to type '"" | "published" | "draft" | undefined'. Did you mean '"draft"'?`,
    },
    {
        name: 'unknown-collection',
        bad: "void pb.records.getList('postz');",
        good: "void pb.records.getList('posts');",
        error: `error TS2345: Argument of type '"postz"' is not assignable to parameter of type 'keyof Collections'.`,
    },
    {
        name: 'wrong-field-read',
        bad: "void pb.records.getOne('posts', 'id').then((post) => { const views: string = post.views; return views; });",
        good: "void pb.records.getOne('posts', 'id').then((post) => { const views: number = post.views; return views; });",
        error: "error TS2322: Type 'number' is not assignable to type 'string'.",
    },
    {
        name: 'store-unknown-collection',
        bad: "void listAtom(pb, 'postz');",
        good: "void listAtom(pb, 'posts');",
        error: `error TS2345: Argument of type '"postz"' is not assignable to parameter of type 'keyof Collections'.`,
    },
];

let dir: string;
let output: string;
let exitCode: number;

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'typegen-tsc-'));
    const files: string[] = [];
    for (const c of cases) {
        for (const kind of ['bad', 'good'] as const) {
            const file = join(dir, `${c.name}.${kind}.ts`);
            writeFileSync(file, [...header, c[kind], ''].join('\n'));
            files.push(file);
        }
    }
    // The project's compiler options, on these files only.
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: { typeRoots: [join(root, 'node_modules/@types')] },
        include: [],
        files,
    }));
    try {
        output = execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
        exitCode = 0;
    } catch (err) {
        output = String((err as { stdout?: unknown }).stdout);
        exitCode = (err as { status: number }).status;
    }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tsc on snippets that use a typed client', () => {
    it('fails', () => {
        expect(exitCode).toBe(2);
    });

    it.each(cases)('$name: the wrong line fails with the expected error, the right one compiles', ({ name, error }) => {
        const line = header.length + 1;
        const errors = output.split('\n').filter((l) => l.includes(`${name}.bad.ts(`));
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((l) => l.includes(`${name}.bad.ts(${line},`))).toBe(true);
        expect(output).toContain(error);
        expect(output.split('\n').filter((l) => l.includes(`${name}.good.ts(`))).toEqual([]);
    });

    it('reports nothing else', () => {
        const unexpected = output.split('\n').filter((l) => /error TS/.test(l) && !cases.some((c) => l.includes(`${c.name}.bad.ts(`)));
        expect(unexpected).toEqual([]);
    });
});
