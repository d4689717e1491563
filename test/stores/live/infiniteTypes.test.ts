// Type-level tests of infinite lists (checked by `tsc --noEmit`, part of `npm test`); the stores
// are built but never subscribed, so nothing is sent.
import { describe, expectTypeOf, it } from 'vitest';
import type { Observable } from 'rxjs';
import type { ReadableAtom } from 'nanostores';
import PocketBase, { type ClientResponseError, type Record } from '../../../src/index';
import { infiniteList, type InfiniteListValue } from '../../../src/stores/rx/index';
import { infiniteListAtom, load, type InfiniteListAtom } from '../../../src/stores/nano/index';
import type { Collections, PostsRecord } from '../../typegen/expected/pb-types';

interface Post { title: string; views: number }

describe('infinite lists are typed like live lists', () => {
    const pb = new PocketBase('http://127.0.0.1:9');

    it('the Observable emits values that carry loadMore', () => {
        expectTypeOf(infiniteList<Post>(pb, 'posts', { perPage: 20 })).toEqualTypeOf<Observable<InfiniteListValue<Post>>>();
        const check = (value: InfiniteListValue<Post>): void => {
            expectTypeOf(value.items[0]!).toEqualTypeOf<Record & Post>();
            expectTypeOf(value.loadMore).toEqualTypeOf<() => Promise<void>>();
            expectTypeOf(value.hasMore).toEqualTypeOf<boolean>();
            expectTypeOf(value.pages).toEqualTypeOf<number>();
            expectTypeOf(value.perPage).toEqualTypeOf<number>();
            expectTypeOf(value.error).toEqualTypeOf<ClientResponseError | null>();
        };
        void check;
        expectTypeOf<InfiniteListValue['items'][number]['title']>().toEqualTypeOf<unknown>();
    });

    it('the atom is a ReadableAtom with loadMore of its own, and load() accepts it', () => {
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-created,id' });
        expectTypeOf($feed).toEqualTypeOf<InfiniteListAtom<Post>>();
        expectTypeOf($feed).toExtend<ReadableAtom<InfiniteListValue<Post>>>();
        expectTypeOf($feed.loadMore).toEqualTypeOf<() => Promise<void>>();
        const typeOnly = (): void => {
            expectTypeOf(load($feed)).resolves.toEqualTypeOf<InfiniteListValue<Post>>();
        };
        void typeOnly;
    });

    it('a client typed by its collection map types the records and checks the names', () => {
        const typed = new PocketBase<Collections>('http://127.0.0.1:9');
        const $typed = infiniteListAtom(typed, 'posts');
        expectTypeOf<ReturnType<typeof $typed.get>['items'][number]['views']>().toEqualTypeOf<Required<PostsRecord>['views']>();
        expectTypeOf(infiniteList(typed, 'posts')).toEqualTypeOf<Observable<InfiniteListValue<Required<PostsRecord>>>>();
        const typeOnly = (): void => {
            // @ts-expect-error not a collection of the map
            infiniteList(typed, 'postz');
            // @ts-expect-error perPage is a number
            infiniteListAtom(pb, 'posts', { perPage: '20' });
            // @ts-expect-error the client must have realtime
            infiniteList({ records: {} }, 'posts');
        };
        void typeOnly;
    });
});
