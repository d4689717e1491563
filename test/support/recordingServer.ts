import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface RecordedRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    body: string;
    /** The body parsed as JSON, or undefined when it is not JSON. */
    json: unknown;
    /** True when the client closed the connection before the response was written. */
    aborted: boolean;
}

/** What the server answers: a status and a body (string = raw, anything else = JSON), or a delay first. */
export interface CannedResponse {
    status?: number;
    body?: unknown;
    headers?: { [name: string]: string };
    delayMs?: number;
    /** Destroy the socket instead of answering (a network failure). */
    destroy?: boolean;
}

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers with what the test asks
 * for: a recording fetch at the wire, so headers, query strings and bodies are asserted as sent.
 */
export async function startRecordingServer(respond: (req: RecordedRequest) => CannedResponse = () => ({ body: {} })) {
    const requests: RecordedRequest[] = [];
    const server: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            const url = new URL(req.url ?? '/', 'http://127.0.0.1');
            const body = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try { json = body ? JSON.parse(body) : undefined; } catch { json = undefined; }
            const recorded: RecordedRequest = {
                method: req.method ?? 'GET',
                path: url.pathname,
                query: url.searchParams,
                headers: req.headers,
                body,
                json,
                aborted: false,
            };
            requests.push(recorded);
            res.on('close', () => { if (!res.writableFinished) recorded.aborted = true; });
            const canned = respond(recorded);
            const send = () => {
                if (canned.destroy) { req.socket.destroy(); return; }
                if (res.destroyed) return;
                const status = canned.status ?? 200;
                const raw = typeof canned.body === 'string' ? canned.body : canned.body === undefined ? '' : JSON.stringify(canned.body);
                res.writeHead(status, { 'Content-Type': typeof canned.body === 'string' ? 'text/html' : 'application/json', ...canned.headers });
                res.end(status === 204 ? undefined : raw);
            };
            if (canned.delayMs) setTimeout(send, canned.delayMs); else send();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        last(): RecordedRequest {
            const req = requests[requests.length - 1];
            if (!req) throw new Error('no request recorded');
            return req;
        },
        close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}

/** A syntactically valid, unsigned JWT with the given claims (the SDK never verifies signatures). */
export function fakeToken(claims: { [claim: string]: unknown }): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

/** Unix seconds `offset` seconds from now. */
export function inSeconds(offset: number): number {
    return Math.floor(Date.now() / 1000) + offset;
}
