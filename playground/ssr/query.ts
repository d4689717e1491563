// What the server-rendered page shows: one live list, the same query on both sides (the snapshot
// is keyed by it).
import { BaseAuthStore } from '../../src/index';

export const POSTS_QUERY = { sort: '-created,id' };

/** An auth store in memory, loaded from the cookie: on the server one per request, in the browser one per page. */
export class CookieAuthStore extends BaseAuthStore {}

/** The auth cookie: readable by the page's script (which loads it), Secure on https only. */
export const cookieOptions = (https: boolean) => ({ httpOnly: false, secure: https, path: '/ssr' });
