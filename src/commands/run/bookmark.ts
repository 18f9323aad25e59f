// The work behind `nostr-tui bookmark`, `unbookmark` and `bookmarks` (options in ../bookmark.ts).
import type { Event } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { bookmark, currentBookmarks, unbookmark } from '../../client/bookmarks.js';
import { cacheOf, ownKey, type Client } from '../../client/client.js';
import { lookUpEvent, noteNotFound } from '../../client/notes.js';
import { ExitCode, failure, usageError } from '../../core/errors.js';
import { parseEventRef } from '../../core/event-ref.js';
import { IDS_PER_FILTER, inGroupsOf } from '../../core/filter-lists.js';
import { writeLine, type CommandContext } from '../context.js';
import { listEditOutput } from './list-edit.js';
import type { BookmarkArgs } from '../bookmark.js';
import { withClient } from '../with-client.js';
import { namesFor } from './names.js';
import { peopleIn, writeNote } from './timeline.js';
import { unknownList, warnListRead } from './unanswered.js';
import { allUrls } from '../../core/relay-spec.js';
import { queryPastStalled } from '../../client/stalled-relays.js';
import { storedPubkey } from '../../store/keys.js';

const UNCHANGED = {
  'already-bookmarked': (note: string) => `${note} is already bookmarked; nothing changed.`,
  'not-bookmarked': (note: string) => `${note} is not bookmarked; nothing changed.`,
  // Another client saved it in the list's encrypted part, which nostr-tui reads but never changes.
  'bookmarked-privately': (note: string, action: 'bookmark' | 'unbookmark') =>
    action === 'bookmark'
      ? `${note} is already bookmarked, in the private part of your bookmarks; nothing changed.`
      : `${note} is saved in the private part of your bookmarks, which nostr-tui leaves as another client wrote it; take it off there. Nothing changed.`,
} as const;

export async function editBookmarks(ctx: CommandContext, args: BookmarkArgs, action: 'bookmark' | 'unbookmark'): Promise<void> {
  // Bad input is reported before any key, file or socket is touched.
  const ref = parseEventRef(String(args.note ?? ''), storedPubkey(ctx.paths.configDir));
  await withClient(ctx, args, async (client) => {
    // A read-only key or a wrong passphrase fails before any relay is asked.
    ownKey(client);
    await client.signer();
    let relay = '';
    if (action === 'bookmark') {
      // Only a note that exists is saved, with a relay it was seen on (NIP-51 `e` tag).
      const lookup = await lookUpEvent(client, ref);
      const found = lookup.found;
      if (!found) throw noteNotFound(lookup, { hint: true, then: 'nothing was saved' });
      // NIP-51 bookmarks name notes with `e` tags; a like, a zap or a profile is not one.
      if (found.event.kind !== 1) throw usageError(`that is not a short note (it is kind ${found.event.kind}); bookmarks hold notes (NIP-51).`);
      relay = found.relay;
    }
    const note = noteEncode(ref.id);
    const output = listEditOutput(ctx, client, args.json, {
      noun: 'bookmark list',
      unchanged: (why: keyof typeof UNCHANGED) => UNCHANGED[why](note, action),
      done: () => `${action === 'bookmark' ? 'Bookmarked' : 'Took off your bookmarks:'} ${note}.`,
    });
    const change = action === 'bookmark' ? await bookmark(client, ref.id, relay, output.hooks) : await unbookmark(client, ref.id, output.hooks);
    output.finish(change);
    // Asked to take off a note that stays saved: not done.
    if (action === 'unbookmark' && change.unchanged === 'bookmarked-privately') ctx.exitCode = ExitCode.failed;
  }, { retryOutbox: true });
}

export async function listBookmarks(ctx: CommandContext, args: BookmarkArgs): Promise<void> {
  await withClient(ctx, args, async (client) => {
    const current = await currentBookmarks(client);
    if (current.answered === 0 && !current.event) throw failure(unknownList(current.relays.length, 'bookmarks'));
    warnListRead(ctx, current, 'bookmarks');
    client.stalled.learn(current.relays);
    // The most recently saved first (NIP-51 lists grow at the end), the public ones, then the private part's.
    const privately = new Set(current.privateNotes);
    const ids = [...current.notes.filter((id) => !privately.has(id)).reverse(), ...[...current.privateNotes].reverse()];
    if (ids.length === 0 && !args.json) return writeLine(ctx.stdout, 'You bookmarked nothing: `nostr-tui bookmark <note>` saves one (b in the timeline).');
    const notes = await notesById(client, ids);
    if (args.json) {
      for (const id of ids) writeLine(ctx.stdout, JSON.stringify({ id, event: notes.get(id) ?? null, ...(privately.has(id) ? { private: true } : {}) }));
      return;
    }
    const names = await namesFor(client, [...notes.values()].flatMap(peopleIn));
    for (const id of ids) {
      const event = notes.get(id);
      const marker = privately.has(id) ? '(private) ' : '';
      if (event) writeNote(ctx, event, names, { marker });
      else writeLine(ctx.stdout, `${marker}${noteEncode(id)} · not found on your relays\n`);
    }
  });
}

/** The notes, from the cache and then every configured relay for those it lacks. */
async function notesById(client: Client, ids: string[]): Promise<Map<string, Event>> {
  const wanted = new Set(ids);
  const found = new Map<string, Event>();
  const keep = (events: Event[]) => events.filter((event) => wanted.has(event.id)).forEach((event) => found.set(event.id, event));
  keep(cacheOf(client)?.query(inGroupsOf(ids, IDS_PER_FILTER).map((group) => ({ ids: group }))) ?? []);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const relays = allUrls(client.relays());
    // A relay that stalled on the list is not waited for again (one timeout per command).
    keep((await queryPastStalled(client.pool(), inGroupsOf(missing, IDS_PER_FILTER).map((group) => ({ ids: group })), { relays }, client.stalled)).events);
  }
  return found;
}
