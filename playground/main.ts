import { debounceTime, distinctUntilChanged, fromEvent, map, switchMap, of, catchError } from 'rxjs';
import PocketBase, { isClientResponseError } from '../src/index';
import { events, list } from '../src/stores/rx/index';
import { authAtom, connectionStateAtom, liveListAtom } from '../src/stores/nano/index';
import { mountNav } from './shared/nav';

declare const __PB_URL__: string;

interface Post { title: string }

mountNav();

const pb = new PocketBase(__PB_URL__);
const $auth = authAtom(pb);
const $posts = liveListAtom<Post>(pb, 'posts', { sort: '-created' });
const $connection = connectionStateAtom(pb);

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const item = (text: string) => Object.assign(document.createElement('li'), { textContent: text });
const message = (err: unknown) => (isClientResponseError(err) ? err.message : String(err));

$auth.subscribe(({ isValid, model, isAdmin }) => {
    $('#auth-state').textContent = isValid && model ? `${model.email}${isAdmin ? ' (admin)' : ''}` : 'guest';
    $('#login').hidden = isValid;
    $('#logout').hidden = !isValid;
});

$posts.subscribe(({ items, loading, stale, error, totalItems }) => {
    $('#posts-state').textContent = `${totalItems} post${totalItems === 1 ? '' : 's'}${loading ? ', loading' : ''}${stale ? ', stale' : ''}`;
    $('#posts-error').textContent = error ? error.message : '';
    $('#posts').replaceChildren(...items.map((post) => {
        const li = item(post.title);
        const remove = Object.assign(document.createElement('button'), { textContent: 'delete' });
        remove.addEventListener('click', () => pb.records.delete('posts', post.id).catch((err) => { $('#posts-error').textContent = message(err); }));
        li.append(remove);
        return li;
    }));
});

$connection.subscribe((state) => {
    $('#connection').textContent = `realtime: ${state}`;
    $('#tab-role').textContent = `tab: ${pb.realtime.tabRole}`;
});

events<Post>(pb, 'posts').subscribe(({ action, record }) => {
    const line = document.createElement('div');
    line.textContent = `${new Date().toLocaleTimeString()} ${action} ${record.id} "${record.title}"`;
    $('#log').prepend(line);
});

fromEvent($<HTMLInputElement>('#search'), 'input').pipe(
    map(() => $<HTMLInputElement>('#search').value.trim()),
    debounceTime(150),
    distinctUntilChanged(),
    switchMap((q) => (q
        ? list<Post>(pb, 'posts', { filter: pb.filter('title ~ {:q}', { q }), perPage: 10, sort: 'title' }).pipe(
            map((page) => page.items.map((post) => post.title)),
            catchError((err: unknown) => of([`error: ${message(err)}`])),
        )
        : of([]))),
).subscribe((titles) => $('#suggestions').replaceChildren(...titles.map(item)));

$('#login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
        await pb.users.authViaEmail(String(form.get('email')), String(form.get('password')));
        $('#auth-error').textContent = '';
    } catch (err) {
        $('#auth-error').textContent = message(err);
    }
});
$('#logout').addEventListener('click', () => pb.authStore.clear());
$('#new-post').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('title') as HTMLInputElement;
    try {
        await pb.records.create('posts', { title: input.value });
        input.value = '';
    } catch (err) {
        $('#posts-error').textContent = message(err);
    }
});
