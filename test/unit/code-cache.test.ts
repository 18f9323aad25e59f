// The interactive bundle's code cache (src/code-cache.ts): saved once, used after, named by the
// bundle's content, private to the user, and never a reason for a start to fail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/code-cache.js';

const POSIX = process.platform !== 'win32';
let dir: string;
let bundle: string;
let cacheDir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-code-cache-'));
  bundle = path.join(dir, 'bundle.cjs');
  cacheDir = path.join(dir, 'cache');
  write('forty-two', 42);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A CommonJS bundle with functions enough for V8 to cache, exporting `answer` and its own file name. */
function write(name: string, value: number): void {
  const functions = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  fs.writeFileSync(bundle, `${functions}\nexports.answer = () => f0(${value}); exports.name = ${JSON.stringify(name)}; exports.file = __filename; exports.fs = typeof require('node:fs').readFileSync;\n`);
}
/**
 * The bundle under a new name: V8 keeps what this process compiled, by source and file name, and
 * would answer a second compile of the same file from memory without looking at the cache.
 */
let copies = 0;
function fresh(): string {
  const copy = path.join(dir, `bundle-${++copies}.cjs`);
  fs.copyFileSync(bundle, copy);
  return copy;
}
const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((name) => name.endsWith('.v8')) : []);

describe('loadBundle', () => {
  it('runs the bundle as CommonJS, then uses the cache saved by the first start', async () => {
    const file = fresh();
    const first = loadBundle(file, cacheDir);
    expect(first.cache).toBe('absent');
    expect(first.exports).toMatchObject({ name: 'forty-two', file, fs: 'function' });
    expect((first.exports as { answer(): number }).answer()).toBe(42);
    expect(await first.save()).toBe(true);
    expect(cacheFiles()).toHaveLength(1);
    if (POSIX) {
      expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(cacheDir, cacheFiles()[0]!)).mode & 0o777).toBe(0o600);
    }

    const second = loadBundle(fresh(), cacheDir);
    expect(second.cache).toBe('used');
    expect((second.exports as { answer(): number }).answer()).toBe(42);
    // Nothing to save: it came from the cache.
    expect(await second.save()).toBe(false);
  });

  it('never runs a cache made for other source, even of the same length', async () => {
    await loadBundle(fresh(), cacheDir).save();
    const before = cacheFiles();
    const length = fs.statSync(bundle).size;
    write('forty-six', 46);
    expect(fs.statSync(bundle).size).toBe(length);
    const changed = loadBundle(fresh(), cacheDir);
    expect(changed.cache).toBe('absent');
    expect(changed.exports).toMatchObject({ name: 'forty-six' });
    expect((changed.exports as { answer(): number }).answer()).toBe(46);
    await changed.save();
    // The earlier bundle's cache is gone with it: one at a time.
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()).not.toEqual(before);
  });

  it('compiles as without a cache when the cache is damaged, and replaces it', async () => {
    await loadBundle(fresh(), cacheDir).save();
    const file = path.join(cacheDir, cacheFiles()[0]!);
    fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 7));
    const damaged = loadBundle(fresh(), cacheDir);
    expect(damaged.cache).toBe('rejected');
    expect((damaged.exports as { answer(): number }).answer()).toBe(42);
    expect(await damaged.save()).toBe(true);
    expect(loadBundle(fresh(), cacheDir).cache).toBe('used');
  });

  it.skipIf(!POSIX)('ignores a cache in a directory others can write, and does not save there', async () => {
    await loadBundle(fresh(), cacheDir).save();
    fs.chmodSync(cacheDir, 0o777);
    const loaded = loadBundle(fresh(), cacheDir);
    expect(loaded.cache).toBe('absent');
    expect((loaded.exports as { answer(): number }).answer()).toBe(42);
    expect(await loaded.save()).toBe(false);
  });

  it.skipIf(!POSIX)('does not read a cache through a link, nor write through one', async () => {
    const saved = loadBundle(fresh(), cacheDir);
    await saved.save();
    const name = cacheFiles()[0]!;
    const elsewhere = path.join(dir, 'elsewhere.v8');
    fs.renameSync(path.join(cacheDir, name), elsewhere);
    fs.symlinkSync(elsewhere, path.join(cacheDir, name));
    const linked = loadBundle(fresh(), cacheDir);
    expect(linked.cache).toBe('absent');
    const target = fs.readFileSync(elsewhere);
    await linked.save();
    // Whatever save did, the link's target is untouched.
    expect(fs.readFileSync(elsewhere).equals(target)).toBe(true);
  });

  it('a start with no cache directory at all still runs', async () => {
    const loaded = loadBundle(fresh(), path.join(dir, 'missing', 'deeper'));
    expect(loaded.cache).toBe('absent');
    expect((loaded.exports as { answer(): number }).answer()).toBe(42);
  });
});
