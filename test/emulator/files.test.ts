import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.ts';
import { call, record, userAuth } from './support.ts';

let emu: Emulator;
let user: string;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e2b5e30000000049454e44ae426082', 'hex');

beforeAll(async () => {
  emu = await startEmulator();
  user = (await userAuth(emu)).header;
});
afterAll(() => emu.close());

function form(values: Record<string, string>, files: Array<[string, string, Buffer, string]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  for (const [field, name, bytes, type] of files) fd.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
  return fd;
}

describe('multipart records and file download', () => {
  it('uploads, serves, appends and deletes files', async () => {
    const created = await call(emu, 'POST', '/api/collections/posts/records', {
      auth: user,
      body: form({ title: 'files', tags: 'a', published: 'true', views: '7' }, [
        ['attachments', 'My Photo.PNG', PNG, 'image/png'],
        ['attachments', 'notes.txt', Buffer.from('hello'), 'text/plain'],
      ]),
    });
    expect(created.status).toBe(200);
    const body = record(created.body);
    expect(body).toMatchObject({ title: 'files', tags: ['a'], published: true, views: 7 });
    const names = body.attachments as string[];
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^my_photo_[A-Za-z0-9]{10}\.PNG$/);
    expect(names[1]).toMatch(/^notes_[A-Za-z0-9]{10}\.txt$/);

    const png = await fetch(`${emu.url}/api/files/posts/${String(body.id)}/${names[0]!}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toBe(`inline; filename=${names[0]!}`);
    expect(png.headers.get('x-frame-options')).toBeNull();
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
    const txt = await fetch(`${emu.url}/api/files/posts/${String(body.id)}/${names[1]!}`);
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(txt.headers.get('content-disposition')).toBe(`attachment; filename=${names[1]!}`);
    expect(await txt.text()).toBe('hello');

    const appended = await call(emu, 'PATCH', `/api/collections/posts/records/${String(body.id)}`, {
      auth: user,
      body: form({ [`attachments.${names[1]!}`]: '' }, [['attachments', 'more.txt', Buffer.from('more'), 'text/plain']]),
    });
    const next = record(appended.body).attachments as string[];
    expect(next[0]).toBe(names[0]);
    expect(next[1]).toMatch(/^more_/);
    expect(next).toHaveLength(2);
    expect((await fetch(`${emu.url}/api/files/posts/${String(body.id)}/${names[1]!}`)).status).toBe(404);

    const cleared = await call(emu, 'PATCH', `/api/collections/posts/records/${String(body.id)}`, { auth: user, body: { attachments: [] } });
    expect(record(cleared.body).attachments).toEqual([]);
    expect((await fetch(`${emu.url}/api/files/posts/${String(body.id)}/${names[0]!}`)).status).toBe(404);
  });

  it('enforces maxSelect and ignores file names sent as JSON', async () => {
    const six = Array.from({ length: 6 }, (_, i): [string, string, Buffer, string] => ['attachments', `f${i}.txt`, Buffer.from('x'), 'text/plain']);
    const tooMany = await call(emu, 'POST', '/api/collections/posts/records', { auth: user, body: form({ title: 't' }, six) });
    expect(record(record(tooMany.body).data).attachments).toEqual({ code: 'validation_too_many_values', message: 'Select no more than 5.' });
    const json = await call(emu, 'POST', '/api/collections/posts/records', { auth: user, body: { title: 't', attachments: ['fake.png'] } });
    expect(record(json.body).attachments).toEqual([]);
  });

  it('404s for unknown collections, records and files', async () => {
    for (const path of ['/api/files/nope/x/y.png', '/api/files/posts/nope/y.png']) {
      expect((await call(emu, 'GET', path)).body).toEqual({ code: 404, message: "The requested resource wasn't found.", data: {} });
    }
  });
});
