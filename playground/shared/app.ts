// The playground app without a UI framework: stores and actions. The Svelte, React and Vue pages
// render these and nothing else, so they differ only in their templates.
import { atom, type ReadableAtom } from 'nanostores';
import { Observable, map, scan, switchMap } from 'rxjs';
import { events, liveList } from '../../src/stores/rx/index';
import {
    authAtom, connectionStateAtom, infiniteListAtom, liveListAtom, optimistic, toAtom,
    type InfiniteListAtom, type LiveListValue,
} from '../../src/stores/nano/index';
import { pb } from './client';
import { fieldErrors, message, type FieldErrors, type Post } from './format';

export { pb } from './client';
export { $requests } from './requests';
export * from './format';

export const $auth = authAtom(pb);
export const $connection = connectionStateAtom(pb);

/** The list controls: a title search and a sort order. */
export const $controls = atom({ search: '', sort: '-created,id' });
export const SORTS = { '-created,id': 'newest first', 'created,id': 'oldest first', 'title,id': 'title A→Z', '-title,id': 'title Z→A' } as const;

/** An Observable as an atom (subscribed while the atom has listeners). */
const observed = <T>(source: Observable<T>, initial: T): ReadableAtom<T> =>
    toAtom({ subscribe: (listener: (value: T) => void) => { const subscription = source.subscribe(listener); return () => subscription.unsubscribe(); } }, initial);

const query = ({ search, sort }: { search: string; sort: string }) => ({ sort, filter: search ? pb.filter('title ~ {:search}', { search }) : '' });

/**
 * The live list under the controls: RxJS `switchMap` moves to the live list of the new query and
 * unsubscribes from the previous one (its request, if still running, is cancelled).
 */
export const $posts: ReadableAtom<LiveListValue<Post>> = observed(
    new Observable<{ search: string; sort: string }>((subscriber) => $controls.subscribe((value) => subscriber.next(value))).pipe(
        switchMap((controls) => liveList<Post>(pb, 'posts', query(controls))),
    ),
    liveListAtom<Post>(pb, 'posts', query($controls.get())).get(),
);

/** An infinite list of the same posts, 5 per page. */
export const $feed: InfiniteListAtom<Post> = infiniteListAtom<Post>(pb, 'posts', { sort: '-created,id', perPage: 5 });

/** The last 30 realtime events of `posts`, newest first: `events()` through an RxJS pipe. */
export const $log: ReadableAtom<string[]> = observed(
    events<Post>(pb, 'posts').pipe(
        map(({ action, record }) => `${new Date().toLocaleTimeString()} ${action} ${record.id} "${record.title}"`),
        scan((lines: string[], line: string) => [line, ...lines].slice(0, 30), []),
    ),
    [],
);

/** Signs in a user; resolves to an error message or ''. */
export async function signIn(email: string, password: string): Promise<string> {
    try {
        await pb.users.authViaEmail(email, password);
        return '';
    } catch (err) {
        return message(err);
    }
}

export const signOut = (): void => pb.authStore.clear();

/**
 * Creates a post from the new-post form (title, views, an optional image): resolves to the
 * server's errors by field (empty when it was created), `''` holding a message not about a field.
 */
export async function createPost(form: HTMLFormElement): Promise<FieldErrors> {
    const data = new FormData(form);
    const body = new FormData();
    body.append('title', String(data.get('title') ?? ''));
    body.append('views', String(data.get('views') || 0));
    const file = data.get('attachment');
    if (file instanceof File && file.size > 0) body.append('attachments', file);
    try {
        await pb.records.create('posts', body);
        form.reset();
        return {};
    } catch (err) {
        const errors = fieldErrors(err);
        return Object.keys(errors).length ? errors : { '': message(err) };
    }
}

/**
 * Renames a post optimistically: every list shows the new title at once, marked pending until the
 * server answers. With `fail`, the request also sends a tag the server refuses, so the change is
 * rolled back: the promise resolves to the error message ('' on success).
 */
export async function renamePost(id: string, title: string, fail: boolean): Promise<string> {
    try {
        await optimistic(pb).update('posts', id, fail ? { title, tags: ['not-an-option'] } : { title });
        return '';
    } catch (err) {
        return message(err);
    }
}

export const deletePost = (id: string): Promise<string> => optimistic(pb).delete('posts', id).then(() => '', message);

/** The URL of a post's first attachment, served by /api/files (null without one). */
export function imageUrl(post: { id: string; '@collectionId': string; attachments?: string[] }): string | null {
    const file = post.attachments?.[0];
    return file ? pb.records.getFileUrl(post, file) : null;
}

/**
 * Infinite scroll: loads the next page whenever `sentinel` is visible (scrolled into view, or
 * still visible after a page came) and more records exist. A load that failed is not repeated
 * until the sentinel has left the view. Returns the undo.
 */
export function infiniteScroll(sentinel: Element, feed: InfiniteListAtom<Post> = $feed): () => void {
    let visible = false;
    let loading = false;
    let failed = false;
    let stopped = false;
    const check = (): void => {
        const value = feed.get();
        if (!visible || loading || failed || !value.hasMore || value.loadingMore || value.loading) return;
        loading = true;
        const before = value.error; // (a write's rollback also sets `error`: only a new one counts)
        void value.loadMore().then(() => {
            loading = false;
            failed = feed.get().error !== null && feed.get().error !== before;
            measure();
        });
    };
    const observer = new IntersectionObserver((entries) => {
        visible = entries.some((entry) => entry.isIntersecting);
        if (!visible) failed = false;
        check();
    });
    // Observing again reports where the end is now: after a change the list's height changed,
    // and the last report may be from before the new records were laid out.
    const measure = (): void => {
        if (stopped) return;
        observer.unobserve(sentinel);
        observer.observe(sentinel);
    };
    observer.observe(sentinel);
    const stop = feed.listen(measure);
    return () => {
        stopped = true;
        observer.disconnect();
        stop();
    };
}
