// The work behind `nostr-tui thread`, loaded when the command runs (its options are in ../thread.ts).
// The same lookup as the timeline's thread view: the note (cache, then relays and the nevent's
// hints), then its parents up to the root and the replies (src/client/thread.ts), laid out by
// src/core/thread.ts. Muted people's replies are left out, as everywhere; the note asked for is not.
// The cache's part of the thread is printed with what the relays add; relays that did not answer
// are named on stderr, as `profile` does, and when none did the thread is the cache's (exit 0).
import { cacheOf } from '../../client/client.js';
import { isMutedEvent, loadMuteSet } from '../../client/mutes.js';
import { lookUpEvent, noteNotFound } from '../../client/notes.js';
import { fetchThread } from '../../client/thread.js';
import { readUrls } from '../../core/relay-spec.js';
import { parseEventRef } from '../../core/event-ref.js';
import { buildThread } from '../../core/thread.js';
import { writeLine, type CommandContext } from '../context.js';
import type { ThreadArgs } from '../thread.js';
import { withClient } from '../with-client.js';
import { namesFor } from './names.js';
import { warnSilent } from './unanswered.js';
import { peopleIn, writeNote } from './timeline.js';
import { storedPubkey } from '../../store/keys.js';
import type { RelayOutcome } from '../../net/types.js';

/** Replies deeper than this are drawn at this depth: a long back-and-forth stays readable. */
const MAX_INDENT = 6;

export async function thread(ctx: CommandContext, args: ThreadArgs): Promise<void> {
  // Bad input is reported before any key, file or socket is touched.
  const ref = parseEventRef(String(args.note ?? ''), storedPubkey(ctx.paths.configDir));
  await withClient(ctx, args, async (client) => {
    const mutes = loadMuteSet(client);
    const lookup = await lookUpEvent(client, ref);
    const found = lookup.found;
    if (!found) throw noteNotFound(lookup, { hint: true });
    const fetched = await fetchThread(client.pool(), found.event, {
      relays: readUrls(client.relays()),
      stalled: client.stalled,
      store: cacheOf(client),
      clock: ctx.clock,
    });
    const events = fetched.events;
    const muted = await mutes;
    const shown = events.filter((event) => event.id === found.event.id || !isMutedEvent(event, muted));
    const rows = buildThread(found.event.id, shown);
    if (args.json) {
      for (const row of rows) writeLine(ctx.stdout, JSON.stringify({ depth: row.depth, focus: row.focus, event: row.event }));
    } else {
      const names = await namesFor(client, rows.flatMap((row) => peopleIn(row.event)));
      for (const row of rows) writeNote(ctx, row.event, names, { indent: '  '.repeat(Math.min(row.depth, MAX_INDENT)), marker: row.focus ? '▶ ' : '' });
    }
    warnSilentRelays(ctx, fetched.relays, rows.length);
  });
}

/** After the thread: the relays that did not answer, or that none did (then it is the cache's). */
function warnSilentRelays(ctx: CommandContext, relays: RelayOutcome[], shown: number): void {
  if (relays.some((relay) => relay.eose)) return warnSilent(ctx, relays, 'the thread is as the other relays and the cache have it');
  writeLine(
    ctx.stderr,
    `nostr-tui: warning: no relay answered (${relays.length} asked); showed the ${shown === 1 ? 'cached note' : `${shown} cached notes`} of this thread. ` +
      'Check your connection or relays (`nostr-tui relay list`).',
  );
}
