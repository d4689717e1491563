// The client of the Svelte, React and Vue pages (one per page), its requests counted.
import PocketBase from '../../src/index';
import { countRequests } from './requests';

declare const __PB_URL__: string;

/** The page's client (auth kept in LocalStorage, shared by the pages of this origin). */
export const pb = countRequests(new PocketBase(__PB_URL__));
