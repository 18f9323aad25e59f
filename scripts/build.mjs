// Bundles the CLI into dist/ with esbuild, twice (dist/start.cjs, from src/start.ts, picks one per start):
// - an ES module build split per command, so a one-shot command loads only what it runs
//   (one bundle starts much faster than hundreds of unbundled ESM files: Ink + React
//   alone cost ~0.8 s unbundled);
// - the whole CLI as one CommonJS file, interactive.cjs, for the interactive start,
//   compiled through V8's code cache (src/code-cache.ts), which ES modules lack on Node 20.
import { build } from 'esbuild';
import fs from 'node:fs';
import { interactivePlugins } from './bundle-plugins.mjs';
import { inkFrameCachePlugin } from './ink-frame-cache-plugin.mjs';
import { stringWidthPlugin } from './string-width-plugin.mjs';

// Chunk names change with their content: old ones would pile up in dist/.
fs.rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native addons and optional dev-only modules stay outside the bundle.
  external: ['bcrypto', 'better-sqlite3', 'node-pty', 'react-devtools-core', 'bufferutil', 'utf-8-validate'],
  // React and its reconciler pick their production builds (the development ones are
  // several times slower to load and render, and would otherwise be what runs).
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  // string-width's emoji regex and segmenter made on first need, and Ink's caches kept across
  // frames (issue #17; see each plugin).
  plugins: [stringWidthPlugin, inkFrameCachePlugin],
};

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  // Bundled CommonJS dependencies (ws, yargs helpers) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __nostrTuiCreateRequire } from 'node:module'; const require = __nostrTuiCreateRequire(import.meta.url);",
  },
});

// The CommonJS files: `import.meta.url` (package.json, the workers' modules) is the file's own
// URL, as in the ES module build.
const commonJs = {
  ...common,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__nostrTuiModuleUrl' },
  banner: { js: "var __nostrTuiModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...commonJs,
  entryPoints: { interactive: 'src/cli.ts' },
  // better-sqlite3's JavaScript too, so that it compiles through the code cache (6 ms of every
  // start otherwise); its addon is found by path (src/store/sqlite.ts), never by \`bindings\`.
  external: [...common.external.filter((name) => name !== 'better-sqlite3'), 'bindings'],
  plugins: interactivePlugins,
  // Minified, it reads, hashes and deserialises in 3 ms instead of 11 (2.3 MB of source, not
  // ASCII with its comments, against 1.2 MB of ASCII); errors never show the user a stack.
  minify: true,
});

// The entry the bin shim requires: CommonJS like the shim, so an interactive start never loads
// Node's ES module loader; a one-shot command imports dist/cli.js from it.
await build({
  ...commonJs,
  entryPoints: { start: 'src/start.ts' },
  external: [...common.external, './cli.js'],
  plugins: [],
});

// The cache's writer thread (src/store/writer-worker.ts), loaded by path from dist/.
await build({
  ...commonJs,
  entryPoints: { 'store-writer': 'src/store/writer-worker.ts' },
  plugins: [],
});
