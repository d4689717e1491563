import type { EventSourceConstructor } from './types';

let packageImport: Promise<EventSourceConstructor> | null = null;

/**
 * The EventSource class to use: the injected one, else the environment's own (browsers, Deno,
 * Bun), else the `eventsource` package. The package is imported dynamically and only when no
 * global exists, so browser bundles never carry it and Node users need no polyfill.
 */
export function resolveEventSource(injected?: EventSourceConstructor): Promise<EventSourceConstructor> {
    if (injected) return Promise.resolve(injected);
    const global = (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
    if (typeof global === 'function') return Promise.resolve(global);
    // '#eventsource' (package.json "imports") is the `eventsource` package, except under the
    // "browser" condition, where it is a module that only throws: bundlers leave the package out.
    packageImport ??= import('#eventsource').then(
        (module) => module.EventSource as unknown as EventSourceConstructor,
        (error: unknown) => {
            // Let a later attempt try again (the package may be installed meanwhile in dev servers).
            packageImport = null;
            throw new Error('No EventSource available: install the "eventsource" package or pass options.EventSource.', { cause: error });
        },
    );
    return packageImport;
}
