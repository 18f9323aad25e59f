// Importing a key brings the user's setup (issue #12): their own published relay
// list (NIP-65, kind 10002) and follow list (NIP-02, kind 3), asked of the
// discovery relays, which keep these kinds for everyone (or of the `--relay`
// relays when given). Nothing is published. The relay list becomes the
// config's only when no relays were ever configured here; the follow list is
// cached (by the pool: src/client/ingest.ts), so the first start shows Home at
// once and every later edit starts from the newest copy on the relays.
import { newestReplaceable } from '../core/events.js';
import { followedPubkeys } from '../core/follow-list.js';
import { parseRelayList, RELAY_LIST_KIND } from '../core/relay-list.js';
import type { RelaySpec } from '../core/relay-spec.js';
import { ConfigStore, MAX_RELAYS } from '../store/config.js';
import type { Client } from './client.js';
import { discoveryRelaysFromEnv } from './router.js';
import { allUrls } from '../core/relay-spec.js';

/** Indexers answer fast or not at all: an import waits this long for them at most. */
const ADOPT_WAIT_MS = 4_000;

export interface Adopted {
  asked: string[];
  /** Relays that answered (EOSE) in time. */
  answered: number;
  /** The relays the user's newest kind 10002 lists, when one was found. */
  relays?: RelaySpec[];
  /** Relays of that list beyond the MAX_RELAYS config.json holds, left out. */
  leftOut?: number;
  /** The list became the config's relays (none were configured before). */
  configured: boolean;
  /** How many people the newest follow list found names. */
  follows?: number;
}

/** Undefined when there is nowhere to ask (no discovery relays and no `--relay`). */
export async function adoptPublishedSetup(client: Client, pubkey: string): Promise<Adopted | undefined> {
  const asked = client.pinnedRelays ? allUrls(client.relays()) : discoveryRelaysFromEnv(client.env);
  if (asked.length === 0) return undefined;
  const filters = [
    { kinds: [RELAY_LIST_KIND], authors: [pubkey], limit: 1 },
    { kinds: [3], authors: [pubkey], limit: 1 },
  ];
  const role = client.pinnedRelays ? ('user' as const) : ('discovery' as const);
  const { events, relays } = await client.pool().fetch(
    asked.map((relay) => ({ relay, filters, role })),
    { eoseTimeoutMs: ADOPT_WAIT_MS },
  );
  const own = events.filter((event) => event.pubkey === pubkey);
  const list = newestReplaceable(own.filter((event) => event.kind === RELAY_LIST_KIND));
  const follows = newestReplaceable(own.filter((event) => event.kind === 3));
  // The list is signed by the user's own key: a home relay on a private network is theirs to name
  // (but not a URL holding their secret, which config.json would keep and the pool refuse).
  // Taken whole, as many as config.json holds (others' lists are cut at 20, not the user's own).
  const rules = { allowPrivate: true, ownPubkey: pubkey };
  const specs = list ? parseRelayList(list.tags, { ...rules, max: MAX_RELAYS }) : undefined;
  const leftOut = list && specs ? parseRelayList(list.tags, { ...rules, max: Infinity }).length - specs.length : 0;
  const config = new ConfigStore(client.paths.configDir);
  let configured = false;
  if (specs !== undefined && specs.length > 0) {
    // Only where the user has set no relays of their own, looked at under the config's lock.
    config.editRelays((_, own) => {
      configured = !own;
      return own ? undefined : specs;
    });
  }
  return {
    asked,
    answered: relays.filter((relay) => relay.eose).length,
    configured,
    ...(specs ? { relays: specs } : {}),
    ...(leftOut > 0 ? { leftOut } : {}),
    ...(follows ? { follows: followedPubkeys(follows.tags).length } : {}),
  };
}
