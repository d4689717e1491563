import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy received. */
export interface ProxiedRequest {
    method: string;
    /** Path and query string as sent. */
    url: string;
    /** True when the client closed the connection before the answer was written. */
    aborted: boolean;
    /** True once the answer was written completely. */
    answered: boolean;
}

/**
 * A real HTTP proxy in front of the emulator that holds every request for `delayMs` before
 * forwarding it, so that a test can unsubscribe while a request is really in flight and see,
 * at the server end, whether the connection was closed.
 */
export async function startDelayProxy(target: string, delayMs: number): Promise<{
    url: string;
    requests: ProxiedRequest[];
    /** Waits for the first request with this method received after `from` requests (browsers send CORS preflights too). */
    next(method: string, from: number): Promise<ProxiedRequest>;
    close(): Promise<void>;
}> {
    const requests: ProxiedRequest[] = [];
    const server: Server = createServer((req, res) => {
        const entry: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', aborted: false, answered: false };
        requests.push(entry);
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('close', () => {
            if (res.writableFinished) entry.answered = true;
            else entry.aborted = true;
        });
        req.on('end', () => {
            setTimeout(() => {
                if (res.destroyed) return;
                const upstream = httpRequest(target + entry.url, { method: entry.method, headers: req.headers }, (answer) => {
                    res.writeHead(answer.statusCode ?? 502, answer.headers);
                    answer.pipe(res);
                });
                upstream.on('error', () => res.destroy());
                upstream.end(Buffer.concat(chunks));
            }, delayMs);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        async next(method, from) {
            const deadline = Date.now() + 4000;
            for (;;) {
                const found = requests.slice(from).find((r) => r.method === method);
                if (found) return found;
                if (Date.now() > deadline) throw new Error('no ' + method + ' request arrived');
                await new Promise((r) => setTimeout(r, 5));
            }
        },
        close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}
