// A scripted relay that holds a fixed set of events and answers every REQ
// correctly (NIP-01 filters, newest first) but never with more than `cap`
// events per filter, as strfry does with its max_limit: a fault only in that
// it cuts answers short without saying so. Built on the fault relay.
import type { Event } from 'nostr-tools';
import { matchFilter } from 'nostr-tools/filter';
import { startFaultRelay, type FaultRelay } from './fault-relay.js';

/** NIP-01 order: created_at descending, then lowest id. */
export const nip01Order = (a: Event, b: Event): number => b.created_at - a.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function startCappedRelay(events: Event[], cap: number): Promise<FaultRelay & { reqs: () => number }> {
  const held = [...events].sort(nip01Order);
  let reqs = 0;
  const relay = await startFaultRelay({
    onReq(req) {
      reqs++;
      const sent = new Set<string>();
      for (const filter of req.filters) {
        const matching = held.filter((event) => matchFilter(filter, event));
        for (const event of matching.slice(0, Math.min(filter.limit ?? cap, cap))) {
          if (sent.has(event.id)) continue;
          sent.add(event.id);
          req.event(event);
        }
      }
      req.eose();
    },
  });
  return Object.assign(relay, { reqs: () => reqs });
}
