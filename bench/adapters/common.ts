// What every relay-selection baseline of the outbox-recall figure is given and
// returns: the same relay lists (the authors' kind 10002 events, fetched once per
// start from the user's relays and the indexer through our pool, as ours does),
// the same budget and the user's relays; out comes a RequestPlan for src/net/pool.ts,
// so only the choice of relays differs between rows.
import type { Event, Filter } from 'nostr-tools';
import { newestReplaceable } from '../../src/core/events.js';
import type { RelayPool, RequestPlan } from '../../src/net/types.js';

export interface SelectionInput {
  authors: readonly string[];
  /** The newest kind 10002 per author that has one. */
  relayLists: readonly Event[];
  userRelays: readonly string[];
  indexerUrl: string;
  /** Most connections (the user's relays included); a library without such a knob ignores it. */
  budget: number;
  template: Omit<Filter, 'authors'>;
}

export type Selector = (input: SelectionInput) => RequestPlan | Promise<RequestPlan>;

const PER_FILTER = 250;

/** The authors' relay lists, asked of the user's relays and the indexer (what src/client/relay-lists.ts asks). */
export async function fetchListEvents(pool: RelayPool, authors: readonly string[], userRelays: readonly string[], indexerUrl: string): Promise<Event[]> {
  const filters: Filter[] = [];
  for (let i = 0; i < authors.length; i += PER_FILTER) filters.push({ kinds: [10002], authors: authors.slice(i, i + PER_FILTER) });
  const result = await pool.fetch([...userRelays, indexerUrl].map((relay) => ({ relay, filters })));
  const byAuthor = new Map<string, Event[]>();
  for (const event of result.events) byAuthor.set(event.pubkey, [...(byAuthor.get(event.pubkey) ?? []), event]);
  return [...byAuthor.values()].map((events) => newestReplaceable(events)).filter((e): e is Event => e !== undefined);
}

/**
 * Libraries normalise URLs their own way (a trailing slash, wss:// for welshman);
 * this maps what they return back to the URL the network and our pool know.
 */
export function urlMapper(input: SelectionInput): (url: string) => string {
  const key = (url: string) => url.toLowerCase().replace(/^wss?:\/\//, '').replace(/\/+$/, '');
  const known = new Map<string, string>();
  for (const url of input.userRelays) known.set(key(url), url);
  for (const event of input.relayLists) for (const tag of event.tags) if (tag[0] === 'r' && tag[1]) known.set(key(tag[1]), tag[1]);
  return (url) => known.get(key(url)) ?? url;
}

/** relay -> authors as one step per relay, authors split as our planner splits them. */
export function toPlan(routes: ReadonlyMap<string, Iterable<string>>, template: Omit<Filter, 'authors'>): RequestPlan {
  return [...routes].map(([relay, authors]) => {
    const list = [...new Set(authors)];
    const filters: Filter[] = [];
    for (let i = 0; i < list.length; i += PER_FILTER) filters.push({ ...template, authors: list.slice(i, i + PER_FILTER) });
    return { relay, filters };
  });
}

/** mulberry32, for libraries that draw from Math.random: the same run gives the same choice. */
export { seededRandom as seeded } from '../../test/helpers/fuzz.js';
