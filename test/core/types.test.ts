import { describe, expectTypeOf, it } from 'vitest';
import PocketBase, { Admin, ListResult, Record, User, type AdminAuthResponse, type RecordOf, type UserAuthResponse } from '../../src/index';

interface Post { title: string; views: number }

describe('types', () => {
    it('record generics flow to every result', () => {
        const pb = new PocketBase('http://127.0.0.1:8090');
        expectTypeOf(pb.records.getList<Post>).returns.resolves.toEqualTypeOf<ListResult<Record & Post>>();
        expectTypeOf(pb.records.getFullList<Post>).returns.resolves.toEqualTypeOf<Array<RecordOf<Post>>>();
        expectTypeOf(pb.records.getOne<Post>).returns.resolves.toHaveProperty('title').toEqualTypeOf<string>();
        expectTypeOf(pb.records.create<Post>).returns.resolves.toHaveProperty('views').toEqualTypeOf<number>();
        expectTypeOf(pb.records.update<Post>).returns.resolves.toHaveProperty('id').toEqualTypeOf<string>();
        // Without a type (the default `{}`), unknown fields are `unknown`, not `any`.
        expectTypeOf(pb.records.getOne<{}>).returns.resolves.toHaveProperty('title').toEqualTypeOf<unknown>();
    });

    it('auth responses and the store are typed', () => {
        const pb = new PocketBase();
        expectTypeOf(pb.users.authViaEmail).returns.resolves.toEqualTypeOf<UserAuthResponse>();
        expectTypeOf(pb.admins.authViaEmail).returns.resolves.toEqualTypeOf<AdminAuthResponse>();
        expectTypeOf(pb.authStore.model).toEqualTypeOf<User | Admin | null>();
        expectTypeOf(pb.send<{ ok: boolean }>).returns.resolves.toEqualTypeOf<{ ok: boolean }>();
    });
});
