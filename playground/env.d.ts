// Types of the files Vite's plugins compile (tsc checks the .ts/.tsx files; .svelte and .vue files
// are checked by their own compilers).
/// <reference types="vite/client" />
declare module '*.svelte' {
    import type { Component } from 'svelte';
    const component: Component<Record<string, unknown>>;
    export default component;
}
declare module '*.vue' {
    import type { DefineComponent } from 'vue';
    const component: DefineComponent;
    export default component;
}
