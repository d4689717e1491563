// The server side of /ssr/, loaded by the dev server through Vite's SSR module loader (so
// App.svelte is compiled for the server): one client per request, its auth from the request's
// cookie; the page's live list loaded, rendered and dehydrated into the page; sign-in and
// sign-out as form actions that set the cookie (`?/login`, `?/logout`, as SvelteKit names them).
import { atom } from 'nanostores';
import { render } from 'svelte/server';
import PocketBase from '../../src/index';
import { authAtom, dehydrate, liveListAtom, load, type DehydratedState } from '../../src/stores/nano/index';
import { message } from '../shared/format';
import App from './App.svelte';
import { CookieAuthStore, POSTS_QUERY, cookieOptions } from './query';

/** What the page's script reads back (embedded as JSON in a script element). */
export interface PageState {
    snapshot: DehydratedState;
    error: string;
}

export interface PageRequest {
    pbUrl: string;
    method: string;
    /** The path and query, e.g. `/ssr/?/login`. */
    url: string;
    cookie: string;
    https: boolean;
    /** The body of a form POST. */
    form: URLSearchParams;
}

export type PageResponse =
    | { status: 303; location: string; setCookie: string }
    | { status: 200 | 400 | 404; head: string; body: string; state: string };

function client(request: PageRequest): PocketBase {
    const pb = new PocketBase(request.pbUrl, 'en-US', new CookieAuthStore());
    pb.authStore.loadFromCookie(request.cookie);
    return pb;
}

async function renderPage(pb: PocketBase, status: 200 | 400, error: string): Promise<PageResponse> {
    const posts = liveListAtom(pb, 'posts', POSTS_QUERY);
    await load(posts); // settled: the data or the error is in the value
    const { head, body } = render(App, {
        props: { auth: authAtom(pb), posts, requests: atom({ sent: 0, cancelled: 0 }), error },
    });
    const state: PageState = { snapshot: dehydrate(pb), error };
    // `<` escaped: a record's text cannot end the script element early.
    return { status, head, body, state: JSON.stringify(state).replace(/</g, '\\u003c') };
}

export async function handle(request: PageRequest): Promise<PageResponse> {
    const pb = client(request);
    const action = new URL(request.url, 'http://x').search;
    if (request.method === 'POST' && action === '?/login') {
        try {
            await pb.users.authViaEmail(String(request.form.get('email') ?? ''), String(request.form.get('password') ?? ''));
        } catch (err) {
            return renderPage(pb, 400, message(err));
        }
        return { status: 303, location: '/ssr/', setCookie: pb.authStore.exportToCookie(cookieOptions(request.https)) };
    }
    if (request.method === 'POST' && action === '?/logout') {
        pb.authStore.clear();
        return { status: 303, location: '/ssr/', setCookie: pb.authStore.exportToCookie(cookieOptions(request.https)) };
    }
    return renderPage(pb, 200, '');
}
