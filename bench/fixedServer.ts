// A minimal HTTP server answering every request with the same 30-record list, so that request
// benchmarks measure the clients, not the server. Run as a child process: `tsx bench/fixedServer.ts`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const items = Array.from({ length: 30 }, (_, i) => ({
    id: `rec${String(i).padStart(12, '0')}`,
    created: '2022-10-01 10:00:00.000',
    updated: '2022-10-01 10:00:00.000',
    '@collectionId': 'abcdefghijklmno',
    '@collectionName': 'posts',
    title: `Post number ${i}`,
    published: i % 2 === 0,
    views: i * 7,
}));
const body = Buffer.from(JSON.stringify({ page: 1, perPage: 30, totalItems: 30, totalPages: 1, items }));

const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
        res.end(body);
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
