// The typegen CLI against the emulator: the generated module is compared with the checked-in
// expected/pb-types.ts, and every way of getting it wrong ends in one clear line and exit code 1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP, main } from '../../src/typegen/cli';
import type { Emulator } from '../emulator/index';
import { ADMIN, USER, client, startTypegenEmulator } from './fixture';

const EXPECTED = readFileSync(new URL('./expected/pb-types.ts', import.meta.url), 'utf8');

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
    emulator = await startTypegenEmulator();
    dir = mkdtempSync(join(tmpdir(), 'typegen-'));
});
afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI, capturing its output. */
async function run(args: string[], env: { [name: string]: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env });
    return { code, stdout, stderr };
}

describe('typegen from a server', () => {
    it('writes the expected module (every field type, system collection, relations, Collections map)', async () => {
        const out = join(dir, 'nested', 'pb-types.ts');
        const result = await run(['typegen', '--url', emulator.url, '--email', ADMIN.email, '--password', ADMIN.password, '--out', out]);
        expect(result).toMatchObject({ code: 0, stdout: '' });
        expect(result.stderr).toBe(`Wrote 4 collection types to ${out}\n`);
        expect(readFileSync(out, 'utf8')).toBe(EXPECTED);
    });

    it('prints to standard output without --out; the password may come from $PB_ADMIN_PASSWORD', async () => {
        const result = await run(['typegen', '--url', emulator.url, '--email', ADMIN.email], { PB_ADMIN_PASSWORD: ADMIN.password });
        expect(result).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    });

    it('accepts an admin token instead of email and password', async () => {
        const pb = client(emulator.url);
        const { token } = await pb.admins.authViaEmail(ADMIN.email, ADMIN.password);
        expect(await run(['typegen', '--url', emulator.url, '--token', token])).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    });
});

describe('typegen from a file', () => {
    it('reads pb.collections.getFullList() saved as JSON, and the admin UI export (no timestamps)', async () => {
        const pb = client(emulator.url);
        await pb.admins.authViaEmail(ADMIN.email, ADMIN.password);
        const collections = await pb.collections.getFullList(200);
        const saved = join(dir, 'collections.json');
        writeFileSync(saved, JSON.stringify(collections));
        expect(await run(['typegen', '--from', saved])).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });

        const exported = join(dir, 'pb_schema.json');
        writeFileSync(exported, JSON.stringify(collections.map(({ created: _c, updated: _u, ...rest }) => rest), null, 4));
        expect(await run(['typegen', '--from', exported])).toEqual({ code: 0, stdout: EXPECTED, stderr: '' });
    });

    it('says what is wrong with a file', async () => {
        const file = (name: string, text: string): string => {
            writeFileSync(join(dir, name), text);
            return join(dir, name);
        };
        expect((await run(['typegen', '--from', join(dir, 'missing.json')])).stderr).toMatch(/^typegen: Cannot read .*missing\.json: ENOENT/);
        expect((await run(['typegen', '--from', file('bad.json', '{"items": [')])).stderr).toMatch(/^typegen: .*bad\.json is not JSON: /);
        expect((await run(['typegen', '--from', file('obj.json', '{"a": 1}')])).stderr).toMatch(/obj\.json is not a list of collections/);
        expect((await run(['typegen', '--from', file('empty.json', '[]')])).stderr).toMatch(/empty\.json holds no collections\.\n$/);
        const notCollection = await run(['typegen', '--from', file('item.json', '[{"name": "posts"}]')]);
        expect(notCollection.code).toBe(1);
        expect(notCollection.stderr).toMatch(/item\.json: item 0 is not a collection \(it needs a "name" and a "schema" list\)\.\n$/);
    });
});

describe('clear errors', () => {
    it('a string that is not an http(s) URL', async () => {
        expect(await run(['typegen', '--url', 'localhost:8090', '--email', ADMIN.email, '--password', 'x'])).toEqual({
            code: 1, stdout: '', stderr: 'typegen: --url "localhost:8090" is not an http(s) URL; expected e.g. http://127.0.0.1:8090\n',
        });
        expect((await run(['typegen', '--url', 'not a url', '--token', 'x'])).stderr).toBe('typegen: --url "not a url" is not a URL; expected e.g. http://127.0.0.1:8090\n');
    });

    it('a server that cannot be reached', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
        await new Promise((resolve) => closed.close(resolve));
        const result = await run(['typegen', '--url', url, '--email', ADMIN.email, '--password', ADMIN.password]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`^typegen: Cannot reach ${url}: .*ECONNREFUSED`));
    });

    it('a server that is not PocketBase', async () => {
        const other = createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>'));
        await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
        const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
        try {
            const result = await run(['typegen', '--url', url, '--email', ADMIN.email, '--password', ADMIN.password]);
            expect(result).toEqual({ code: 1, stdout: '', stderr: `typegen: ${url} has no PocketBase v0.7 API (404 for /api/admins/auth-via-email).\n` });
        } finally {
            await new Promise((resolve) => other.close(resolve));
        }
    });

    it('a wrong password, and a user\'s credentials (only admins can read collections)', async () => {
        const wrong = await run(['typegen', '--url', emulator.url, '--email', ADMIN.email, '--password', 'wrong-password']);
        const expected = `typegen: Admin sign-in at ${emulator.url} failed (400 Failed to authenticate.): wrong email or password? `
            + 'typegen needs an admin\'s account (a user\'s cannot read collections).\n';
        expect(wrong).toEqual({ code: 1, stdout: '', stderr: expected });
        expect(await run(['typegen', '--url', emulator.url, '--email', USER.email, '--password', USER.password])).toEqual({ code: 1, stdout: '', stderr: expected });
        expect((await run(['typegen', '--url', emulator.url, '--email', ADMIN.email])).stderr).toBe('typegen: --url needs --email and --password of an admin, or --token.\n');
    });

    it('a user token, a token that is no JWT, and an admin-typed token the server refuses', async () => {
        const pb = client(emulator.url);
        const { token } = await pb.users.authViaEmail(USER.email, USER.password);
        expect(await run(['typegen', '--url', emulator.url, '--token', token])).toEqual({
            code: 1, stdout: '', stderr: 'typegen: --token is a "user" token; the collections API needs an admin token.\n',
        });
        expect((await run(['typegen', '--url', emulator.url, '--token', 'abc'])).stderr).toBe('typegen: --token is not a PocketBase token.\n');

        const forged = [{ alg: 'HS256', typ: 'JWT' }, { id: 'nobody', type: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 }]
            .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
        const refused = await run(['typegen', '--url', emulator.url, '--token', forged]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(new RegExp(`^typegen: ${emulator.url} refused to list the collections \\(401 .*\\): the token is not a valid admin token\\.\\n$`));

        const expired = [{ alg: 'HS256', typ: 'JWT' }, { id: 'x', type: 'admin', exp: 1 }]
            .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2ln';
        expect((await run(['typegen', '--url', emulator.url, '--token', expired])).stderr).toBe('typegen: --token has expired; sign in again or use --email and --password.\n');
    });

    it('usage mistakes exit with 2 and point to --help', async () => {
        expect(await run(['--help'])).toEqual({ code: 0, stdout: HELP, stderr: '' });
        expect(await run(['typegen', '-h'])).toEqual({ code: 0, stdout: HELP, stderr: '' });
        expect(await run([])).toEqual({ code: 2, stdout: '', stderr: HELP });
        expect(await run(['generate'])).toEqual({ code: 2, stdout: '', stderr: `Unknown command: generate\n\n${HELP}` });
        expect(await run(['typegen'])).toEqual({ code: 2, stdout: '', stderr: 'Give either --url (a server) or --from (a JSON file). See --help.\n' });
        expect((await run(['typegen', '--url', emulator.url, '--from', 'x.json'])).code).toBe(2);
        const unknown = await run(['typegen', '--uri', emulator.url]);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/Unknown option '--uri'.*\nSee --help\.\n$/s);
    });
});
