// Loads every built file the way users will: ESM import, CJS require, the UMD file in a
// window-like context, and the package's own export map (self-reference by name).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const dist = new URL('../dist/', import.meta.url);
const checks = [];
const check = async (name, fn) => { await fn(); checks.push(name); };

await check('ESM import of dist/pocketbase.es.mjs', async () => {
    const mod = await import(new URL('pocketbase.es.mjs', dist));
    const pb = new mod.default('http://127.0.0.1:8090');
    assert.equal(typeof pb.records.getList, 'function');
    assert.equal(typeof mod.ClientResponseError, 'function');
    assert.equal(mod.PocketBase, mod.default);
});

await check('CJS require of dist/pocketbase.cjs.js is the client class', async () => {
    const PocketBase = require('../dist/pocketbase.cjs.js');
    assert.equal(typeof PocketBase, 'function');
    assert.equal(typeof new PocketBase('http://x').users.authViaEmail, 'function');
    assert.equal(typeof PocketBase.ClientResponseError, 'function');
    assert.equal(PocketBase.default, PocketBase);
});

await check('UMD file defines the PocketBase global in a window-like context', async () => {
    const code = readFileSync(new URL('pocketbase.umd.js', dist), 'utf8');
    const window = { fetch: globalThis.fetch, AbortController, URLSearchParams, TextDecoder, atob };
    window.window = window;
    window.self = window;
    const context = vm.createContext(window);
    vm.runInContext(code, context);
    assert.equal(typeof context.PocketBase, 'function');
    const pb = vm.runInContext('new PocketBase("http://127.0.0.1:8090")', context);
    assert.equal(pb.buildUrl('/api/x'), 'http://127.0.0.1:8090/api/x');
});

await check('entry points through the package export map', async () => {
    const main = await import('pocketbase-reactive');
    const rx = await import('pocketbase-reactive/rx');
    const nano = await import('pocketbase-reactive/nano');
    const cjs = require('pocketbase-reactive/cjs');
    assert.equal(typeof main.default, 'function');
    assert.equal(typeof cjs, 'function');
    assert.ok(Object.keys(rx).length > 0 && Object.keys(nano).length > 0);
    const rxCjs = require('pocketbase-reactive/rx');
    const nanoCjs = require('pocketbase-reactive/nano');
    assert.ok(Object.keys(rxCjs).length > 0 && Object.keys(nanoCjs).length > 0);
});

await check('#eventsource resolves to the eventsource package in Node (ESM and CJS) from dist/', async () => {
    const fromDist = createRequire(new URL('chunks/any.cjs.js', dist));
    assert.equal(fromDist.resolve('#eventsource'), require.resolve('eventsource'));
    const esm = await import(pathToFileURL(fromDist.resolve('#eventsource')).href);
    assert.equal(typeof esm.EventSource, 'function');
});

console.log(`smoke: ${checks.length} passed, 0 failed`);
for (const name of checks) console.log('  ok - ' + name);
