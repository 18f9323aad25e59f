#!/usr/bin/env node
// Entry shim: everything lives in the bundles built by `npm install` (prepare).
// CommonJS, as is dist/start.cjs, so the interactive start never starts Node's ES module
// loader (measured ~20 ms of a first frame on Node 20); one-shot commands load the ES
// module build (dist/cli.js) from there.
const { appendFileSync, existsSync } = require('node:fs');
const path = require('node:path');

// The start-up trace (src/store/startup-trace.ts): the shim's own point, before the bundle loads.
if (process.env.NOSTR_TUI_STARTUP_TRACE) appendFileSync(process.env.NOSTR_TUI_STARTUP_TRACE, `bin ${performance.now().toFixed(1)}\n`);
// Node 22.1+: V8's compiled code for the ES module build is kept on disk between runs
// (in the OS temp directory), so a start compiles only what changed. Node 20 lacks it;
// the interactive start has its own cache (src/code-cache.ts) on every version.
require('node:module').enableCompileCache?.();

const dist = path.join(__dirname, '..', 'dist');
if (!['start.cjs', 'cli.js', 'interactive.cjs'].every((file) => existsSync(path.join(dist, file)))) {
  process.stderr.write('nostr-tui: the build is missing; run `npm install` (or `npm run build`) in the package directory.\n');
  process.exit(1);
}
require(path.join(dist, 'start.cjs')).start();
