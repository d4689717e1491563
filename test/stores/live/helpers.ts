import PocketBase from '../../../src/index';
import { SEED_ADMIN, startEmulator, type Emulator } from '../../emulator/index';

export interface Post {
    title: string;
    views: number;
    published: boolean;
}

/** An emulator plus an admin client that writes (the live clients stay guests: posts are public). */
export async function setup(posts: Array<Partial<Post>> = []): Promise<{ emu: Emulator; writer: PocketBase }> {
    const emu = await startEmulator({ seed: { posts } });
    const writer = new PocketBase(emu.url);
    await writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
    return { emu, writer };
}

/** Polls until `check` holds (or fails after `ms`). */
export async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
    const until = Date.now() + ms;
    while (!check()) {
        if (Date.now() > until) throw new Error('timed out waiting');
        await new Promise((r) => setTimeout(r, 5));
    }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The records requests the emulator answered for a collection (list and view). */
export function recordRequests(emu: Emulator, collection = 'posts'): number {
    return emu.requestLog.filter((e) => e.method === 'GET' && e.path.startsWith(`/api/collections/${collection}/records`)).length;
}
