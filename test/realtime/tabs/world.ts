// The setup both tabs suites share: a fresh emulator (one seeded post) and an admin client that
// writes, a fresh simulated browser per test, and small helpers to subscribe and wait.
import { afterEach, beforeEach } from 'vitest';
import PocketBase, { type MessageData } from '../../../src/index';
import { SEED_ADMIN, startEmulator, type Emulator } from '../../emulator/index';
import { sleep } from '../../stores/cache/support';
import { FakeBrowser, type Tab } from './browser';

export { sleep, waitFor } from '../../stores/cache/support';

export interface World {
    emu: Emulator;
    writer: PocketBase;
    browser: FakeBrowser;
}

/** Registers the hooks; the returned object holds the current test's world. */
export function tabsWorld(): World {
    const world = {} as World;
    beforeEach(async () => {
        world.emu = await startEmulator({ seed: { posts: [{ title: 'first', published: true }] } });
        world.writer = new PocketBase(world.emu.url);
        await world.writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        world.browser = new FakeBrowser();
    });
    afterEach(async () => {
        // A tab whose server refused a list rejects its unsubscribe; one left hanging must not stall the suite.
        for (const tab of Array.from(world.browser.tabs)) await Promise.race([tab.pb.realtime.unsubscribe().catch(() => {}), sleep(200)]);
        await world.emu.close();
    });
    return world;
}

/** Subscribes `tab` to `topic`, recording `action:title` (or name, or id) of each message. */
export function collect(tab: Tab, topic: string): { seen: string[]; stop: Promise<() => Promise<void>> } {
    const seen: string[] = [];
    const stop = tab.pb.realtime.subscribe(topic, (message: MessageData) => seen.push(`${message.action}:${String(message.record['title'] ?? message.record['name'] ?? message.record.id)}`));
    return { seen, stop };
}
