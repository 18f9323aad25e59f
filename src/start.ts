// Which bundle a start loads. Both hold the whole CLI and behave the same; they
// differ in speed only. One-shot commands load the ES module build, split per
// command, so each loads only what it runs. The interactive timeline (no command)
// loads the single CommonJS bundle with V8's code cache (code-cache.ts), which
// compiles once per install instead of on every start.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { limitHeapGrowth } from './heap-growth.js';
import { interactiveRelays } from './interactive-args.js';
import { codeCacheDir } from './store/paths.js';
import { startupMark } from './store/startup-trace.js';

/** The code cache is saved this long after a start without one (past the first frame, once the relays' first answers are in), or at its end if sooner. */
export const SAVE_CACHE_AFTER_MS = 3_000;

export async function start(args: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (interactiveRelays(args) && process.stdin.isTTY && process.stdout.isTTY) {
    // V8 accepts a cache only under the flags it was made with: set them before compiling.
    limitHeapGrowth();
    warmUpSegmenter();
    startupMark('start-loaded');
    const { loadBundle } = await import('./code-cache.js');
    const bundle = loadBundle(fileURLToPath(new URL('./interactive.cjs', import.meta.url)), codeCacheDir(process.env));
    startupMark(`code-cache-${bundle.cache}`);
    // Saved once: a few seconds in, or as the user quits if that comes first (a first start
    // closed at once would otherwise leave every later start compiling).
    let saved: Promise<boolean> | undefined;
    const save = () => (saved ??= bundle.save());
    if (bundle.cache !== 'used') setTimeout(save, SAVE_CACHE_AFTER_MS).unref();
    try {
      await (bundle.exports as { run(): Promise<void> }).run();
    } finally {
      if (bundle.cache !== 'used') await save();
    }
    return;
  }
  const { run } = await import('./cli.js');
  await run();
}

/**
 * The first `Intl.Segmenter` of a process costs ~10-15 ms (ICU builds its grapheme rules), then
 * ~0.1 ms, in any thread: every frame needs one (Ink splits each line into graphemes), and the UI
 * makes its own as it loads. A thread makes the first one while this one loads the bundle, on the
 * core that start-up otherwise leaves idle. It holds nothing open; if it cannot start, the UI
 * simply pays as before.
 */
function warmUpSegmenter(): void {
  try {
    const worker = new Worker("[...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment('a·b')];", { eval: true, execArgv: [] });
    worker.on('error', () => {});
    worker.unref();
  } catch {
    // No thread: nothing is lost but the head start.
  }
}
