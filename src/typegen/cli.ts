// `pocketbase-reactive typegen`: arguments → collections (server or file) → a TypeScript module.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { generateTypes } from './generate';
import { collectionsFromJson, collectionsFromServer, TypegenError } from './load';

export const HELP = `Usage: pocketbase-reactive typegen [options]

Writes a TypeScript module with an interface per collection of a PocketBase v0.7
server and a \`Collections\` map for \`new PocketBase<Collections>(url)\`.

From a server (as an admin: only admins can read collections):
  --url <url>          the server, e.g. http://127.0.0.1:8090
  --email <email>      an admin's email
  --password <pass>    the admin's password (default: $PB_ADMIN_PASSWORD)
  --token <token>      an admin token instead of email and password (default: $PB_ADMIN_TOKEN)

From a file:
  --from <file>        the admin UI's export (Settings > Export collections), or
                       the answer of pb.collections.getFullList() saved as JSON

Output:
  --out <file>         the module to write (default: standard output)
  -h, --help           show this help

Examples:
  npx pocketbase-reactive typegen --url http://127.0.0.1:8090 --email admin@example.com --password secret --out src/pb-types.ts
  npx pocketbase-reactive typegen --from pb_schema.json --out src/pb-types.ts
`;

/** Where the CLI writes and what it reads from the environment (replaced in tests). */
export interface CliIo {
    stdout(text: string): void;
    stderr(text: string): void;
    env: { [name: string]: string | undefined };
}

const processIo: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
};

/**
 * Runs the CLI with `args` (without `node` and the script); resolves to the exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
    let values;
    let positionals;
    try {
        ({ values, positionals } = parseArgs({
            args: [...args],
            allowPositionals: true,
            options: {
                url: { type: 'string' },
                email: { type: 'string' },
                password: { type: 'string' },
                token: { type: 'string' },
                from: { type: 'string' },
                out: { type: 'string' },
                help: { type: 'boolean', short: 'h' },
            },
        }));
    } catch (err) {
        io.stderr(`${(err as Error).message}\nSee --help.\n`);
        return 2;
    }
    if (values.help) {
        io.stdout(HELP);
        return 0;
    }
    if (positionals[0] !== 'typegen' || positionals.length > 1) {
        io.stderr(positionals.length ? `Unknown command: ${positionals.join(' ')}\n\n${HELP}` : HELP);
        return 2;
    }
    if (!values.url === !values.from) {
        io.stderr('Give either --url (a server) or --from (a JSON file). See --help.\n');
        return 2;
    }

    try {
        const collections = values.from
            ? collectionsFromJson(await readInput(values.from), values.from)
            : await collectionsFromServer({
                url: values.url!,
                email: values.email,
                password: values.password ?? io.env.PB_ADMIN_PASSWORD,
                token: values.token ?? io.env.PB_ADMIN_TOKEN,
            });
        const source = generateTypes(collections);
        if (values.out) {
            await mkdir(dirname(values.out), { recursive: true });
            await writeFile(values.out, source);
            io.stderr(`Wrote ${collections.length} collection types to ${values.out}\n`);
        } else {
            io.stdout(source);
        }
        return 0;
    } catch (err) {
        if (!(err instanceof TypegenError)) throw err;
        io.stderr(`typegen: ${err.message}\n`);
        return 1;
    }
}

async function readInput(file: string): Promise<string> {
    try {
        return await readFile(file, 'utf8');
    } catch (err) {
        throw new TypegenError(`Cannot read ${file}: ${(err as Error).message}`);
    }
}
