// What `#eventsource` resolves to under the "browser" condition (see package.json "imports"):
// browsers have a global EventSource, so browser bundles never contain the `eventsource` package.
// This module is only imported where a browser-like build has no global EventSource.
throw new Error('This environment has no EventSource: pass one as options.realtime.EventSource.');
