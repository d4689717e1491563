// `npm run bench`: build, then every benchmark side by side. Ratios matter; absolute times are noise.
import { execSync } from 'node:child_process';
import { benchSize } from './size';
import { benchRequests } from './requests';
import { benchRealtime } from './realtime';
import { benchLiveList } from './liveList';
import { benchCache } from './cache';

execSync('npm run build --silent', { stdio: 'inherit' });
benchSize();
await benchRequests();
await benchRealtime();
await benchLiveList();
await benchCache();
