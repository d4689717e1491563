// generateTypes on hand-made schemas: the shapes an export can hold that a server seldom does.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/core/models/Collection';
import { generateTypes } from '../../src/typegen/generate';

const collection = (name: string, schema: object[], extra: object = {}): Collection => new Collection({ id: `id_${name}`, name, schema, ...extra });

describe('generateTypes', () => {
    it('maxSelect decides one value or a list; only maxSelect 1 expands to one record', () => {
        const source = generateTypes([
            collection('a', [
                { name: 'one', type: 'relation', options: { maxSelect: 1, collectionId: 'id_a' } },
                { name: 'many', type: 'relation', options: { maxSelect: 2, collectionId: 'a' } },
                // An export without options: the server reads maxSelect 0 as one id, but expands a list.
                { name: 'bare', type: 'relation', options: {} },
                { name: 'pick', type: 'select', options: { maxSelect: null, values: ['x'] } },
                { name: 'free', type: 'select', options: { maxSelect: 2, values: [] } },
                { name: 'gone', type: 'relation', options: { maxSelect: 1, collectionId: 'deleted0000000' } },
            ]),
        ]);
        expect(source).toContain('    one?: string;\n');
        expect(source).toContain('    many?: string[];\n');
        expect(source).toContain('    bare?: string;\n');
        expect(source).toContain("    pick?: '' | 'x';\n");
        expect(source).toContain('    free?: string[];\n');
        expect(source).toContain([
            "    '@expand'?: {",
            '        one?: AResponse;',
            '        many?: Array<AResponse>;',
            '        bare?: Array<RecordResponse<{ [field: string]: unknown }>>;',
            '        gone?: RecordResponse<{ [field: string]: unknown }>;',
            '    };',
        ].join('\n'));
    });

    it('hidden fields are left out; unknown types are unknown; names are quoted and escaped where needed', () => {
        const source = generateTypes([
            collection('9lives', [
                { name: '#secret', type: 'text' },
                { name: '1st', type: 'editor', required: true },
                { name: 'quote', type: 'select', required: true, options: { maxSelect: 1, values: ["it's", 'a\\b', 'say "hi"'] } },
            ]),
            collection('weird */ name', []),
        ]);
        expect(source).toContain('    // #secret (text) is hidden: the server never sends it.\n');
        expect(source).toContain('    /** unknown field type "editor", required */\n    \'1st\': unknown;\n');
        expect(source).toContain(`    quote: 'it\\'s' | 'a\\\\b' | 'say "hi"';\n`);
        expect(source).toContain('export interface Collection9livesRecord {');
        expect(source).toContain("    '9lives': Collection9livesRecord;");
        expect(source).toContain('/** Collection `weird *\\/ name`.');
        expect(source).toContain("    'weird */ name': WeirdNameRecord;");
    });

    it('type names stay distinct and never shadow the helpers', () => {
        const source = generateTypes([collection('blog_posts', []), collection('blogPosts', []), collection('record', [])]);
        expect(source).toContain('    blogPosts: BlogPostsRecord;\n    blog_posts: BlogPosts2Record;\n    record: Record2Record;\n');
        expect(source).toContain('export type Record2Response = RecordResponse<Record2Record>;');
    });

    it('the output does not depend on the order the collections come in', () => {
        const a = collection('a', [{ name: 'b', type: 'relation', options: { maxSelect: 1, collectionId: 'id_b' } }]);
        const b = collection('b', [{ name: 'n', type: 'number', required: true }]);
        expect(generateTypes([b, a])).toBe(generateTypes([a, b]));
    });
});

describe('the bin', () => {
    it('runs as a Node program (src/typegen/bin.ts, built to dist/typegen.mjs)', () => {
        const cwd = fileURLToPath(new URL('../..', import.meta.url));
        const help = execFileSync(process.execPath, ['--import', 'tsx', 'src/typegen/bin.ts', '--help'], { cwd, encoding: 'utf8' });
        expect(help).toMatch(/^Usage: pocketbase-reactive typegen \[options\]/);
    });
});
