import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.ts';
import { adminAuth, call, record, userAuth } from './support.ts';

let emu: Emulator;
let admin: string;

beforeAll(async () => {
  emu = await startEmulator();
  admin = await adminAuth(emu);
});
afterAll(() => emu.close());

describe('collections', () => {
  it('requires an admin', async () => {
    const user = await userAuth(emu);
    for (const auth of [undefined, user.header]) {
      const res = await call(emu, 'GET', '/api/collections', { auth });
      expect(res.body).toEqual({ code: 401, message: 'The request requires admin authorization token to be set.', data: {} });
    }
  });

  it('lists collections including the system profiles one', async () => {
    const res = record((await call(emu, 'GET', '/api/collections?sort=name', { auth: admin })).body);
    const items = res.items as Array<Record<string, unknown>>;
    expect(items.map((c) => c.name)).toEqual(['categories', 'posts', 'profiles']);
    const profiles = items[2]!;
    expect(Object.keys(profiles)).toEqual(['id', 'created', 'updated', 'name', 'system', 'schema', 'listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule']);
    expect(profiles).toMatchObject({ id: 'systemprofiles0', system: true, deleteRule: null, listRule: 'userId = @request.user.id' });
    expect((profiles.schema as unknown[])[0]).toEqual({
      system: true, id: 'pbfielduser', name: 'userId', type: 'user', required: true, unique: true,
      options: { maxSelect: 1, cascadeDelete: true },
    });
  });

  it('creates with defaulted field options and validates', async () => {
    const res = await call(emu, 'POST', '/api/collections', { auth: admin, body: { name: 'things', schema: [{ name: 'title', type: 'text' }], listRule: '' } });
    expect(res.status).toBe(200);
    const body = record(res.body);
    expect(body).toMatchObject({ name: 'things', system: false, listRule: '', viewRule: null });
    const field = (body.schema as Array<Record<string, unknown>>)[0]!;
    expect(field).toMatchObject({ system: false, name: 'title', type: 'text', required: false, unique: false, options: { min: null, max: null, pattern: '' } });
    expect(field.id).toMatch(/^[a-z0-9]{8}$/);

    const dup = await call(emu, 'POST', '/api/collections', { auth: admin, body: { name: 'THINGS', schema: [{ name: 'x', type: 'text' }] } });
    expect(dup.body).toEqual({
      code: 400, message: 'Something went wrong while processing your request.',
      data: { name: { code: 'validation_collection_name_exists', message: 'Collection name must be unique (case insensitive).' } },
    });
    const empty = await call(emu, 'POST', '/api/collections', { auth: admin, body: { name: 'empty', schema: [], listRule: 'nope = 1' } });
    expect(record(empty.body).data).toEqual({
      schema: { code: 'validation_required', message: 'Cannot be blank.' },
      listRule: { code: 'validation_collection_rule', message: 'Invalid filter rule.' },
    });
    const badType = await call(emu, 'POST', '/api/collections', { auth: admin, body: { name: 'bad', schema: [{ name: 'x', type: 'nope' }] } });
    expect(badType.body).toEqual({ code: 400, message: 'Failed to load the submitted data due to invalid formatting.', data: {} });
  });

  it('updates, keeps record data in step with renamed fields, and deletes', async () => {
    const created = record((await call(emu, 'POST', '/api/collections', { auth: admin, body: { name: 'renames', schema: [{ name: 'a', type: 'text' }], createRule: '', listRule: '' } })).body);
    await call(emu, 'POST', '/api/collections/renames/records', { body: { a: 'value' } });
    const field = (created.schema as Array<Record<string, unknown>>)[0]!;
    const upd = await call(emu, 'PATCH', `/api/collections/${String(created.id)}`, { auth: admin, body: { name: 'renamed', schema: [{ ...field, name: 'b' }] } });
    expect(record(upd.body).name).toBe('renamed');
    const rows = record((await call(emu, 'GET', '/api/collections/renamed/records')).body).items as Array<Record<string, unknown>>;
    expect(rows[0]!.b).toBe('value');
    expect((await call(emu, 'DELETE', '/api/collections/renamed', { auth: admin })).status).toBe(204);
    expect((await call(emu, 'GET', '/api/collections/renamed', { auth: admin })).status).toBe(404);
  });

  it('refuses to delete system or referenced collections', async () => {
    const sys = await call(emu, 'DELETE', '/api/collections/profiles', { auth: admin });
    const ref = await call(emu, 'DELETE', '/api/collections/categories', { auth: admin });
    for (const res of [sys, ref]) {
      expect(res.body).toEqual({ code: 400, message: 'Failed to delete collection. Make sure that the collection is not referenced by other collections.', data: {} });
    }
  });

  it('imports collections (204) and rejects an empty import', async () => {
    const current = record((await call(emu, 'GET', '/api/collections?perPage=100', { auth: admin })).body).items as Array<Record<string, unknown>>;
    const res = await call(emu, 'PUT', '/api/collections/import', {
      auth: admin,
      body: { collections: [...current, { name: 'imported', schema: [{ name: 'n', type: 'number' }] }], deleteMissing: false },
    });
    expect(res.status).toBe(204);
    expect((await call(emu, 'GET', '/api/collections/imported', { auth: admin })).status).toBe(200);
    const empty = await call(emu, 'PUT', '/api/collections/import', { auth: admin, body: { collections: [] } });
    expect(empty.body).toEqual({
      code: 400, message: 'Something went wrong while processing your request.',
      data: { collections: { code: 'validation_required', message: 'Cannot be blank.' } },
    });
  });
});
