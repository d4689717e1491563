// Type-level tests of a client typed by the generated map (checked by `tsc --noEmit`, part of
// `npm test`). Record calls sit in functions that never run, so nothing is sent; stores are
// built but never subscribed.
import { describe, expectTypeOf, it } from 'vitest';
import type { Observable } from 'rxjs';
import type { ReadableAtom } from 'nanostores';
import PocketBase, { type Client, type ListResult, type Record } from '../../src/index';
import {
    events, fullList, liveList, liveRecord, list, one,
    type LiveListValue, type LiveRecordValue, type RealtimeEvent,
} from '../../src/stores/rx/index';
import { eventsAtom, fullListAtom, listAtom, liveListAtom, liveRecordAtom, oneAtom, type QueryAtom } from '../../src/stores/nano/index';
import type { CategoriesResponse, Collections, PostsRecord, PostsResponse, ProfilesRecord } from './expected/pb-types';

/** What a typed client's `posts` records are: every field present, as the server sends them. */
type Post = Required<PostsRecord>;
interface Hand { title: string; views: number }

const pb = new PocketBase<Collections>('http://127.0.0.1:9');
const untyped = new PocketBase('http://127.0.0.1:9');

describe('records of a client typed by its collection map', () => {
    it('resolve to the collection\'s type, fields present even where the schema says optional', () => {
        const typeOnly = (): void => {
            expectTypeOf(pb.records.getList('posts')).resolves.toEqualTypeOf<ListResult<Record & Post>>();
            expectTypeOf(pb.records.getFullList('posts')).resolves.toEqualTypeOf<Array<Record & Post>>();
            expectTypeOf(pb.records.getOne('profiles', 'id')).resolves.toEqualTypeOf<Record & Required<ProfilesRecord>>();
            expectTypeOf(pb.records.create('posts', { title: 't', kind: 'news', category: 'c' })).resolves.toEqualTypeOf<Record & Post>();
            expectTypeOf(pb.records.update('posts', 'id', { views: 2 })).resolves.toEqualTypeOf<Record & Post>();
        };
        void typeOnly;

        expectTypeOf<Post['body']>().toEqualTypeOf<string>();
        expectTypeOf<Post['status']>().toEqualTypeOf<'' | 'draft' | 'published'>();
        expectTypeOf<Post['kind']>().toEqualTypeOf<'news' | "editor's pick">();
        expectTypeOf<Post['tags']>().toEqualTypeOf<Array<'a' | 'b' | 'c'>>();
        expectTypeOf<Post['meta']>().toEqualTypeOf<unknown>();
        expectTypeOf<Post['attachments']>().toEqualTypeOf<string[]>();
        expectTypeOf<Post['editors']>().toEqualTypeOf<string[]>();
        expectTypeOf<Post['2fa']>().toEqualTypeOf<boolean>();
        expectTypeOf<Post>().not.toHaveProperty('#notes');
    });

    it('@expand holds the related records, one or a list as maxSelect says', () => {
        const typeOnly = async (): Promise<void> => {
            const post = await pb.records.getOne('posts', 'id', { expand: 'category,related' });
            expectTypeOf(post['@expand'].category).toEqualTypeOf<CategoriesResponse | undefined>();
            expectTypeOf(post['@expand'].related).toEqualTypeOf<PostsResponse[] | undefined>();
            expectTypeOf(post['@expand'].related![0]!['@expand']?.category?.name).toEqualTypeOf<string | undefined>();
            // A record from the client is a PostsResponse (what the generated module calls a posts record).
            expectTypeOf(post).toExtend<PostsResponse>();
        };
        void typeOnly;
    });

    it('names are checked; a call\'s own type argument still wins', () => {
        const typeOnly = (): void => {
            // @ts-expect-error not a collection of the map
            void pb.records.getList('postz');
            // @ts-expect-error not a collection of the map
            void pb.records.delete('postz', 'id');
            expectTypeOf(pb.records.getList<Hand>('posts')).resolves.toEqualTypeOf<ListResult<Record & Hand>>();
        };
        void typeOnly;
    });

    it('create and update bodies are checked; FormData and fetched records pass', () => {
        const typeOnly = async (): Promise<void> => {
            void pb.records.create('posts', { title: 't', kind: "editor's pick", category: 'c', tags: ['a'], meta: { any: 1 }, id: 'abcdefghijklmno' });
            // @ts-expect-error kind and category are required
            void pb.records.create('posts', { title: 't' });
            // @ts-expect-error titel is no field of posts
            void pb.records.create('posts', { title: 't', kind: 'news', category: 'c', titel: 't' });
            // @ts-expect-error views is a number
            void pb.records.update('posts', 'id', { views: '2' });
            // @ts-expect-error not one of the select's values
            void pb.records.update('posts', 'id', { status: 'drafted' });
            // @ts-expect-error the server sets created
            void pb.records.update('posts', 'id', { created: '2022-10-01 10:00:00.000' });
            void pb.records.update('posts', 'id', {});
            void pb.records.create('posts', new FormData());
            const post = await pb.records.getOne('posts', 'id');
            void pb.records.update('posts', post.id, post);
            void pb.records.create('posts', post);
            // An explicit type argument takes any body, as without a map.
            void pb.records.create<Hand>('posts', { anything: 1 });
        };
        void typeOnly;
    });
});

describe('the stores infer the collection type from the client', () => {
    it('queries', () => {
        expectTypeOf(list(pb, 'posts')).toEqualTypeOf<Observable<ListResult<Record & Post>>>();
        expectTypeOf(fullList(pb, 'posts')).toEqualTypeOf<Observable<Array<Record & Post>>>();
        expectTypeOf(one(pb, 'posts', 'id')).toEqualTypeOf<Observable<Record & Post>>();
        expectTypeOf(listAtom(pb, 'posts')).toEqualTypeOf<QueryAtom<ListResult<Record & Post>>>();
        expectTypeOf(fullListAtom(pb, 'posts').get().data).toEqualTypeOf<Array<Record & Post> | undefined>();
        expectTypeOf(oneAtom(pb, 'posts', 'id').get().data?.kind).toEqualTypeOf<'news' | "editor's pick" | undefined>();
        // @ts-expect-error not a collection of the map
        list(pb, 'postz');
        // @ts-expect-error not a collection of the map
        listAtom(pb, 'postz');
    });

    it('realtime', () => {
        expectTypeOf(liveList(pb, 'posts')).toEqualTypeOf<Observable<LiveListValue<Post>>>();
        expectTypeOf(liveRecord(pb, 'posts', 'id')).toEqualTypeOf<Observable<LiveRecordValue<Post>>>();
        expectTypeOf(liveListAtom(pb, 'posts', { perPage: 20 })).toEqualTypeOf<ReadableAtom<LiveListValue<Post>>>();
        expectTypeOf(liveRecordAtom(pb, 'posts', 'id').get().record?.title).toEqualTypeOf<string | undefined>();
        expectTypeOf(events(pb, 'posts')).toEqualTypeOf<Observable<RealtimeEvent<Post>>>();
        expectTypeOf(events(pb, 'posts/RECORD_ID')).toEqualTypeOf<Observable<RealtimeEvent<Post>>>();
        expectTypeOf(eventsAtom(pb, 'profiles/RECORD_ID').get().event?.record.userId).toEqualTypeOf<string | undefined>();
        // @ts-expect-error not a collection of the map
        liveList(pb, 'postz');
        // @ts-expect-error not a topic of the map
        events(pb, 'postz/RECORD_ID');
        // A call's own type argument: that type, any name.
        expectTypeOf(liveListAtom<Hand>(pb, 'posts')).toEqualTypeOf<ReadableAtom<LiveListValue<Hand>>>();
    });
});

describe('without a map nothing changes', () => {
    it('any name; fields unknown unless the call types them', () => {
        const typeOnly = (): void => {
            expectTypeOf(untyped.records.getList('anything')).resolves.toEqualTypeOf<ListResult<Record>>();
            expectTypeOf(untyped.records.getList<Hand>('posts')).resolves.toEqualTypeOf<ListResult<Record & Hand>>();
            expectTypeOf(untyped.records.getOne('posts', 'id')).resolves.toHaveProperty('title').toEqualTypeOf<unknown>();
            void untyped.records.create('posts', { anything: 1 });
        };
        void typeOnly;
        expectTypeOf(liveList(untyped, 'posts')).toEqualTypeOf<Observable<LiveListValue>>();
        expectTypeOf(listAtom<Hand>(untyped, 'posts')).toEqualTypeOf<QueryAtom<ListResult<Record & Hand>>>();
    });

    it('generic code keeps its types, and a typed client goes wherever a client does', () => {
        async function items<T>(client: PocketBase, collection: string): Promise<Array<Record & T>> {
            return (await client.records.getList<T>(collection)).items;
        }
        function watch<T>(client: PocketBase): Observable<LiveListValue<T>> {
            return liveList<T>(client, 'posts');
        }
        expectTypeOf(items<Hand>).toBeCallableWith(pb, 'posts');
        expectTypeOf(watch<Hand>).toBeCallableWith(pb);
        const asClient: Client = pb;
        void asClient;
    });
});
