// The package as npm ships it: the timing rows load dist/ (built by `npm run bench` first), not
// src/ through tsx. tsx's on-the-fly transform made our rows jump between runs (realtime delivery
// ×1.1 one run, ×1.5 the next, on identical code) while the built files time steadily, and the
// official row is its built file too. The specifiers are computed so that `tsc` (which checks
// bench/ before anything is built) types them from src/ instead of resolving dist/.
const dist = new URL('../dist/', import.meta.url).href;

/** `pocketbase-reactive` (dist/pocketbase.es.mjs). */
export const core = (await import(dist + 'pocketbase.es.mjs')) as typeof import('../src/index');
/** `pocketbase-reactive/rx` (dist/rx.es.mjs). */
export const rx = (await import(dist + 'rx.es.mjs')) as typeof import('../src/stores/rx/index');
/** `pocketbase-reactive/nano` (dist/nano.es.mjs). */
export const nano = (await import(dist + 'nano.es.mjs')) as typeof import('../src/stores/nano/index');
