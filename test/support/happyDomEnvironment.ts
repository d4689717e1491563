// Vitest's happy-dom environment, except for one line of noise: happy-dom 21's fetch destroys
// the socket of an aborted request and then prints the resulting "socket hang up" error on the
// page console, although the fetch has already rejected with an AbortError (which the SDK
// reports). Our tests abort requests on purpose (unmounting cancels), so that print is dropped;
// every other console call goes through.
import type { Environment } from 'vitest/environments';
import { builtinEnvironments } from 'vitest/environments';

const happyDom = builtinEnvironments['happy-dom'];

function isAbortedSocketNoise(args: unknown[]): boolean {
    const [error] = args;
    return args.length === 1 && error instanceof Error && (error as { code?: unknown }).code === 'ECONNRESET' && error.message === 'socket hang up';
}

export default {
    name: 'happy-dom-quiet',
    viteEnvironment: happyDom.viteEnvironment,
    async setup(global, options) {
        const realConsole = global.console as Console;
        const pageConsole = Object.create(realConsole) as Console;
        pageConsole.error = (...args: unknown[]) => {
            if (!isAbortedSocketNoise(args)) realConsole.error(...args);
        };
        // The built-in environment hands `global.console` to the happy-dom window it creates.
        global.console = pageConsole;
        try {
            return await happyDom.setup(global, options);
        } finally {
            global.console = realConsole;
        }
    },
} satisfies Environment;
