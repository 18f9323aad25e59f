// Someone the user follows or has a private conversation with, found by the name they go by
// (src/core/people-by-name.ts): where the UI asks whom to write to, a person types "bob". The
// names are read from the newest profiles the relays hold for all of them, not from those that
// happen to be loaded, so "bo" is not taken to mean the one Bob whose profile was on screen when
// Bobby's was not.
import { failure } from '../core/errors.js';
import { newestByAuthor } from '../core/events.js';
import { peopleNamed } from '../core/people-by-name.js';
import { sanitizeLine } from '../core/sanitize.js';
import { truncate } from '../core/text-layout.js';
import type { RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { parseProfile, profileName } from './profiles.js';
import { AUTHORS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';
import { queryPastStalled, type StalledRelays } from './stalled-relays.js';

export interface FollowedNamedDeps {
  /** Whom the user follows; undefined when their follow list is not known. */
  follows: readonly string[] | undefined;
  /** The people of the user's private conversations: someone written with need not be followed. */
  peers?: readonly string[];
  pool: Pick<RelayPool, 'query'>;
  store?: Pick<EventStore, 'query'> | undefined;
  /** The relays to ask (the pool's read relays when left out). */
  relays?: readonly string[];
  /** Relays that stalled this run: not waited for; one that stalls here is added. */
  stalled?: StalledRelays;
}

/** The one person followed (or written with) who goes by `name`; a failure saying why when that is no one, or several. */
export async function followedNamed(name: string, deps: FollowedNamedDeps): Promise<string> {
  const asked = `"${truncate(sanitizeLine(name), 24)}"`;
  const { follows, peers = [] } = deps;
  const unknown = `your follow list is not known yet, so ${asked} cannot be looked up: give their npub1…, nprofile1… or name@domain`;
  if (!follows && peers.length === 0) throw failure(unknown);
  const people = [...new Set([...(follows ?? []), ...peers])];
  const whom = peers.length > 0 ? 'you follow or write to' : 'you follow';
  const profiles = await newestProfiles(people, deps);
  const found = peopleNamed(
    name,
    people.map((pubkey) => {
      const profile = profiles.get(pubkey);
      return { pubkey, names: [profile?.name, profile?.display_name] };
    }),
  );
  if (found.length === 1) return found[0]!.pubkey;
  if (found.length === 0) {
    // Not among those written with, and the follow list that may hold them is not known.
    if (!follows) throw failure(unknown);
    throw failure(`no one ${whom} is named ${asked}: give their npub1…, nprofile1… or name@domain`);
  }
  const some = found.slice(0, 3).map((person) => sanitizeLine(profileName(profiles.get(person.pubkey)) ?? ''));
  throw failure(`${asked} could be ${found.length} people ${whom} (${some.join(', ')}${found.length > 3 ? ', …' : ''}): type more of the name, or their npub1…`);
}

/** Each author's newest profile (kind 0) among the cache's and what the relays answer now. */
async function newestProfiles(authors: readonly string[], deps: FollowedNamedDeps): Promise<Map<string, ReturnType<typeof parseProfile>>> {
  // One request with a filter per group, as the feeds ask: not one subscription per group.
  const filters = inGroupsOf(authors, AUTHORS_PER_FILTER).map((group) => ({ kinds: [0], authors: group }));
  const relays = deps.relays && [...deps.relays];
  const answered = await queryPastStalled(deps.pool, filters, relays ? { relays } : {}, deps.stalled).then((result) => result.events, () => []);
  const cached = deps.store?.query(filters) ?? [];
  const wanted = new Set(authors);
  const profiles = [...cached, ...answered].filter((event) => event.kind === 0 && wanted.has(event.pubkey));
  return new Map([...newestByAuthor(profiles)].map(([author, newest]) => [author, parseProfile(newest)]));
}
