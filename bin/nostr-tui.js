#!/usr/bin/env node
// Entry shim: everything lives in the bundle built by `npm install` (prepare).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('nostr-tui: the build is missing; run `npm install` (or `npm run build`) in the package directory.\n');
  process.exit(1);
}
const { run } = await import(bundle.href);
await run();
