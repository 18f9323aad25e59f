// Where people write and read (NIP-65 kind 10002 lists), for the outbox model:
// the user's relays and the discovery relays (indexers that keep these lists
// for everyone) are asked, and the newest list per author, from them or the
// cache, wins. Lists are untrusted: each URL is vetted (src/core/relay-list.ts).
import type { Event } from 'nostr-tools';
import { newestByAuthor } from '../core/events.js';
import { parseRelayList, RELAY_LIST_KIND, type RelayListRules } from '../core/relay-list.js';
import type { RelaySpec } from '../core/relay-spec.js';
import type { RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { AUTHORS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';

/** Indexers that keep relay lists, profiles and follow lists for everyone (NIP-65 "discovery"). */
export const DEFAULT_DISCOVERY_RELAYS = ['wss://purplepag.es', 'wss://user.kindpag.es', 'wss://indexer.coracle.social'];

export interface RelayListDeps {
  pool: RelayPool;
  store?: EventStore | undefined;
  /** The user's read relays. */
  userRelays: readonly string[];
  discoveryRelays: readonly string[];
  rules?: RelayListRules;
  eoseTimeoutMs?: number;
  /** Relays that already stalled in this run: not asked again (one timeout per stalled relay). */
  skip?: ReadonlySet<string>;
}

export interface RelayLists {
  /** Author -> the relays their list names (read and write markers kept). */
  lists: Map<string, RelaySpec[]>;
  /** Whether any relay answered (false: only the cache spoke). */
  fresh: boolean;
}

/** The relays and the cache: the newest list per author (the pool caches what arrives: src/client/ingest.ts). */
export async function fetchRelayLists(deps: RelayListDeps, authors: readonly string[]): Promise<RelayLists> {
  if (authors.length === 0) return { lists: new Map(), fresh: false };
  const relays = [...new Set([...deps.userRelays, ...deps.discoveryRelays])].filter((relay) => !deps.skip?.has(relay));
  const filters = inGroupsOf(authors, AUTHORS_PER_FILTER).map((group) => ({ kinds: [RELAY_LIST_KIND], authors: group }));
  const result = await deps.pool.fetch(
    relays.map((relay) => ({ relay, filters, role: deps.userRelays.includes(relay) ? ('user' as const) : ('discovery' as const) })),
    deps.eoseTimeoutMs === undefined ? {} : { eoseTimeoutMs: deps.eoseTimeoutMs },
  );
  // The cache also holds lists no relay answered with this time.
  const cachedEvents = deps.store ? safeQuery(deps.store, authors) : [];
  return { lists: toLists([...cachedEvents, ...result.events], deps.rules), fresh: result.relays.some((relay) => relay.eose) };
}

/** Author -> write relays (their outbox), the planner's input. */
export function writeRelaysOf(lists: ReadonlyMap<string, readonly RelaySpec[]>): Map<string, string[]> {
  return new Map([...lists].map(([author, specs]) => [author, specs.filter((spec) => spec.write).map((spec) => spec.url)]));
}

/** Author -> read relays (their inbox): where a note that tags them should go. */
export function readRelaysOf(lists: ReadonlyMap<string, readonly RelaySpec[]>): Map<string, string[]> {
  return new Map([...lists].map(([author, specs]) => [author, specs.filter((spec) => spec.read).map((spec) => spec.url)]));
}

function toLists(events: Event[], rules?: RelayListRules): Map<string, RelaySpec[]> {
  const newest = newestByAuthor(events.filter((event) => event.kind === RELAY_LIST_KIND));
  return new Map([...newest].map(([author, list]) => [author, parseRelayList(list.tags, rules)]));
}

function safeQuery(store: EventStore, authors: readonly string[]): Event[] {
  try {
    return inGroupsOf(authors, AUTHORS_PER_FILTER).flatMap((group) => store.query([{ kinds: [RELAY_LIST_KIND], authors: group }]));
  } catch {
    return [];
  }
}
