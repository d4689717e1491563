import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SSE client of the test server. */
export interface SseClient {
    id: string;
    response: ServerResponse;
    subscriptions: string[];
    auth: string;
}

/** A recorded `POST /api/realtime`. */
export interface SubscriptionPost {
    clientId: string;
    subscriptions: string[];
    authorization: string;
    status: number;
}

export interface SseServerOptions {
    /** Accept connections but never send PB_CONNECT (connect-timeout tests). */
    silent?: boolean;
}

/**
 * A bare PocketBase v0.7 realtime endpoint over real HTTP and SSE, for the cases the emulator
 * cannot produce on purpose: garbage frames, connections that never say PB_CONNECT, scripted
 * refusals. Speaks the v0.7 wire format (`id:`, `event:`, `data:` lines; 204/404/403 answers).
 */
export async function startSseServer(options: SseServerOptions = {}) {
    const clients = new Map<string, SseClient>();
    const posts: SubscriptionPost[] = [];
    let connections = 0;
    let nextId = 0;
    let silent = options.silent ?? false;
    let refuseWith: number | null = null;
    let refusals = 0;

    const server = createServer((req, res) => {
        if (req.url?.split('?')[0] !== '/api/realtime') {
            res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"code":404,"message":"Not found.","data":{}}');
            return;
        }
        if (req.method === 'GET') connect(res);
        else if (req.method === 'POST') void subscribe(req, res);
        else res.writeHead(405).end();
    });

    function connect(res: ServerResponse): void {
        connections++;
        const id = 'client' + String(++nextId).padStart(4, '0');
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=UTF-8', 'Cache-Control': 'no-store' });
        res.flushHeaders();
        const client: SseClient = { id, response: res, subscriptions: [], auth: '' };
        clients.set(id, client);
        res.on('close', () => clients.delete(id));
        if (!silent) res.write(`id:${id}\nevent:PB_CONNECT\ndata:{"clientId":"${id}"}\n\n`);
    }

    async function subscribe(req: IncomingMessage, res: ServerResponse): Promise<void> {
        let raw = '';
        for await (const chunk of req) raw += String(chunk);
        const body = JSON.parse(raw || '{}') as { clientId?: string; subscriptions?: string[] };
        const authorization = req.headers.authorization ?? '';
        const record = (status: number): void => {
            posts.push({ clientId: body.clientId ?? '', subscriptions: body.subscriptions ?? [], authorization, status });
        };
        const client = clients.get(body.clientId ?? '');
        if (refuseWith !== null && refusals > 0) {
            refusals--;
            record(refuseWith);
            res.writeHead(refuseWith, { 'Content-Type': 'application/json' }).end(`{"code":${refuseWith},"message":"Refused.","data":{}}`);
            return;
        }
        if (!client) {
            record(404);
            res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"code":404,"message":"Missing or invalid client id.","data":{}}');
            return;
        }
        if (client.auth && client.auth !== authorization) {
            record(403);
            res.writeHead(403, { 'Content-Type': 'application/json' })
                .end('{"code":403,"message":"The current and the previous request authorization don\'t match.","data":{}}');
            return;
        }
        record(204);
        client.auth = authorization;
        client.subscriptions = body.subscriptions ?? [];
        res.writeHead(204).end();
    }

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    return {
        url: `http://127.0.0.1:${port}`,
        posts,
        /** Connected clients, by id. */
        clients: () => Array.from(clients.values()),
        /** How many GET /api/realtime were received. */
        connections: () => connections,
        /** Sends `{action, record}` to every client subscribed to `topic`. */
        broadcast(topic: string, action: string, record: { [key: string]: unknown }): void {
            const data = JSON.stringify({ action, record });
            for (const client of clients.values()) {
                if (client.subscriptions.includes(topic)) client.response.write(`id:${client.id}\nevent:${topic}\ndata:${data}\n\n`);
            }
        },
        /** Writes raw SSE text to every client. */
        writeRaw(text: string): void {
            for (const client of clients.values()) client.response.write(text);
        },
        /** Ends every SSE response (like the idle timeout or a restart). */
        dropAll(): void {
            for (const client of clients.values()) client.response.end();
            clients.clear();
        },
        setSilent(value: boolean): void {
            silent = value;
        },
        /** Answer the next `times` POSTs with this status. */
        refuse(status: number, times = Infinity): void {
            refuseWith = status;
            refusals = times;
        },
        close(): Promise<void> {
            for (const client of clients.values()) client.response.end();
            server.closeAllConnections();
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}

export type SseServer = Awaited<ReturnType<typeof startSseServer>>;
