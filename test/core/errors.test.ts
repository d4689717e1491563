import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import PocketBase, { BaseAuthStore, ClientResponseError, isClientResponseError } from '../../src/index';
import { startRecordingServer } from '../support/recordingServer';

class MemoryStore extends BaseAuthStore {}
type Server = Awaited<ReturnType<typeof startRecordingServer>>;

let server: Server;
let pb: PocketBase;

beforeAll(async () => {
    server = await startRecordingServer((req) => {
        switch (req.path) {
            case '/api/404': return { status: 404, body: { code: 404, message: "The requested resource wasn't found.", data: {} } };
            case '/api/400': return { status: 400, body: { code: 400, message: 'Failed to create record.', data: { title: { code: 'validation_required', message: 'Missing required value.' } } } };
            case '/api/html-502': return { status: 502, body: '<html><body>Bad Gateway</body></html>' };
            case '/api/truncated': return { status: 200, body: '{"page":1,"items":[{"id":' , headers: { 'Content-Type': 'application/json' } };
            case '/api/204': return { status: 204 };
            case '/api/text': return { status: 200, body: 'ok' };
            case '/api/reset': return { destroy: true };
            default: return { body: {} };
        }
    });
    pb = new PocketBase(server.url, 'en-US', new MemoryStore());
});
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<ClientResponseError> {
    const err = await promise.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
    expect(err).toBeInstanceOf(ClientResponseError);
    return err as ClientResponseError;
}

describe('every failure is a ClientResponseError', () => {
    it('HTTP errors carry the status, the server message and data', async () => {
        const err = await failure(pb.send('/api/404', {}));
        expect(err.status).toBe(404);
        expect(err.message).toBe("The requested resource wasn't found.");
        expect(err.url).toBe(`${server.url}/api/404`);
        expect(err.isAbort).toBe(false);

        const validation = await failure(pb.send('/api/400', { method: 'POST', body: {} }));
        expect(validation.data.data).toEqual({ title: { code: 'validation_required', message: 'Missing required value.' } });
    });

    it('a non-JSON error page keeps its status with a clear message', async () => {
        const err = await failure(pb.send('/api/html-502', {}));
        expect(err.status).toBe(502);
        expect(err.data).toEqual({});
        expect(err.message).toBe('The request failed with status 502.');
    });

    it('a truncated body labelled JSON on a 200 is an error, not silently {}', async () => {
        const err = await failure(pb.send('/api/truncated', {}));
        expect(err.status).toBe(200);
        expect(err.originalError).toBeInstanceOf(SyntaxError);
        expect(err.message).toBe('The server returned an invalid JSON response.');
    });

    it('a successful answer that is not labelled JSON (a custom text route) resolves to {}, as in the official SDK', async () => {
        await expect(pb.send('/api/text', {})).resolves.toEqual({});
    });

    it('204 No Content resolves to {}', async () => {
        await expect(pb.send('/api/204', { method: 'DELETE' })).resolves.toEqual({});
    });

    it('a connection reset and a refused connection are network errors with status 0', async () => {
        const reset = await failure(pb.send('/api/reset', {}));
        expect(reset.status).toBe(0);
        expect(reset.isAbort).toBe(false);
        expect(reset.originalError).toBeInstanceOf(TypeError);

        // A port nobody listens on: bind one, note it, close it.
        const port = await new Promise<number>((resolve) => {
            const probe = createServer().listen(0, '127.0.0.1', () => {
                const address = probe.address();
                probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
            });
        });
        const refused = await failure(new PocketBase(`http://127.0.0.1:${port}`, 'en-US', new MemoryStore()).send('/api/x', {}));
        expect(refused.status).toBe(0);
        expect(refused.message).toMatch(/^Failed to reach the server/);
    });

    it('an abort is flagged isAbort', async () => {
        const controller = new AbortController();
        controller.abort();
        const err = await failure(pb.send('/api/x', { signal: controller.signal, params: { $autoCancel: false } }));
        expect(err.isAbort).toBe(true);
        expect(err.message).toBe('The request was cancelled.');
    });

    it('toJSON is a plain copy; isClientResponseError also recognises errors of another copy of the package', async () => {
        const err = await failure(pb.send('/api/404', {}));
        const json = JSON.parse(JSON.stringify(err));
        expect(json).toMatchObject({ status: 404, isAbort: false, message: "The requested resource wasn't found." });
        expect(isClientResponseError(err)).toBe(true);
        // What an error of another copy of the package looks like from here: same name, other class.
        const foreign = Object.assign(new Error('m'), { name: 'ClientResponseError 404', status: 404 });
        expect(isClientResponseError(foreign)).toBe(true);
        expect(isClientResponseError(new Error('x'))).toBe(false);
    });

    it('accepts the seed SDK constructor argument', () => {
        const err = new ClientResponseError({ url: 'u', status: 400, data: { message: 'm' } });
        expect([err.url, err.status, err.message, err.name]).toEqual(['u', 400, 'm', 'ClientResponseError 400']);
        expect(new ClientResponseError(err).status).toBe(400);
    });
});
