// Starts the interactive timeline on a real terminal: the alternate screen,
// the real services, and the terminal given back on every way out.
import { render } from 'ink';
import { redactSecrets } from '../core/redact.js';
import { App } from './App.js';
import { INK_OPTIONS } from './ink-options.js';
import { startupMark } from '../store/startup-trace.js';
import type { TerminalGuard, TerminalIo } from './terminal.js';
import type { WiredServices } from './wire.js';

/**
 * How long the first frame may wait for the first feed's notes. From a relay on this machine or
 * network they come a few ms after the UI has loaded (4-7 on the first-frame bench), and drawing
 * them in the first frame saves drawing a "loading…" frame before them (the notes came ~20 ms
 * later that way). A relay further away never answers that soon: the wait costs it this much.
 */
const FIRST_NOTES_WAIT_MS = 50;

export async function runInteractive(
  ctx: TerminalIo,
  opts: { services: WiredServices; terminal: TerminalGuard; firstNotes?: Promise<void>; loadChecks?: () => void },
): Promise<void> {
  const { services } = opts;
  const stdout = ctx.stdout as NodeJS.WriteStream;
  const color = !ctx.env.NO_COLOR;
  opts.terminal.enter();
  // Raw mode now, not when Ink's input hook mounts after the first frame: keys
  // typed at once would otherwise sit in the terminal's line buffer.
  const stdin = ctx.stdin as NodeJS.ReadStream;
  if (stdin.isTTY) stdin.setRawMode(true);
  if (opts.firstNotes) {
    if (opts.loadChecks) await loadWhileWaiting(opts.firstNotes, opts.loadChecks);
    await within(opts.firstNotes, FIRST_NOTES_WAIT_MS);
    startupMark('first-notes');
  }
  let drafts: string[] = [];
  const app = render(<App services={services} color={color} onDrafts={(texts) => (drafts = texts)} />, {
    stdout,
    stdin,
    stderr: ctx.stderr as NodeJS.WriteStream,
    ...INK_OPTIONS,
  });
  startupMark('first-render');
  // A crash anywhere (a callback outside React) must not leave the terminal in the alternate screen, raw mode.
  const crash = (error: unknown) => {
    app.unmount();
    opts.terminal.restore();
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`nostr-tui: unexpected error: ${redactSecrets(message).split('\n')[0]}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    await app.waitUntilExit();
  } finally {
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    opts.terminal.restore();
    // A draft never sent is not lost with the screen: it is printed once the terminal is back.
    for (const draft of drafts) ctx.stderr.write(`nostr-tui: your unsent draft:\n${draft}\n`);
    await services.close();
  }
}

/**
 * Runs `load` now only if the first notes are not here yet (a relay over the network, no cache to
 * paint from): the thread would wait for them anyway, so what they will need (the signature checks,
 * ~10 ms to load then, ~3 ms since they start on libtorsion: src/net/native-verify.ts) is loaded in
 * that wait instead of after they come. Notes already here are drawn first. Measured with a relay
 * answering 150 ms late, 21 interleaved starts each: the first frame 318.5 -> 309.7 ms (medians);
 * with a relay answering at once, no change.
 */
export async function loadWhileWaiting(firstNotes: Promise<void>, load: () => void): Promise<void> {
  let here = false;
  void firstNotes.then(() => (here = true));
  // A promise already resolved has run its callbacks once this microtask is through.
  await Promise.resolve();
  if (!here) load();
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
