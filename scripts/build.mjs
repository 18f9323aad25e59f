// Bundles the CLI into dist/ with esbuild. One bundle starts much faster than
// hundreds of unbundled ESM files (Ink + React alone cost ~0.8 s unbundled).
// The interactive UI is a dynamic import, so one-shot commands never load it.
import { build } from 'esbuild';
import fs from 'node:fs';
import { stringWidthPlugin } from './string-width-plugin.mjs';

// Chunk names change with their content: old ones would pile up in dist/.
fs.rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native addons and optional dev-only modules stay outside the bundle.
  external: ['bcrypto', 'better-sqlite3', 'node-pty', 'react-devtools-core', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS dependencies (ws, yargs helpers) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __nostrTuiCreateRequire } from 'node:module'; const require = __nostrTuiCreateRequire(import.meta.url);",
  },
  // React and its reconciler pick their production builds (the development ones are
  // several times slower to load and render, and would otherwise be what runs).
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  // string-width's emoji regex and segmenter made on first need (issue #17; see the plugin).
  plugins: [stringWidthPlugin],
});
