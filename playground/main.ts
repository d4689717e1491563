import PocketBase, { isClientResponseError } from '../src/index';

declare const __PB_URL__: string;

const pb = new PocketBase(__PB_URL__);
const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

function renderAuth(): void {
    const model = pb.authStore.model;
    $('#auth-state').textContent = model ? `Signed in as ${model.email}${pb.authStore.isAdmin ? ' (admin)' : ''}` : 'Signed out';
    $('#login').hidden = !!model;
    $('#logout').hidden = !model;
}

async function renderPosts(): Promise<void> {
    try {
        const page = await pb.records.getList<{ title: string }>('posts', 1, 50, { sort: '-created' });
        $('#posts').replaceChildren(...page.items.map((post) => Object.assign(document.createElement('li'), { textContent: post.title })));
        $('#posts-error').textContent = '';
    } catch (err) {
        if (isClientResponseError(err) && err.isAbort) return;
        $('#posts-error').textContent = isClientResponseError(err) ? err.message : String(err);
    }
}

$('#login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
        await pb.users.authViaEmail(String(form.get('email')), String(form.get('password')));
    } catch (err) {
        $('#auth-state').textContent = isClientResponseError(err) ? err.message : String(err);
    }
});
$('#logout').addEventListener('click', () => pb.authStore.clear());
$('#new-post').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('title') as HTMLInputElement;
    try {
        await pb.records.create('posts', { title: input.value });
        input.value = '';
        await renderPosts();
    } catch (err) {
        $('#posts-error').textContent = isClientResponseError(err) ? err.message : String(err);
    }
});

pb.authStore.onChange(renderAuth, true);
void renderPosts();
