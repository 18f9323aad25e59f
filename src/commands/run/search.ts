// The work behind `nostr-tui search` (its options are in ../search.ts).
import { cacheOf } from '../../client/client.js';
import type { Event } from 'nostr-tools';
import { search, searchRelaysFor, type SearchRequest } from '../../client/search.js';
import { unixNow } from '../../core/clock.js';
import { usageError } from '../../core/errors.js';
import { parsePublicKey } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { parseSince } from '../../core/since.js';
import { writeLine, type CommandContext } from '../context.js';
import { DEFAULT_SEARCH_LIMIT, type SearchArgs } from '../search.js';
import { withClient } from '../with-client.js';
import { peopleIn, writeNote, writeSummary } from './timeline.js';
import { cachedNames, namesFor } from './names.js';
import { isMutedEvent, loadMuteSet, localMuteSet } from '../../client/mutes.js';
import { refuseSecretIn } from '../../core/secret-in-text.js';
import { storedPubkey } from '../../store/keys.js';
import { nip05For } from '../../client/public-key.js';
import { profileLine, verifiedAddresses } from './people-lines.js';

export async function searchCommandRun(ctx: CommandContext, args: SearchArgs): Promise<void> {
  const text = (args.query ?? []).map(String).join(' ').trim();
  if (!text) throw usageError('give something to search for, like `nostr-tui search bitcoin`');
  // Said before any relay is asked for anything (search() refuses it too, for the UI).
  refuseSecretIn('search', text, storedPubkey(ctx.paths.configDir));
  const limit = args.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw usageError('--limit must be a whole number of at least 1');
  const now = unixNow(ctx.clock);
  const since = args.since === undefined ? undefined : parseSince(args.since, now);
  const until = args.until === undefined ? undefined : parseSince(args.until, now, '--until');
  if (since !== undefined && until !== undefined && until < since) throw usageError('--until is before --since: nothing lies between them');
  const kinds = args.kind?.map((kind) => {
    if (!Number.isSafeInteger(kind) || kind < 0 || kind > 65535) throw usageError('--kind must be an event kind: a whole number from 0 to 65535');
    return kind;
  });
  const authors = args.author?.map((who) => parsePublicKey(String(who)));
  const req: SearchRequest = {
    text,
    limit,
    ...(args.people ? { people: true } : {}),
    ...(kinds?.length ? { kinds } : {}),
    ...(authors?.length ? { authors } : {}),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(args.local ? { local: true } : {}),
  };

  await withClient(ctx, args, async (client) => {
    // Bad search relay settings are bad input, said before anything is asked.
    const relays = args.local ? [] : searchRelaysFor(client);
    const store = cacheOf(client);
    // Muted people, hashtags and words (NIP-51) are never returned: the list from the relays, or the cached copy offline.
    const mutes = relays.length ? await loadMuteSet(client) : await localMuteSet(client);
    const hidden = { ...req, hide: (event: Event) => isMutedEvent(event, mutes) };
    const result = await search({ me: client.publicKey(), relays, ...(store ? { store } : {}), ...(relays.length ? { pool: client.pool() } : {}) }, hidden);
    // Names for the text output of notes, as `timeline` prints them (a profile prints its own).
    const names =
      args.json || args.people
        ? cachedNames(undefined)
        : await namesFor(client, result.events.flatMap(peopleIn));
    // NIP-05 addresses are checked for the text output only (`--json` prints events as signed); `--local` asks no one.
    const verified = args.people && !args.json ? await verifiedAddresses(result.events, nip05For(client), !args.local) : new Map<string, boolean>();
    for (const event of result.events) {
      // The event as it was signed: JSON.stringify of the fields we received, untouched.
      if (args.json) writeLine(ctx.stdout, JSON.stringify(event));
      else if (args.people) writeLine(ctx.stdout, profileLine(event, verified.get(event.id) === true));
      else writeNote(ctx, event, names);
    }
    if (result.outcomes.length) {
      const status = client.pool().status();
      writeSummary(ctx, result.outcomes, status);
      // A NOTICE from a search relay (e.g. "search not supported") is reported, never fatal.
      for (const { url, notice } of status) {
        if (notice && result.outcomes.some((outcome) => outcome.url === url)) writeLine(ctx.stderr, `relay ${sanitizeLine(url)}: notice: ${sanitizeLine(notice).slice(0, 200)}`);
      }
    }
    if (result.offTopic) {
      writeLine(ctx.stderr, `nostr-tui: dropped ${result.offTopic} relay answer${result.offTopic === 1 ? '' : 's'} without the words searched (a relay that ignores NIP-50 search)`);
    }
    writeLine(ctx.stderr, `nostr-tui: ${result.events.length} found: cache ${result.fromCache} · relays ${result.fromRelays}`);
    if (result.outcomes.length && !result.outcomes.some((o) => o.eose)) {
      // Offline, or no search relay answered: the cache's results are still results (exit 0).
      writeLine(ctx.stderr, `nostr-tui: warning: no search relay answered (${result.outcomes.length} asked); showed local results only.`);
    }
  }, { openCache: true });
}
