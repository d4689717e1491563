// A minimal PocketBase-v0.7-shaped realtime server for the delivery benchmark (child process):
// GET /api/realtime streams PB_CONNECT then messages; POST /api/realtime accepts any topic list;
// POST /fire?n=N&topic=T writes N `{action, record}` messages to every client subscribed to T.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

const clients = new Map<string, { res: ServerResponse; topics: Set<string> }>();

function record(i: number): string {
    return JSON.stringify({
        action: 'update',
        record: {
            id: `rec${String(i).padStart(12, '0')}`, created: '2022-10-01 10:00:00.000', updated: '2022-10-01 10:00:00.000',
            '@collectionId': 'abcdefghijklmno', '@collectionName': 'posts', '@expand': {},
            title: `Post number ${i}`, published: true, views: i,
        },
    });
}

const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/api/realtime') {
        const clientId = randomBytes(20).toString('hex');
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'Access-Control-Allow-Origin': '*' });
        res.write(`id:${clientId}\nevent:PB_CONNECT\ndata:{"clientId":"${clientId}"}\n\n`);
        clients.set(clientId, { res, topics: new Set() });
        req.on('close', () => clients.delete(clientId));
        return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
        if (req.method === 'POST' && url.pathname === '/api/realtime') {
            const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { clientId?: string; subscriptions?: string[] };
            const client = clients.get(body.clientId ?? '');
            if (!client) return void res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"code":404,"message":"Missing or invalid client id.","data":{}}');
            client.topics = new Set(body.subscriptions ?? []);
            return void res.writeHead(204).end();
        }
        if (req.method === 'POST' && url.pathname === '/fire') {
            const n = Number(url.searchParams.get('n') ?? 1);
            const topic = url.searchParams.get('topic') ?? 'posts';
            for (const [clientId, client] of clients) {
                if (!client.topics.has(topic)) continue;
                let frames = '';
                for (let i = 0; i < n; i++) frames += `id:${clientId}\nevent:${topic}\ndata:${record(i)}\n\n`;
                client.res.write(frames);
            }
            return void res.writeHead(204).end();
        }
        res.writeHead(404).end();
    });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => { for (const c of clients.values()) c.res.destroy(); server.close(() => process.exit(0)); });
