// Module hooks for `npm run bench` (registered by bench/run.ts): the figures import Ink and
// string-width from node_modules, not from the bundle, so they get the bundle's rewrites here
// (scripts/ink-frame-cache-plugin.mjs, scripts/string-width-plugin.mjs) and measure the code users run.
import { fileURLToPath } from 'node:url';
import { inkPatchFor } from '../scripts/ink-frame-cache-plugin.mjs';
import { patchStringWidth } from '../scripts/string-width-plugin.mjs';

function patchFor(file) {
  if (/[\\/]node_modules[\\/]string-width[\\/]index\.js$/.test(file)) return patchStringWidth;
  return inkPatchFor(file);
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.startsWith('file:') || result.format !== 'module') return result;
  const file = fileURLToPath(url);
  const patch = patchFor(file);
  if (!patch) return result;
  return { ...result, source: patch(Buffer.from(result.source).toString('utf8'), file) };
}
