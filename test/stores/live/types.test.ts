// Type-level tests: checked by `tsc --noEmit` (part of `npm test`); the runtime part only builds
// the streams and atoms without subscribing, so nothing is sent.
import { describe, expectTypeOf, it } from 'vitest';
import { filter, type Observable } from 'rxjs';
import type { ReadableAtom } from 'nanostores';
import PocketBase, { type ClientResponseError, type Record } from '../../../src/index';
import {
    connectionState, events, liveList, liveRecord,
    type ConnectionState, type LiveListValue, type LiveRecordValue, type RealtimeEvent,
} from '../../../src/stores/rx/index';
import { connectionStateAtom, eventsAtom, liveListAtom, liveRecordAtom, type LatestEvent } from '../../../src/stores/nano/index';

interface Post { title: string; views: number }

describe('generics flow from liveList<Post>(...) to every subscriber', () => {
    const pb = new PocketBase('http://127.0.0.1:9');

    it('observables', () => {
        expectTypeOf(liveList<Post>(pb, 'posts')).toEqualTypeOf<Observable<LiveListValue<Post>>>();
        expectTypeOf(liveRecord<Post>(pb, 'posts', 'id')).toEqualTypeOf<Observable<LiveRecordValue<Post>>>();
        expectTypeOf(events<Post>(pb, 'posts')).toEqualTypeOf<Observable<RealtimeEvent<Post>>>();
        expectTypeOf(connectionState(pb)).toEqualTypeOf<Observable<ConnectionState>>();
        const check = (value: LiveListValue<Post>): void => {
            expectTypeOf(value.items[0]!).toEqualTypeOf<Record & Post>();
            expectTypeOf(value.items[0]!.views).toEqualTypeOf<number>();
            expectTypeOf(value.perPage).toEqualTypeOf<number | null>();
            expectTypeOf(value.error).toEqualTypeOf<ClientResponseError | null>();
        };
        void check;
        events<Post>(pb, 'posts').pipe(filter((e) => e.action === 'create'));
        expectTypeOf<RealtimeEvent<Post>['record']['title']>().toEqualTypeOf<string>();
        expectTypeOf<LiveRecordValue<Post>['record']>().toEqualTypeOf<(Record & Post) | null>();
        // Without a type argument, fields are unknown (Record's index signature), never any.
        expectTypeOf<LiveListValue['items'][number]['title']>().toEqualTypeOf<unknown>();
    });

    it('atoms', () => {
        expectTypeOf(liveListAtom<Post>(pb, 'posts', { perPage: 20 })).toEqualTypeOf<ReadableAtom<LiveListValue<Post>>>();
        expectTypeOf(liveRecordAtom<Post>(pb, 'posts', 'id').get().record?.title).toEqualTypeOf<string | undefined>();
        expectTypeOf(eventsAtom<Post>(pb, 'posts').get()).toEqualTypeOf<LatestEvent<Post>>();
        expectTypeOf(eventsAtom<Post>(pb, 'posts').get().event?.record.views).toEqualTypeOf<number | undefined>();
        expectTypeOf(connectionStateAtom(pb).get()).toEqualTypeOf<ConnectionState>();
    });

    it('queries are checked', () => {
        // @ts-expect-error page is a number
        liveList(pb, 'posts', { page: '2' });
        // @ts-expect-error expand is a string
        liveRecord(pb, 'posts', 'id', { expand: 1 });
        // @ts-expect-error the client must have realtime
        liveList({ records: {} }, 'posts');
    });
});
