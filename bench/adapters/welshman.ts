// welshman (Coracle's router), @welshman/router 0.8: getFilterSelections(filters)
// with its default rules: the authors are cut in chunks of about 30, each chunk
// asked on the `limit` (default 3) relays that score best for it, a relay's score
// being (1 + log(how many of the chunk list it)) x Math.random(); the whole filter
// is also asked on the user's read relays (weight 0.2), and a selection left with
// no relay falls back to the default relays. Configured through Router.configure:
//   getPubkeyRelays(pubkey, mode) = getRelaysFromList(readList(kind 10002), mode), as
//     its default does from its own repository (the user's pubkey: the user's relays);
//   getUserPubkey = a stand-in user; getDefaultRelays = the user's relays;
//   getIndexerRelays = the indexer; getLimit left at its default.
// Two things only to make it run here: welshman drops ws:// (insecure) URLs unless a
// scenario allows them, which getFilterSelections gives no way to do, so the loopback
// URLs are shown to it as wss:// and mapped back; Math.random is seeded for the call
// so the run is reproducible. welshman has no limit on connections.
import { getFilterSelections, Router } from '@welshman/router';
import { asDecryptedEvent, getRelaysFromList, readList, type TrustedEvent } from '@welshman/util';
import type { Filter } from 'nostr-tools';
import type { RequestPlan } from '../../src/net/types.js';
import { seeded, urlMapper, type SelectionInput } from './common.js';

const USER = 'f'.repeat(64);
const asWss = (url: string) => url.replace(/^ws:\/\//, 'wss://');

export function welshmanSelect(input: SelectionInput, seed = 42): RequestPlan {
  const listOf = new Map(
    input.relayLists.map((event) => [event.pubkey, { ...event, tags: event.tags.map((t) => (t[0] === 'r' && t[1] ? [t[0], asWss(t[1]), ...t.slice(2)] : t)) }]),
  );
  Router.configure({
    getUserPubkey: () => USER,
    getPubkeyRelays: (pubkey: string, mode?: string) => {
      if (pubkey === USER) return input.userRelays.map(asWss);
      const event = listOf.get(pubkey);
      return event ? getRelaysFromList(readList(asDecryptedEvent(event as TrustedEvent)), mode as never) : [];
    },
    getDefaultRelays: () => input.userRelays.map(asWss),
    getIndexerRelays: () => [asWss(input.indexerUrl)],
  });
  const random = Math.random;
  Math.random = seeded(seed);
  let selections: Array<{ filters: Filter[]; relays: string[] }>;
  try {
    selections = getFilterSelections([{ ...input.template, authors: [...input.authors] }]) as typeof selections;
  } finally {
    Math.random = random;
  }
  const real = urlMapper(input);
  const byRelay = new Map<string, Filter[]>();
  for (const { filters, relays } of selections) {
    for (const relay of relays) byRelay.set(real(relay), [...(byRelay.get(real(relay)) ?? []), ...filters]);
  }
  return [...byRelay].map(([relay, filters]) => ({ relay, filters }));
}
