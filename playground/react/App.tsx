// The playground app in React 19: every store through useStore (@nanostores/react).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useStore } from '@nanostores/react';
import {
    $auth, $connection, $controls, $feed, $log, $posts, $requests, SORTS, authLabel, createPost, deletePost, imageUrl,
    infiniteScroll, renamePost, requestsLabel, signIn, signOut, type FieldErrors,
} from '../shared/app';

export function App() {
    const auth = useStore($auth);
    const connection = useStore($connection);
    const requests = useStore($requests);
    const controls = useStore($controls);
    const posts = useStore($posts);
    const feed = useStore($feed);
    const log = useStore($log);
    const [authError, setAuthError] = useState('');
    const [errors, setErrors] = useState<FieldErrors>({});
    const [editing, setEditing] = useState<string | null>(null);
    const [draft, setDraft] = useState('');
    const [fail, setFail] = useState(false);
    const [editError, setEditError] = useState('');
    const sentinel = useRef<HTMLDivElement>(null);

    useEffect(() => infiniteScroll(sentinel.current!), []);

    const login = async (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setAuthError(await signIn(String(form.get('email')), String(form.get('password'))));
    };
    const create = async (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        setErrors(await createPost(event.currentTarget));
    };
    const save = async (id: string) => {
        setEditing(null);
        setEditError(await renamePost(id, draft, fail));
    };

    return (
        <>
            <h1>pocketbase-reactive — React 19</h1>

            <section>
                <h2>
                    Auth <span id="auth-state" className="badge">{authLabel(auth)}</span>
                    <span id="connection" className="badge">realtime: {connection}</span>
                    <span id="requests" className="badge">requests: {requestsLabel(requests)}</span>
                </h2>
                {auth.isValid
                    ? <button id="logout" onClick={signOut}>Sign out</button>
                    : (
                        <form id="login" onSubmit={login}>
                            <input name="email" defaultValue="user@example.com" /> <input name="password" type="password" defaultValue="password123" /> <button>Sign in</button>
                        </form>
                    )}
                <p id="auth-error" className="error">{authError}</p>
            </section>

            <section>
                <h2>New post</h2>
                <form id="new-post" onSubmit={create}>
                    <label>Title <input name="title" /></label> <span className="field-error" data-field="title">{errors.title ?? ''}</span><br />
                    <label>Views <input name="views" type="number" /></label> <span className="field-error" data-field="views">{errors.views ?? ''}</span><br />
                    <label>Image <input name="attachment" type="file" accept="image/*" /></label> <span className="field-error" data-field="attachments">{errors.attachments ?? ''}</span><br />
                    <button>Add</button> <span id="new-post-error" className="error">{errors[''] ?? ''}</span>
                </form>
            </section>

            <section>
                <h2>
                    Live list <span id="posts-state" className="badge">{posts.totalItems} posts{posts.loading ? ', loading' : ''}{posts.fetching ? ', fetching' : ''}</span>
                </h2>
                <div className="controls">
                    <input id="search" placeholder="Search titles" value={controls.search} onChange={(e) => $controls.set({ ...controls, search: e.currentTarget.value })} />
                    <select id="sort" value={controls.sort} onChange={(e) => $controls.set({ ...controls, sort: e.currentTarget.value })}>
                        {Object.entries(SORTS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                    </select>
                    <label><input id="fail" type="checkbox" checked={fail} onChange={(e) => setFail(e.currentTarget.checked)} /> make saves fail (the server refuses a tag)</label>
                </div>
                <p id="posts-error" className="error">{posts.error ? `the list's error: ${posts.error.message}` : ''}</p>
                <p id="edit-error" className="error">{editError}</p>
                <ul id="posts">
                    {posts.items.map((post) => {
                        const src = imageUrl(post);
                        return (
                            <li key={post.id} data-id={post.id} className={posts.pending[post.id] ? 'pending' : ''}>
                                {src && <img className="thumb" src={src} alt="" />}
                                {editing === post.id
                                    ? <><input className="edit-title" value={draft} onChange={(e) => setDraft(e.currentTarget.value)} /> <button className="save" onClick={() => save(post.id)}>save</button></>
                                    : (
                                        <>
                                            <span className="title">{post.title}</span>
                                            {posts.pending[post.id] && <em className="saving">saving…</em>}
                                            <button className="edit" onClick={() => { setEditing(post.id); setDraft(post.title); }}>edit</button>
                                            <button className="delete" onClick={async () => setEditError(await deletePost(post.id))}>delete</button>
                                        </>
                                    )}
                            </li>
                        );
                    })}
                </ul>
            </section>

            <section>
                <h2>Infinite list <span id="feed-state" className="badge">{feed.items.length} of {feed.totalItems}{feed.loadingMore ? ', loading more' : ''}</span></h2>
                <div id="feed" className="scroll">
                    <ol>{feed.items.map((post) => <li key={post.id}>{post.title}</li>)}</ol>
                    <div id="feed-end" className="muted" ref={sentinel}>{feed.hasMore ? 'more below…' : 'the end'}</div>
                </div>
            </section>

            <section>
                <h2>Realtime log (<code>events(pb, 'posts')</code> through an RxJS pipe)</h2>
                <div id="log">{log.map((line, i) => <div key={i}>{line}</div>)}</div>
            </section>
        </>
    );
}
