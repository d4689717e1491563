// Type-level tests: checked by `tsc --noEmit` (part of `npm test`); the runtime part only proves
// the calls are well-formed without sending anything (nothing is subscribed).
import { describe, expectTypeOf, it } from 'vitest';
import type { Observable } from 'rxjs';
import PocketBase, { type ClientResponseError, type ListResult, type Record } from '../../../src/index';
import { authState, fullList, list, one, type AuthState } from '../../../src/stores/rx/index';
import { authAtom, fullListAtom, listAtom, oneAtom, type QueryAtom, type QueryState } from '../../../src/stores/nano/index';

interface Post { title: string; views: number }

describe('generics flow from the call to every subscriber', () => {
    const pb = new PocketBase('http://127.0.0.1:9');

    it('observables', () => {
        expectTypeOf(list<Post>(pb, 'posts')).toEqualTypeOf<Observable<ListResult<Record & Post>>>();
        expectTypeOf(fullList<Post>(pb, 'posts')).toEqualTypeOf<Observable<Array<Record & Post>>>();
        expectTypeOf(one<Post>(pb, 'posts', 'id')).toEqualTypeOf<Observable<Record & Post>>();
        list<Post>(pb, 'posts', { filter: 'views > 1' }).subscribe((page) => {
            expectTypeOf(page.items[0]!.title).toEqualTypeOf<string>();
            expectTypeOf(page.items[0]!.views).toEqualTypeOf<number>();
            expectTypeOf(page.items[0]!.id).toEqualTypeOf<string>();
        }).unsubscribe();
        // Without a type argument, fields are unknown (Record's index signature), never any.
        expectTypeOf(one(pb, 'posts', 'id')).toEqualTypeOf<Observable<Record>>();
        expectTypeOf(authState(pb)).toEqualTypeOf<Observable<AuthState>>();
    });

    it('atoms', () => {
        const $posts = listAtom<Post>(pb, 'posts', { page: 2, perPage: 10, sort: '-created', expand: 'author' });
        expectTypeOf($posts).toEqualTypeOf<QueryAtom<ListResult<Record & Post>>>();
        expectTypeOf($posts.get()).toEqualTypeOf<QueryState<ListResult<Record & Post>>>();
        expectTypeOf($posts.get().data?.items[0]?.title).toEqualTypeOf<string | undefined>();
        expectTypeOf($posts.get().error).toEqualTypeOf<ClientResponseError | null>();
        expectTypeOf($posts.refetch).toEqualTypeOf<() => void>();
        expectTypeOf(fullListAtom<Post>(pb, 'posts').get().data).toEqualTypeOf<Array<Record & Post> | undefined>();
        expectTypeOf(oneAtom<Post>(pb, 'posts', 'id').get().data).toEqualTypeOf<(Record & Post) | undefined>();
        expectTypeOf(authAtom(pb).get()).toEqualTypeOf<AuthState>();
    });

    it('options are checked', () => {
        // @ts-expect-error page is a number
        list(pb, 'posts', { page: '2' });
        // @ts-expect-error filter is a string
        fullListAtom(pb, 'posts', { filter: 1 });
        // @ts-expect-error the id is required
        one(pb, 'posts');
    });
});
