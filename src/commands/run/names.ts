// People by name in the text output of one-shot commands (issue #13): `Alice (npub1abcd…wxyz)`,
// from the kind-0 profiles the local cache holds (the interactive UI stores every profile it
// shows) and, for people it has no name for, from the relays (`namesFor`): a new user's first
// `timeline` printed every author as an npub while the relays held their names. --json, which
// never shows names, asks for none and stays byte-exact.
import type { Event } from 'nostr-tools';
import { cacheOf, type Client } from '../../client/client.js';
import { parseProfile, profileName } from '../../client/profiles.js';
import { discoveryRelaysFor } from '../../client/router.js';
import { queryPastStalled } from '../../client/stalled-relays.js';
import { readUrls } from '../../core/relay-spec.js';
import { isHex64 } from '../../core/event-shape.js';
import { newestByAuthor } from '../../core/events.js';
import { npub, shortNpub } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate } from '../../core/text-layout.js';
import type { EventStore } from '../../store/types.js';
import { AUTHORS_PER_FILTER, inGroupsOf } from '../../core/filter-lists.js';

export interface CachedNames {
  /** The name to show (sanitised, one line, at most 32 columns), when the cache knows one. */
  nameOf(pubkey: string): string | undefined;
  /** `Alice (npub1abcd…wxyz)`, or the short npub alone. */
  label(pubkey: string): string;
}

/**
 * Names from the cache for these people; others are looked up (once each) when asked for.
 * `fetched`: profiles just received from the relays, which the cache may not have written yet
 * (the newest of both is used).
 */
export function cachedNames(store: Pick<EventStore, 'query'> | undefined, pubkeys: Iterable<string> = [], fetched: readonly Event[] = []): CachedNames {
  const names = new Map<string, string | undefined>();
  const load = (keys: string[]) => {
    const wanted = keys.filter((pk) => isHex64(pk) && !names.has(pk));
    for (const pk of wanted) names.set(pk, undefined);
    for (const authors of inGroupsOf(wanted, AUTHORS_PER_FILTER)) {
      const group = new Set(authors);
      const events = fetched.filter((event) => event.kind === 0 && group.has(event.pubkey));
      try {
        if (store) events.push(...store.query([{ kinds: [0], authors }]));
      } catch {
        // the cache is a nicety here: what the relays sent, or keys, are shown instead
      }
      for (const [pk, newest] of newestByAuthor(events)) {
        const raw = profileName(parseProfile(newest));
        const name = raw ? sanitizeLine(raw).trim() : '';
        if (name) names.set(pk, truncate(name, 32));
      }
    }
  };
  load([...pubkeys]);
  const nameOf = (pubkey: string): string | undefined => {
    if (!names.has(pubkey)) load([pubkey]);
    return names.get(pubkey);
  };
  return {
    nameOf,
    label(pubkey) {
      const name = nameOf(pubkey);
      return name ? `${name} (${shortNpub(pubkey)})` : shortNpub(pubkey);
    },
  };
}

/** What the user is called when their profile has no name yet, as in the UI: never only an npub. */
export const YOU = 'you';

/** `names`, with the user (`me`) as `you` where no name is known for them. */
export function namingYou(names: CachedNames, me: string | undefined): CachedNames {
  if (!me) return names;
  return {
    nameOf: (pubkey) => names.nameOf(pubkey) ?? (pubkey === me ? YOU : undefined),
    label: (pubkey) => (pubkey === me && !names.nameOf(pubkey) ? YOU : names.label(pubkey)),
  };
}

/** A person in a list or a result line: `Alice (npub1abcd…wxyz)`, or the whole npub (to copy) when no name is known. */
export const personText = (names: CachedNames, pubkey: string): string => (names.nameOf(pubkey) ? names.label(pubkey) : npub(pubkey));

/** A name is a nicety: a relay slow to send profiles holds the output back at most this long. */
export const NAMES_WAIT_MS = 3_000;

/**
 * Names for text output (the user as `you` until their profile has a name): the cache's, and for the people it has no name for, the profiles
 * (kind 0) the relays hold: the user's read relays, `seenOn` (where these people's notes came
 * from, which their profiles are usually on too) and the discovery relays, which keep everyone's
 * (unless --relay named this run's relays). A relay that stalled this run is not waited for.
 */
export async function namesFor(client: Client, pubkeys: Iterable<string>, seenOn: Iterable<string> = []): Promise<CachedNames> {
  const store = cacheOf(client);
  const people = [...new Set(pubkeys)].filter(isHex64);
  const me = client.publicKey();
  const cached = cachedNames(store, people);
  const missing = people.filter((pubkey) => !cached.nameOf(pubkey));
  if (missing.length === 0) return namingYou(cached, me);
  const indexers = discoveryRelaysFor(client);
  const relays = [...new Set([...readUrls(client.relays()), ...(client.pinnedRelays ? [] : seenOn), ...indexers])];
  let fetched: Event[] = [];
  try {
    const filters = inGroupsOf(missing, AUTHORS_PER_FILTER).map((authors) => ({ kinds: [0], authors }));
    fetched = (await queryPastStalled(client.pool(), filters, { relays, eoseTimeoutMs: NAMES_WAIT_MS }, client.stalled)).events;
  } catch {
    // No names from the relays: keys are shown, as before.
  }
  return namingYou(cachedNames(store, people, fetched), me);
}
