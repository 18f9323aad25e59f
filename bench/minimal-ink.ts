// Builds bench/fixtures/minimal-ink.tsx as the interactive bundle is built (scripts/build.mjs:
// CommonJS, minified, production React, the same esbuild plugins), and a loader that compiles it
// through vm.Script with V8's code cache, as src/code-cache.ts does, while a thread warms up the
// segmenter, as src/start.ts does. Returns the node arguments that start it; the last row it
// draws is MINIMAL_INK_LAST_ROW.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { interactivePlugins } from '../scripts/bundle-plugins.mjs';

export const MINIMAL_INK_LAST_ROW = 'minimal-ink note 9';

const LOADER = `
// As src/start.ts: a thread makes the process's first Intl.Segmenter while this one loads.
new (require('node:worker_threads').Worker)("new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment('a');", { eval: true }).unref();
const fs = require('node:fs'); const vm = require('node:vm'); const Module = require('node:module');
const file = require('node:path').join(__dirname, 'app.cjs');
const cache = file + '.v8';
let cachedData; try { cachedData = fs.readFileSync(cache); } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const out = {};
script.runInThisContext().call(out, out, Module.createRequire(file), { exports: out }, file, __dirname);
if (!cachedData || script.cachedDataRejected) setTimeout(() => fs.writeFileSync(cache, script.createCachedData()), 200);
`;

export async function buildMinimalInk(dir: string): Promise<string[]> {
  await build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures', 'minimal-ink.tsx')],
    outfile: path.join(dir, 'app.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    jsx: 'automatic',
    external: ['react-devtools-core'],
    define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__minimalInkUrl' },
    banner: { js: "var __minimalInkUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: interactivePlugins,
    logLevel: 'error',
  });
  const loader = path.join(dir, 'load.cjs');
  fs.writeFileSync(loader, LOADER);
  return [loader];
}
