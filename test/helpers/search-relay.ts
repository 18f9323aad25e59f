// A scripted NIP-50 search relay: answers a REQ whose filter carries `search`
// with the held events whose text contains every word (case-insensitive), the
// rest of the filter applied as NIP-01 says, newest first, then EOSE. The real
// test relay (@nostr-relay/core) ignores `search`, so search is proven here.
// Events are served exactly as given: forged ones too, for the tests that
// check they are dropped. `refuse: true` answers CLOSED instead, as a relay
// without NIP-50 may; a REQ without `search` gets EOSE alone, or the `plain`
// events matching it (a mute list, say).
import type { Event, Filter } from 'nostr-tools';
import { matchFilter } from 'nostr-tools/filter';
import { startFaultRelay, type FaultRelay } from './fault-relay.js';

export interface SearchRelay extends FaultRelay {
  /** Events it holds (add more at any time). */
  events: Event[];
  /** The `search` strings it was asked, in order. */
  searches: string[];
}

export async function startSearchRelay(events: Event[], opts: { refuse?: boolean; notice?: string; plain?: Event[] } = {}): Promise<SearchRelay> {
  const held = [...events];
  const searches: string[] = [];
  const relay = await startFaultRelay({
    onReq(req) {
      if (opts.notice) req.conn.send(['NOTICE', opts.notice]);
      const searched = req.filters.filter((filter) => typeof filter.search === 'string');
      if (searched.length === 0) {
        for (const event of opts.plain ?? []) if (req.filters.some((filter) => matchFilter(filter, event))) req.event(event);
        return req.eose();
      }
      for (const filter of searched) searches.push(filter.search!);
      if (opts.refuse) return req.closed('unsupported: search is not supported here');
      const found = held
        .filter((event) => searched.some((filter) => matches(filter, event)))
        .sort((a, b) => b.created_at - a.created_at || a.id.localeCompare(b.id))
        .slice(0, Math.min(...searched.map((filter) => filter.limit ?? 500)));
      for (const event of found) req.event(event);
      req.eose();
    },
  });
  return Object.assign(relay, { events: held, searches });
}

function matches(filter: Filter, event: Event): boolean {
  const { search, ...rest } = filter;
  if (!matchFilter(rest, event)) return false;
  const words = search!.toLowerCase().split(/\s+/).filter((word) => word && !word.includes(':'));
  return words.every((word) => event.content.toLowerCase().includes(word));
}
