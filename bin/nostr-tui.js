#!/usr/bin/env node
// Entry shim: everything lives in the bundles built by `npm install` (prepare).
import { appendFileSync, existsSync } from 'node:fs';
import module from 'node:module';

// The start-up trace (src/store/startup-trace.ts): the shim's own point, before the bundle loads.
if (process.env.NOSTR_TUI_STARTUP_TRACE) appendFileSync(process.env.NOSTR_TUI_STARTUP_TRACE, `bin ${performance.now().toFixed(1)}\n`);
// Node 22.1+: V8's compiled code for the ES module build is kept on disk between runs
// (in the OS temp directory), so a start compiles only what changed. Node 20 lacks it;
// the interactive start has its own cache (src/code-cache.ts) on every version.
module.enableCompileCache?.();

const start = new URL('../dist/start.js', import.meta.url);
if (!existsSync(start) || !existsSync(new URL('../dist/interactive.cjs', import.meta.url))) {
  process.stderr.write('nostr-tui: the build is missing; run `npm install` (or `npm run build`) in the package directory.\n');
  process.exit(1);
}
await (await import(start.href)).start();
