// scripts/ink-frame-cache-plugin.mjs: Ink with caches that outlive a frame draws exactly what
// Ink draws without them, over screens that scroll (cache hits), clip (slices), wrap, hold
// CJK, emoji and colour, and outnumber a cache generation (entries dropped and recomputed).
// A changed Ink fails the build instead of shipping unpatched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/fuzz.js';
import type { Screen } from '../fixtures/ink-frames.js';

const root = path.resolve(import.meta.dirname, '../..');
const pluginFile = path.join(root, 'scripts/ink-frame-cache-plugin.mjs');
const plugin = (await import(pathToFileURL(pluginFile).href)) as {
  inkFrameCachePlugin: object;
  INK_PATCHES: Record<string, (source: string, file?: string) => string>;
};
type Frames = (screens: Screen[]) => string[];

let dir: string;
let patched: Frames;
let plain: Frames;

async function bundle(name: string, plugins: object[]): Promise<Frames> {
  const outdir = path.join(dir, name);
  await build({
    // Split, as the CLI's build: Ink's devtools (react-devtools-core, not installed) stay in a chunk never loaded.
    entryPoints: { frames: path.join(root, 'test/fixtures/ink-frames.tsx') },
    splitting: true,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    logLevel: 'error',
    external: ['react-devtools-core'],
    define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: plugins as never,
  });
  return ((await import(pathToFileURL(path.join(outdir, 'frames.mjs')).href)) as { frames: Frames }).frames;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-ink-cache-'));
  [patched, plain] = await Promise.all([bundle('patched', [plugin.inkFrameCachePlugin]), bundle('plain', [])]);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WORDS = ['note', 'relay', '東京の天気', '😀', '👨‍👩‍👧', '🇯🇵', 'e\u0301', 'a-long-word-that-will-not-fit-anywhere', '—', 'nostr:npub1xyz', '·'];
const COLORS = [undefined, 'green', 'yellow', 'magenta'];

function line(random: () => number, serial: number): Screen['rows'][number] {
  const words = Array.from({ length: 1 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const color = COLORS[Math.floor(random() * COLORS.length)];
  const mark = random() < 0.3 ? ' ✗ 未送信' : undefined;
  return {
    text: `${serial} ${words.join(' ')}`,
    wrap: random() < 0.7 ? 'truncate' : 'wrap',
    indent: Math.floor(random() * 4) * 2,
    ...(color ? { color } : {}),
    ...(mark ? { mark } : {}),
  };
}

/** A feed that scrolls: each screen drops up to `most` rows from the top and adds new ones, shifts some, at one of a few widths. */
function scrolling(seed: number, count: number, most = 2): Screen[] {
  const random = seededRandom(seed);
  let serial = 0;
  let rows = Array.from({ length: 14 }, () => line(random, serial++));
  const screens: Screen[] = [];
  for (let i = 0; i < count; i++) {
    const drop = Math.floor(random() * (most + 1));
    rows = [...rows.slice(drop), ...Array.from({ length: drop }, () => line(random, serial++))];
    // Some rows move sideways: the same text drawn at another column.
    rows = rows.map((row) => (random() < 0.2 ? { ...row, indent: Math.floor(random() * 4) * 2 } : row));
    screens.push({ rows, width: [20, 33, 47][Math.floor(random() * 3)]! });
  }
  return screens;
}

describe('Ink with frame caches', () => {
  it('draws the same frames as Ink without them', () => {
    const screens = scrolling(17, 120);
    const expected = plain(screens);
    expect(expected.length).toBeGreaterThanOrEqual(120);
    expect(patched(screens)).toEqual(expected);
  });

  it('still draws the same after its caches have turned over many generations', () => {
    // Far more distinct lines than two generations of any of the caches hold (2,000 entries at most).
    const screens = scrolling(99, 200, 48);
    expect(new Set(screens.flatMap((s) => s.rows.map((r) => r.text))).size).toBeGreaterThan(2 * 2_000);
    expect(patched(screens)).toEqual(plain(screens));
    // Draws every screen twice (with and without the plugin): 22 s in a full run here, 36 s when busier,
    // past the default 30 s. Slow, not waiting on anything: a longer limit, not a flaky test.
  }, 120_000);

  it('fails the build when Ink no longer holds what it rewrites', () => {
    const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
    for (const [file, patch] of Object.entries(plugin.INK_PATCHES)) {
      const source = fs.readFileSync(path.join(inkBuild, file), 'utf8');
      expect(patch(source, file)).not.toBe(source);
      expect(() => patch('export default 1;\n', file)).toThrow(/update scripts\/ink-frame-cache-plugin\.mjs/);
    }
  });
});
