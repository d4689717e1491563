import type { EventSourceConstructor, EventSourceLike, Timers } from '../../src/realtime/types';

/** A scripted EventSource: the test plays the server's frames and failures. */
export interface FakeEventSource extends EventSourceLike {
    readonly url: string;
    readonly closed: boolean;
    /** Listeners currently attached, all event types together. */
    listenerCount(): number;
    /** Plays `event:PB_CONNECT` with this client id. */
    connect(clientId: string): void;
    /** Plays a frame: `event:<name>`, `data:<data>`. */
    frame(name: string, data: string, lastEventId?: string): void;
    /** Plays the EventSource's own `error` event (the connection failed or was lost). */
    fail(): void;
}

/** A fresh fake EventSource class and the instances it created. */
export function fakeEventSourceClass(): { EventSource: EventSourceConstructor; instances: FakeEventSource[]; open: () => FakeEventSource[] } {
    const instances: FakeEventSource[] = [];

    class Fake implements FakeEventSource {
        readyState = 0;
        closed = false;
        private readonly listeners = new Map<string, Set<(event: Event) => void>>();

        constructor(readonly url: string) {
            instances.push(this);
        }

        addEventListener(type: string, listener: (event: Event) => void): void {
            let set = this.listeners.get(type);
            if (!set) this.listeners.set(type, (set = new Set()));
            set.add(listener);
        }

        removeEventListener(type: string, listener: (event: Event) => void): void {
            this.listeners.get(type)?.delete(listener);
        }

        close(): void {
            this.closed = true;
            this.readyState = 2;
        }

        listenerCount(): number {
            let count = 0;
            for (const set of this.listeners.values()) count += set.size;
            return count;
        }

        connect(clientId: string): void {
            this.readyState = 1;
            this.frame('PB_CONNECT', JSON.stringify({ clientId }), clientId);
        }

        frame(name: string, data: string, lastEventId = ''): void {
            this.dispatch(name, Object.assign(new Event(name), { data, lastEventId }));
        }

        fail(): void {
            this.readyState = 0;
            this.dispatch('error', new Event('error'));
        }

        private dispatch(type: string, event: Event): void {
            if (this.closed) return;
            for (const listener of Array.from(this.listeners.get(type) ?? [])) listener(event);
        }
    }

    return {
        EventSource: Fake,
        instances,
        open: () => instances.filter((source) => !source.closed),
    };
}

/** Timers run by hand: `advance(ms)` fires what is due; `pending()` counts what is left. */
export function manualTimers(): Timers & { advance(ms: number): void; pending(): number; delays(): number[] } {
    let now = 0;
    let nextId = 1;
    const timers = new Map<number, { at: number; delay: number; callback: () => void }>();
    return {
        setTimeout(callback: () => void, ms: number): unknown {
            const id = nextId++;
            timers.set(id, { at: now + ms, delay: ms, callback });
            return id;
        },
        clearTimeout(handle: unknown): void {
            timers.delete(handle as number);
        },
        advance(ms: number): void {
            const until = now + ms;
            for (;;) {
                const due = Array.from(timers.entries()).filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
                if (!due) break;
                timers.delete(due[0]);
                now = due[1].at;
                due[1].callback();
            }
            now = until;
        },
        pending: () => timers.size,
        delays: () => Array.from(timers.values()).map((t) => t.delay),
    };
}

/** A recorded `POST /api/realtime`. */
export interface RecordedPost {
    clientId: string;
    subscriptions: string[];
    authorization: string;
}

/**
 * A fetch standing in for the server's `POST /api/realtime`: records each POST and answers
 * 204, or what `respond` returns (which may be a promise the test resolves later).
 */
export function fakeRealtimeFetch(respond?: (post: RecordedPost) => Response | Promise<Response>) {
    const posts: RecordedPost[] = [];
    const fetch = async (_url: string, init?: RequestInit): Promise<Response> => {
        const body = JSON.parse(String(init?.body ?? '{}')) as { clientId: string; subscriptions: string[] };
        const headers = (init?.headers ?? {}) as { [name: string]: string };
        const post = { clientId: body.clientId, subscriptions: body.subscriptions, authorization: headers['Authorization'] ?? '' };
        posts.push(post);
        return respond ? respond(post) : new Response(null, { status: 204 });
    };
    return { fetch, posts };
}

/** A JSON error response like PocketBase's. */
export function errorResponse(status: number, message: string): Response {
    return new Response(JSON.stringify({ code: status, message, data: {} }), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Lets pending promise chains (fetch, response parsing, microtasks) run. */
export function settle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

/** An unsigned JWT with the given claims (the SDK reads claims; only the server verifies). */
export function fakeToken(claims: { id: string; type: 'user' | 'admin'; exp?: number }): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.signature`;
}
