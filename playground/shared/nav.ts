// The bar linking the playground's pages (each page is one framework over the same emulator).
export const PAGES = [
    ['/', 'Plain DOM'],
    ['/svelte/', 'Svelte 5'],
    ['/react/', 'React 19'],
    ['/vue/', 'Vue 3'],
    ['/ssr/', 'Svelte SSR'],
] as const;

/** Puts the links at the top of the page, the current one marked. */
export function mountNav(): void {
    const nav = document.createElement('nav');
    for (const [href, label] of PAGES) {
        const link = Object.assign(document.createElement('a'), { href, textContent: label });
        if (href === location.pathname) link.setAttribute('aria-current', 'page');
        nav.append(link);
    }
    document.body.prepend(nav);
}
