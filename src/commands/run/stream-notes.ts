// `nostr-tui timeline --stream`: after the notes of the window, each note that arrives is printed
// as it comes (below the others, like `tail -f`), until Ctrl-C or SIGTERM/SIGHUP, or until whatever
// reads stdout goes away (`notifications --stream` stops the same way: untilStopped). What is printed is what the feed shows: verified, deduped, not muted, not
// deleted, not dated in the future (held until its time). A note that arrives late from a slow relay
// is printed when it comes, even when older than one printed before it.
import type { Event } from 'nostr-tools';
import type { Feed } from '../../client/feed.js';
import { RecentMap } from '../../core/recent.js';
import { writeLine, type CommandContext } from '../context.js';

/** Ids remembered as printed: far more than a feed holds, so a copy from another relay is never printed again. */
const PRINTED_IDS = 100_000;

export async function streamNewNotes(ctx: CommandContext, feed: Feed, print: (event: Event) => void): Promise<void> {
  const printed = new RecentMap<string, true>(PRINTED_IDS);
  // What the feed holds now was printed, or left out by --limit as older than what was.
  for (const { event } of feed.timeline.entries()) printed.set(event.id, true);
  await untilStopped(ctx, (changed) => feed.onChange(changed), () => {
    const fresh = feed.timeline.entries().filter(({ event }) => !printed.has(event.id));
    // Newest first in the feed: printed oldest first, so the newest is at the bottom.
    for (let i = fresh.length - 1; i >= 0; i--) {
      printed.set(fresh[i]!.event.id, true);
      print(fresh[i]!.event);
    }
  });
}

/**
 * Calls `changed` on every change `subscribe` reports, until Ctrl-C, SIGTERM or SIGHUP, or until
 * whatever reads stdout goes away; says on stderr that it is streaming and how to stop.
 */
export async function untilStopped(ctx: CommandContext, subscribe: (changed: () => void) => () => void, changed: () => void): Promise<void> {
  writeLine(ctx.stderr, 'nostr-tui: streaming new ones as they arrive; Ctrl-C stops.');
  await new Promise<void>((resolve) => {
    const off = subscribe(changed);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const stop = () => {
      off();
      for (const signal of signals) process.off(signal, stop);
      ctx.stdout.off('error', stop);
      resolve();
    };
    for (const signal of signals) process.once(signal, stop);
    // `| head`: the reader left; the command ends as if stopped.
    ctx.stdout.once('error', stop);
  });
}
