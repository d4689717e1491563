// The browser side of /ssr/: the page's own client, signed in from the cookie the form actions
// set; the server's snapshot hydrated before the atoms are read, then the component hydrated over
// the server's HTML. The live list starts with the server's records (no loading state) and
// reconciles with one request in the background.
import { hydrate as hydrateComponent } from 'svelte';
import PocketBase from '../../src/index';
import { authAtom, hydrate, liveListAtom } from '../../src/stores/nano/index';
import { mountNav } from '../shared/nav';
import { $requests, countRequests } from '../shared/requests';
import type { Post } from '../shared/format';
import App from './App.svelte';
import { CookieAuthStore, POSTS_QUERY } from './query';
import type { PageState } from './entry-server';

declare const __PB_URL__: string;

const pb = countRequests(new PocketBase(__PB_URL__, 'en-US', new CookieAuthStore()));
pb.authStore.loadFromCookie(document.cookie);

const state = JSON.parse(document.getElementById('pb-state')!.textContent!) as PageState;
hydrate(pb, state.snapshot);

mountNav();
hydrateComponent(App, {
    target: document.getElementById('app')!,
    props: { auth: authAtom(pb), posts: liveListAtom<Post>(pb, 'posts', POSTS_QUERY), requests: $requests, error: state.error },
});
