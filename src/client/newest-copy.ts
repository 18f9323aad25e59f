// The newest copy of one of the user's replaceable events (NIP-01: kind 0
// profile, kind 3 follow list, kind 10000 mute list…) as the relays have it
// now. An edit must start from it: ask every relay (read and write), take the
// newest (the local copy counts too), change what the user asked, publish. If
// the relays could not be asked, stop: an event rebuilt from a partial view
// would replace the real one everywhere it lands.
import type { Event, Filter } from 'nostr-tools';
import { failure, NO_RELAYS_TO_ASK, NotAnsweredError } from '../core/errors.js';
import { newestReplaceable } from '../core/events.js';
import type { RelayOutcome } from '../net/types.js';
import type { Client } from './client.js';
import { allUrls } from '../core/relay-spec.js';
import { sanitizeLine } from '../core/sanitize.js';
import { discoveryRelaysFor } from './router.js';
import { queryPastStalled, type StalledRelays } from './stalled-relays.js';

export interface NewestLookup {
  /** The newest version found on the relays or in the local copy. */
  event?: Event;
  /** Every relay asked, with whether it answered (EOSE). */
  relays: RelayOutcome[];
  /** How many of them answered. */
  answered: number;
  /**
   * Relays that sent an event too big to read while it was looked up (over the message or tag
   * limits of src/core/relay-message.ts): it may be the newest copy, so an edit is refused rather
   * than made from an older one or from nothing, and a read says what it shows may be older.
   */
  unreadable?: string[];
}

/** The events each relay sent that were too big to read, so far (the pool's counts): before a lookup for an edit, for droppedOversize. */
export function oversizeSoFar(client: Client): Map<string, number> {
  return new Map(client.pool().status().map((status) => [status.url, status.counts.oversize]));
}

/** Of `urls`, the relays that dropped an event too big to read since `before`. */
function droppedOversize(client: Client, before: Map<string, number>, urls: readonly string[]): string[] {
  const now = oversizeSoFar(client);
  return urls.filter((url) => (now.get(url) ?? 0) > (before.get(url) ?? 0));
}

/** A discovery relay slow to answer holds an edit back at most this long. */
const INDEXERS_WAIT_MS = 3_000;

/**
 * What the discovery relays hold for `filters`: more places to find a newer copy, not relays that
 * must answer, so each gets INDEXERS_WAIT_MS at most and a failure is only nothing found.
 * `onevent`: each event as it comes.
 */
export function askIndexers(
  client: Pick<Client, 'pool'>,
  filters: Filter[],
  indexers: readonly string[],
  { stalled, onevent }: { stalled?: StalledRelays | undefined; onevent?: (event: Event) => void } = {},
): Promise<Event[]> {
  if (indexers.length === 0) return Promise.resolve([]);
  const opts = { relays: [...indexers], eoseTimeoutMs: INDEXERS_WAIT_MS, ...(onevent ? { onevent } : {}) };
  return queryPastStalled(client.pool(), filters, opts, stalled).then((result) => result.events, () => []);
}

/** A lookup's outcome: the relays that had to answer, and those of `asked` that sent something too big to read since `before`. */
export function lookupOutcome(client: Client, relays: RelayOutcome[], before: Map<string, number> | undefined, asked: readonly string[]): Omit<NewestLookup, 'event'> {
  const unreadable = before ? droppedOversize(client, before, asked) : [];
  return { relays, answered: relays.filter((relay) => relay.eose).length, ...(unreadable.length ? { unreadable } : {}) };
}

/**
 * The newest `kind` of `pubkey` from every relay (read and write) and the local copy (the pool
 * caches what the relays sent). `skip`: relays that already stalled in this run, for reads only
 * (an edit asks every relay). The discovery relays (not with --relay) keep everyone's lists: on
 * a new machine whose relays never had the list, an edit from nothing would replace the real one
 * wherever it lands, and a read would show none. `forEdit`: they are asked alongside the others;
 * `orIndexers`: a read asks them when nothing else had a copy (a read made on every run, such as
 * the mute list's, does not: most people have none, and each run would wait for them). They are
 * not among `relays`: one that is down refuses no edit.
 */
export async function fetchNewest(
  client: Client,
  kind: number,
  pubkey: string,
  { skip, forEdit = false, orIndexers = false }: { skip?: ReadonlySet<string>; forEdit?: boolean; orIndexers?: boolean } = {},
): Promise<NewestLookup> {
  const urls = allUrls(client.relays()).filter((url) => !skip?.has(url));
  const filters = [{ kinds: [kind], authors: [pubkey], limit: 1 }];
  const indexers = discoveryRelaysFor(client, urls).filter((url) => !skip?.has(url));
  const fromIndexers = () => askIndexers(client, filters, indexers);
  // Reads too: a list shown from an older copy must say that a newer one may have been unreadable.
  const before = oversizeSoFar(client);
  const [{ events, relays }, alongside] = await Promise.all([client.pool().query(filters, { relays: urls }), forEdit ? fromIndexers() : []]);
  const theirs = (found: Event[]) => found.filter((event) => event.kind === kind && event.pubkey === pubkey);
  const local = localCopy(client, kind, pubkey);
  let event = newestReplaceable([...theirs([...events, ...alongside]), ...(local ? [local] : [])]);
  if (!event && !forEdit && orIndexers) event = newestReplaceable(theirs(await fromIndexers()));
  return { ...(event ? { event } : {}), ...lookupOutcome(client, relays, before, [...urls, ...indexers]) };
}

/** The local copy alone (the cache's newest `kind` by `pubkey`), at once; throws when the cache cannot be read. */
export function localCopy(client: Client, kind: number, pubkey: string): Event | undefined {
  return client.store().events.query([{ kinds: [kind], authors: [pubkey], limit: 1 }])[0];
}

/**
 * Refuses to edit from `lookup` when it may not be the newest: no relay
 * answered, or some did not and none of those that did had a copy (the
 * silent ones may hold a longer one). `noun` names it for people ("follow list");
 * `fix` says what to do instead (a way around the relays where the caller has one).
 */
export function requireNewest(lookup: NewestLookup, noun: string, fix?: string): void {
  const asked = lookup.relays.length;
  if (asked === 0) throw failure(NO_RELAYS_TO_ASK(noun));
  if (lookup.unreadable?.length) {
    const where = lookup.unreadable.map(sanitizeLine).join(', ');
    throw failure(`${where} sent an event too big to read (over 512 KiB or 10,000 tags), which may be your newest ${noun}; nothing was changed, so as not to replace it with an older one.`);
  }
  const silent = asked - lookup.answered;
  if (lookup.answered === 0) {
    throw new NotAnsweredError(`no relay answered (${asked} asked), so your current ${noun} is unknown; nothing was changed. ${fix ?? 'Check your connection or relays and try again.'}`, silent, asked);
  }
  if (!lookup.event && lookup.answered < asked) {
    throw new NotAnsweredError(
      `only ${lookup.answered} of ${asked} relays answered and none had your ${noun}; a new one could replace a longer one on the others, so nothing was changed. ${fix ?? 'Try again when they are reachable.'}`,
      silent,
      asked,
    );
  }
}

/** requireNewest's refusal without its advice (try again, --local): for a place that offers its own. */
export const refusalReason = (message: string): string => message.replace(/[;,] (a new .*|so nothing was changed.*|nothing was changed.*)$/, '');
