// The work behind `nostr-tui timeline`, loaded when the command runs (its options are in ../timeline.ts).
import type { Event } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { cacheOf, type Client } from '../../client/client.js';
import { openFeed } from '../../client/feed.js';
import { currentFollows } from '../../client/follows.js';
import { isMutedEvent, loadMuteSet, openHiding } from '../../client/mutes.js';
import type { MuteSet } from '../../core/mutes.js';
import { routeFeed } from '../../client/routed-feed.js';
import type { StalledRelays } from '../../client/stalled-relays.js';
import { STALLED_EARLIER_WAIT_MS } from '../../client/stall-memory.js';
import { discoveryRelaysFromEnv, maxRelaysFromEnv } from '../../client/router.js';
import { unixNow } from '../../core/clock.js';
import { failure, usageError } from '../../core/errors.js';
import { globalFilters, homeFilters } from '../../core/feed-filters.js';
import { mentionedPeople, renderMentions } from '../../core/mentions.js';
import { namesFor, type CachedNames } from './names.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';
import { wrapText } from '../../core/text-layout.js';
import { parseSince } from '../../core/since.js';
import type { RelayOutcome, RelayStatus } from '../../net/types.js';
import { writeLine, type CommandContext } from '../context.js';
import { withClient } from '../with-client.js';
import { DEFAULT_LIMIT, DEFAULT_SINCE, type TimelineArgs } from '../timeline.js';
import { isHex64 } from '../../core/event-shape.js';
import { hashtagFilters, normalizeHashtag } from '../../core/hashtags.js';
import { ago } from '../../core/ago.js';
import { storedPubkey } from '../../store/keys.js';
import { contentWarning, warningText } from '../../core/content-warning.js';
import { streamNewNotes } from './stream-notes.js';
import { repostedNote } from '../../core/reposts.js';

export async function timeline(ctx: CommandContext, args: TimelineArgs): Promise<void> {
  const limit = args.limit ?? DEFAULT_LIMIT;
  // Any count: relays that cap their answers are paged (src/client/window.ts).
  if (!Number.isSafeInteger(limit) || limit < 1) throw usageError('--limit must be a whole number of at least 1');
  const now = unixNow(ctx.clock);
  const until = args.until === undefined ? undefined : parseSince(args.until, now, '--until');
  // Both count back from now; the default window (24h) ends at --until.
  const since = args.since === undefined ? parseSince(DEFAULT_SINCE, until ?? now) : parseSince(args.since, now);
  if (until !== undefined && until < since) throw usageError('--until is before --since: nothing lies between them');
  if (until !== undefined && args.stream) throw usageError('--stream prints notes as they arrive, so it cannot end at --until: leave one out');
  const own = args.tag?.length ? storedPubkey(ctx.paths.configDir) : undefined;
  const tags = (args.tag ?? []).map((tag) => normalizeHashtag(String(tag), own));

  // Bad routing settings are bad input, said before any relay is asked.
  maxRelaysFromEnv(ctx.env);
  discoveryRelaysFromEnv(ctx.env);
  await withClient(ctx, args, async (client) => {
    const readRelays = client.relays().filter((r) => r.read);
    if (readRelays.length === 0) throw failure('no read relays: add one with `nostr-tui relay add wss://…` (or pass --relay).');
    // A relay that stalled on the follow-list query is not waited for again (one timeout per command).
    const stalled = client.stalled;
    // The mute list (NIP-51), asked alongside the follow list and the notes.
    const mutesFor = loadMuteSet(client, stalled);
    const filters = tags.length
      ? hashtagFilters(tags, since, limit, until)
      : args.global
        ? globalFilters(since, limit, until, client.publicKey())
        : await homeOrGlobal(ctx, client, { since, limit, until, stalled });
    // Muted people, hashtags and words are left out, as in the UI, before they are counted: the
    // relays and the cache are paged until --limit notes are shown or there are no more. The notes
    // are asked for at once, hidden by the local copy of the list; only when the relays' newest list
    // hides something else are they asked for again with it (no round trip waits for the list).
    // Named relays are paged one by one when their answer may have been cut by a cap (src/client/window.ts).
    const open = (mutes: MuteSet) =>
      openFeed({ pool: client.pool(), clock: ctx.clock, store: cacheOf(client), stalled }, filters, {
        relays: readRelays.map((r) => r.url),
        hide: (event) => isMutedEvent(event, mutes),
      });
    const feed = await openHiding(client, mutesFor, open);
    // Each followed author also where they write (NIP-65), unless --relay named the relays for this run.
    const authors = args.global || tags.length || args.relay?.length ? [] : [...new Set(filters.flatMap((filter) => filter.authors ?? []))];
    const routed =
      authors.length === 0
        ? Promise.resolve([])
        : routeFeed(client, feed, authors, { kinds: filters[0]!.kinds!, since, limit, ...(until === undefined ? {} : { until }) }, stalled).catch(() => []);
    const outcomes = [...(await feed.settled), ...(await routed)];
    const entries = feed.timeline.slice(0, limit);
    if (!args.stream) feed.close();

    // People by name in text output (issue #13): the cache's names, the relays' for the rest; JSON shows no names.
    const names = args.json
      ? undefined
      : await namesFor(client, entries.flatMap(({ event }) => peopleIn(event)), entries.flatMap((entry) => entry.seenOn));
    // The event as it was signed: JSON.stringify of the fields we received, untouched.
    const print = (event: Event) => (args.json ? writeLine(ctx.stdout, JSON.stringify(event)) : writeNote(ctx, event, names!));
    // Streamed, the newest comes last, where the next ones will follow.
    for (const { event } of args.stream ? [...entries].reverse() : entries) print(event);
    writeSummary(ctx, outcomes, client.pool().status(), client.gaveShortWait);
    if (!outcomes.some((o) => o.eose)) {
      if (entries.length === 0) {
        throw failure(`no relay answered (${outcomes.length} asked); check your connection or relays (\`nostr-tui relay list\`).`);
      }
      // No relay answered (the network, or relays that refused: their lines say which), but the
      // cache had something to show: that is a result (exit 0).
      writeLine(
        ctx.stderr,
        `nostr-tui: warning: no relay answered (${outcomes.length} asked); showed ${entries.length} cached note${entries.length === 1 ? '' : 's'}. ` +
          'Check your connection or relays (`nostr-tui relay list`).',
      );
    }
    if (args.stream) {
      await streamNewNotes(ctx, feed, print);
      feed.close();
    }
  }, { openCache: true });
}

/** The people the user follows; everyone (with a note on stderr) when there is no key or no follow list. */
async function homeOrGlobal(
  ctx: CommandContext,
  client: Client,
  { since, limit, until, stalled }: { since: number; limit: number; until: number | undefined; stalled: StalledRelays },
) {
  if (!client.publicKey()) {
    writeLine(ctx.stderr, 'nostr-tui: no key yet, so no follow list: showing everyone on your relays.');
    return globalFilters(since, limit, until);
  }
  const found = await currentFollows(client).catch(() => undefined);
  stalled.learn(found?.relays ?? []);
  const follows = found?.entries.map((entry) => entry.pubkey) ?? [];
  if (follows.length === 0) {
    // No relay answered and nothing cached: the list is unknown, not empty.
    const unknown = !found || (!found.event && found.answered === 0);
    const why = unknown ? 'no relay answered, so whom you follow is unknown' : 'you follow no one yet (`nostr-tui follow <npub>`)';
    writeLine(ctx.stderr, `nostr-tui: ${why}: showing everyone on your relays.`);
    return globalFilters(since, limit, until, client.publicKey());
  }
  // The user's own notes and reposts are part of Home.
  return homeFilters([...follows, client.publicKey()!], since, limit, until);
}


/** Whom writeNote names for `event`: its author and the people its text mentions, and for a repost those of the note it carries. */
export function peopleIn(event: Event): string[] {
  const inner = repostedNote(event);
  const note = inner ?? event;
  return [event.pubkey, ...(inner ? [inner.pubkey] : []), ...mentionedPeople(note.content)];
}

/** `indent`: a thread's depth (`nostr-tui thread`); `marker`: before the author of the note asked for. */
export function writeNote(ctx: CommandContext, event: Event, names: CachedNames, { indent = '', marker = '' } = {}): void {
  const when = ago(event.created_at, ctx.clock.now());
  const repost = event.kind === 6 || event.kind === 16;
  writeLine(ctx.stdout, `${indent}${marker}${names.label(event.pubkey)} · ${when}${repost ? ' · repost' : ''}`);
  // A repost shows the note it carries, as its author signed it (checked), else only which note it names.
  const inner = repost ? repostedNote(event) : undefined;
  if (inner) writeLine(ctx.stdout, `${indent}  ↻ ${names.label(inner.pubkey)} · ${ago(inner.created_at, ctx.clock.now())}`);
  const note = inner ?? event;
  // `nostr:npub1…`/`nostr:nprofile1…` as @name (NIP-27), notes as short references, then sanitised.
  const body = repost && !inner ? repostLine(event) : sanitize(renderMentions(note.content, names.nameOf));
  // NIP-36: printed because it was asked for, but marked as its author marked it.
  const warning = repost && !inner ? undefined : contentWarning(note);
  if (warning !== undefined) writeLine(ctx.stdout, `${indent}  ${warningText(warning)}`);
  // In a terminal, lines are wrapped to its width so no note can run past the edge (issue #6);
  // piped output keeps each line whole for scripts.
  const columns = ctx.stdout.isTTY ? ctx.stdout.columns : undefined;
  const lines = columns ? cappedLines(body, Math.max(10, columns - 2 - indent.length)) : body.split('\n');
  for (const line of lines) writeLine(ctx.stdout, `${indent}  ${line}`);
  writeLine(ctx.stdout);
}

/** A note in a terminal shows at most this many lines, as the UI does (issue 16: 194 huge notes took minutes in a pty). */
export const TERMINAL_NOTE_LINES = 20;

/**
 * At most TERMINAL_NOTE_LINES wrapped lines, then `… about N more lines`.
 * Wrapping stops at the cap, so a huge note costs what is shown; the rest is
 * estimated from its length rather than wrapped.
 */
function cappedLines(body: string, width: number): string[] {
  const lines = wrapText(body, width, TERMINAL_NOTE_LINES + 1);
  if (lines.length <= TERMINAL_NOTE_LINES) return lines;
  const estimate = body.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / width)), 0);
  const more = Math.max(1, estimate - TERMINAL_NOTE_LINES);
  return [...lines.slice(0, TERMINAL_NOTE_LINES), `… about ${more} more line${more === 1 ? '' : 's'} (\`--json\` has the full text)`];
}

/** NIP-18: a repost names the reposted note in its first `e` tag. */
function repostLine(event: Event): string {
  const target = event.tags.find((tag) => tag[0] === 'e' && isHex64(tag[1]));
  return target ? `reposted ${noteEncode(target[1]!)}` : 'reposted a note';
}

/** `shortWait`: relays this run waited less for, as they stalled on a recent run (said on their line). */
export function writeSummary(ctx: CommandContext, outcomes: RelayOutcome[], status: RelayStatus[], shortWait?: (url: string) => boolean): void {
  for (const outcome of outcomes) {
    const counts = status.find((s) => s.url === outcome.url)?.counts;
    const how = outcome.eose
      ? `${outcome.events} event${outcome.events === 1 ? '' : 's'}`
      : outcome.timedOut
        ? `timed out (${outcome.events} event${outcome.events === 1 ? '' : 's'} before that${shortWait?.(outcome.url) ? `; it did not answer on a run in the last hour either, so it got ${STALLED_EARLIER_WAIT_MS / 1000} s` : ''})`
        : `failed: ${sanitizeLine(outcome.error ?? 'no answer')}`;
    const dropped = counts
      ? [
          counts.invalid && `${counts.invalid} with a bad id or signature`,
          counts.offFilter && `${counts.offFilter} not asked for`,
          counts.malformed && `${counts.malformed} malformed`,
          counts.oversize && `${counts.oversize} oversize`,
        ].filter(Boolean)
      : [];
    const note = dropped.length ? `; dropped ${dropped.join(', ')}` : '';
    writeLine(ctx.stderr, `relay ${sanitizeLine(outcome.url)}: ${how}${note}`);
  }
}
