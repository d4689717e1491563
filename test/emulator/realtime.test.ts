import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.ts';
import { adminAuth, call, newUserAuth, record, userAuth } from './support.ts';
import { openSse, type SseStream } from './sse-client.ts';

let emu: Emulator;
let admin: string;
let user: { header: string; id: string; profileId: string };
const open: SseStream[] = [];

beforeAll(async () => {
  emu = await startEmulator({ realtimeIdleTimeoutMs: 400 });
  admin = await adminAuth(emu);
  user = await userAuth(emu);
});
afterAll(async () => {
  open.forEach((s) => s.close());
  await emu.close();
});

async function connect(): Promise<{ stream: SseStream; clientId: string }> {
  const stream = await openSse(`${emu.url}/api/realtime`);
  open.push(stream);
  const frame = await stream.next();
  return { stream, clientId: (JSON.parse(frame.data) as { clientId: string }).clientId };
}

const subscribe = (clientId: string, subscriptions: string[], auth?: string) =>
  call(emu, 'POST', '/api/realtime', { body: { clientId, subscriptions }, auth });

describe('GET /api/realtime', () => {
  it('writes PB_CONNECT first, byte for byte, with the SSE headers', async () => {
    const { stream, clientId } = await connect();
    expect(clientId).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(stream.raw()).toBe(`id:${clientId}\nevent:PB_CONNECT\ndata:{"clientId":"${clientId}"}\n\n`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=UTF-8');
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(emu.realtimeClients().some((c) => c.clientId === clientId)).toBe(true);
    stream.close();
  });

  it('closes an idle connection after the idle timeout', async () => {
    const { stream, clientId } = await connect();
    await stream.ended;
    expect(emu.realtimeClients().some((c) => c.clientId === clientId)).toBe(false);
  });
});

describe('POST /api/realtime', () => {
  it('validates the client id', async () => {
    const missing = await call(emu, 'POST', '/api/realtime', { body: { subscriptions: [] } });
    expect(missing.body).toEqual({
      code: 400, message: 'Something went wrong while processing your request.',
      data: { clientId: { code: 'validation_required', message: 'Cannot be blank.' } },
    });
    const unknown = await subscribe('nope', []);
    expect(unknown.body).toEqual({ code: 404, message: 'Missing or invalid client id.', data: {} });
  });

  it('keeps the first auth and rejects a different one with 403', async () => {
    const { stream, clientId } = await connect();
    expect((await subscribe(clientId, ['posts'], user.header)).status).toBe(204);
    expect(emu.realtimeClients().find((c) => c.clientId === clientId)).toMatchObject({ subscriptions: ['posts'], auth: { type: 'user', id: user.id } });
    const other = await subscribe(clientId, ['posts'], admin);
    expect(other.body).toEqual({ code: 403, message: "The current and the previous request authorization don't match.", data: {} });
    expect((await subscribe(clientId, [], undefined)).status).toBe(403);
    stream.close();
  });
});

describe('record events', () => {
  it('delivers create/update/delete on collection and record topics', async () => {
    const { stream, clientId } = await connect();
    await subscribe(clientId, ['posts']);
    const created = record((await call(emu, 'POST', '/api/collections/posts/records', { auth: user.header, body: { title: 'live' } })).body);
    const c = await stream.next();
    expect(c.id).toBe(clientId);
    expect(c.event).toBe('posts');
    const msg = JSON.parse(c.data) as { action: string; record: Record<string, unknown> };
    expect(Object.keys(msg)).toEqual(['action', 'record']);
    expect(msg.action).toBe('create');
    expect(msg.record).toMatchObject({ id: created.id, title: 'live', '@expand': {} });

    await subscribe(clientId, [`posts/${String(created.id)}`]);
    await call(emu, 'PATCH', `/api/collections/posts/records/${String(created.id)}`, { auth: user.header, body: { title: 'edited' } });
    const u = await stream.next();
    expect(u.event).toBe(`posts/${String(created.id)}`);
    expect(JSON.parse(u.data)).toMatchObject({ action: 'update', record: { title: 'edited' } });
    await call(emu, 'DELETE', `/api/collections/posts/records/${String(created.id)}`, { auth: user.header });
    expect(JSON.parse((await stream.next()).data)).toMatchObject({ action: 'delete', record: { id: created.id } });
    stream.close();
  });

  it('filters events by each client\'s auth against the list rule', async () => {
    await call(emu, 'POST', '/api/collections', {
      auth: admin,
      body: { name: 'secrets', schema: [{ name: 'owner', type: 'user', options: { maxSelect: 1 } }], listRule: 'owner = @request.user.id', viewRule: null, createRule: '' },
    });
    const other = await newUserAuth(emu, 'rt-other@example.com');
    const mine = await connect();
    const theirs = await connect();
    const guest = await connect();
    const adm = await connect();
    await subscribe(mine.clientId, ['secrets'], user.header);
    await subscribe(theirs.clientId, ['secrets'], other.header);
    await subscribe(guest.clientId, ['secrets']);
    await subscribe(adm.clientId, ['secrets'], admin);
    await call(emu, 'POST', '/api/collections/secrets/records', { body: { owner: user.id } });
    expect(JSON.parse((await mine.stream.next()).data)).toMatchObject({ action: 'create', record: { owner: user.id } });
    expect((await adm.stream.next()).event).toBe('secrets');
    await expect(theirs.stream.next(200)).rejects.toThrow('timed out');
    await expect(guest.stream.next(50)).rejects.toThrow('timed out');
    [mine, theirs, guest, adm].forEach((c) => c.stream.close());
  });

  it('applies the view rule to record topics and forgets clients whose user was deleted', async () => {
    const owner = await newUserAuth(emu, 'rt-owner@example.com');
    const note = record((await call(emu, 'POST', '/api/collections/secrets/records', { body: { owner: owner.id } })).body);
    const topic = `secrets/${String(note.id)}`;
    const byOwner = await connect();
    const byAdmin = await connect();
    await subscribe(byOwner.clientId, [topic], owner.header);
    await subscribe(byAdmin.clientId, [topic], admin);
    await call(emu, 'PATCH', `/api/collections/secrets/records/${String(note.id)}`, { auth: admin, body: {} });
    expect((await byAdmin.stream.next()).event).toBe(topic);
    await expect(byOwner.stream.next(100)).rejects.toThrow('timed out'); // viewRule null: admins only
    await call(emu, 'DELETE', `/api/users/${owner.id}`, { auth: admin });
    expect(emu.realtimeClients().some((c) => c.clientId === byOwner.clientId)).toBe(false);
    expect((await subscribe(byOwner.clientId, [], owner.header)).status).toBe(404);
    byOwner.stream.close();
    byAdmin.stream.close();
  });

  it('drops every SSE socket through the test hook', async () => {
    const a = await connect();
    const b = await connect();
    expect(emu.connections()).toBeGreaterThanOrEqual(2);
    emu.dropRealtimeConnections();
    await Promise.all([a.stream.ended, b.stream.ended]);
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.connections()).toBe(0);
    expect(emu.realtimeClients()).toEqual([]);
  });
});
