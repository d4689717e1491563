// Tabs sharing one realtime connection: connections held at the emulator for N tabs (shared vs one
// per tab), and the delivery latency of one event to every tab — from the write's request to each
// tab's callback — through the shared connection (the leader, and the followers over
// BroadcastChannel) vs a connection per tab. Tabs are clients in this process over the simulated
// browser of the unit tests (Node's BroadcastChannel, an in-memory Web Locks); Chromium's channel
// crosses processes, so its latency there is higher than here.
import PocketBase from '../src/index';
import { SEED_ADMIN, startEmulator, type Emulator } from '../test/emulator/index';
import { FakeBrowser, type Tab } from '../test/realtime/tabs/browser';
import { results } from './harness';

const WRITES = 60;

async function until(check: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
        if (Date.now() > deadline) throw new Error('bench: timed out');
        await new Promise<void>((r) => setTimeout(r, 1));
    }
}

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Opens `count` tabs subscribed to 'posts'; each tab's arrival times by record title go to `arrivals`. */
async function openTabs(emu: Emulator, count: number, share: boolean, arrivals: Map<Tab, Map<string, number>>): Promise<Tab[]> {
    const browser = new FakeBrowser();
    const tabs = Array.from({ length: count }, () => browser.openTab(emu.url, { realtime: { shareConnection: share } }));
    await Promise.all(tabs.map((tab) => {
        const seen = new Map<string, number>();
        arrivals.set(tab, seen);
        return tab.pb.realtime.subscribe('posts', ({ record }) => seen.set(String(record['title']), performance.now()));
    }));
    return tabs;
}

async function close(tabs: Tab[], emu: Emulator): Promise<void> {
    for (const tab of tabs) await tab.pb.realtime.unsubscribe();
    await until(() => emu.connections() === 0);
}

export async function benchTabs(): Promise<void> {
    const emu = await startEmulator({ seed: { posts: [] } });
    try {
        const writer = new PocketBase(emu.url);
        await writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);

        const group = 'Tabs: realtime connections held at the server for N tabs of one origin and identity';
        console.log(`\n${group}`);
        for (const count of [1, 4, 8]) {
            for (const share of [true, false]) {
                const tabs = await openTabs(emu, count, share, new Map());
                const connections = emu.connections();
                const name = `${count} tab${count === 1 ? '' : 's'}, ${share ? 'shared (default)' : 'shareConnection: false'}`;
                console.log(`  ${name.padEnd(40)} ${String(connections).padStart(3)} connection${connections === 1 ? '' : 's'}`);
                results.counts.push({ group, name, count: connections });
                await close(tabs, emu);
            }
        }

        const latency = 'Tabs: one event to 8 tabs, from the write request to each tab\'s callback (p50/p95 over 60 writes)';
        const rows: Array<{ name: string; values: number[] }> = [];
        for (const share of [false, true]) {
            const arrivals = new Map<Tab, Map<string, number>>();
            const tabs = await openTabs(emu, 8, share, arrivals);
            const sent = new Map<string, number>();
            for (let i = 0; i < WRITES; i++) {
                const title = `${share ? 's' : 'd'}${i}`;
                sent.set(title, performance.now());
                await writer.records.create('posts', { title });
                await until(() => tabs.every((tab) => arrivals.get(tab)!.has(title)));
            }
            const delays = (tab: Tab) => Array.from(sent, ([title, at]) => arrivals.get(tab)!.get(title)! - at).slice(10); // warm-up left out
            if (share) {
                const leader = tabs.filter((tab) => tab.pb.realtime.tabRole === 'leader');
                const followers = tabs.filter((tab) => tab.pb.realtime.tabRole === 'follower');
                rows.push({ name: 'shared: the leader tab', values: leader.flatMap(delays) });
                rows.push({ name: 'shared: 7 follower tabs (BroadcastChannel)', values: followers.flatMap(delays) });
            } else {
                rows.push({ name: 'a connection per tab', values: tabs.flatMap(delays) });
            }
            await close(tabs, emu);
        }
        console.log(`\n${latency}`);
        const base = rows[0]!;
        for (const p of [50, 95]) {
            const baseValue = percentile(base.values, p);
            for (const row of rows) {
                const value = percentile(row.values, p);
                const name = `${row.name}, p${p}`;
                console.log(`  ${name.padEnd(52)} ${value.toFixed(3).padStart(9)} ms   ×${(value / baseValue).toFixed(3)} vs ${base.name}`);
                results.timings.push({ group: latency, name, medianMs: value, ratio: value / baseValue, baseline: `${base.name}, p${p}`, samples: row.values.length });
            }
        }
    } finally {
        await emu.close();
    }
}
