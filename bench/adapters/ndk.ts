// NDK (@nostr-dev-kit/ndk 3): its outbox choice is made when a subscription with
// `authors` starts (NDKSubscription.startWithRelays -> calculateRelaySetsFromFilters
// -> chooseRelayCombinationForPubkeys: relays ranked by how many of the authors list
// them, each author on up to relayGoalPerAuthor = 2 of their write relays, relays
// already connected first; authors without a list on the connected relays). None of
// those functions is exported, so the adapter drives NDK's own subscription:
//   - new NDK({ explicitRelayUrls: userRelays, enableOutboxModel: true })
//   - its outbox tracker is filled from the same kind 10002 events (NDKRelayList's
//     writeRelayUrls/readRelayUrls, as OutboxTracker.trackUsers stores them);
//   - the pool reports the user's relays as connected (as after ndk.connect()) and
//     getRelay hands back a stub that records nothing, so NDK opens no socket;
//   - ndk.subscribe(filter, { relayGoalPerAuthor: 2 }, false) (not started), then startWithRelays(), and its
//     relayFilters (relay -> filters) is the plan, fetched through our pool.
// NDK has no limit on connections: the row shows how many its choice opens.
import NDK, { NDKEvent, NDKRelayList, type NDKFilter, type NDKRelay } from '@nostr-dev-kit/ndk';
import type { Filter } from 'nostr-tools';
import type { RequestPlan } from '../../src/net/types.js';
import { urlMapper, type SelectionInput } from './common.js';

export const RELAY_GOAL_PER_AUTHOR = 2;

interface Internals {
  outboxTracker: { data: { set(key: string, value: unknown): void } };
  pool: {
    relays: Map<string, NDKRelay>;
    connectedRelays(): NDKRelay[];
    permanentAndConnectedRelays(): NDKRelay[];
    getRelay(url: string): unknown;
  };
}

export function ndkSelect(input: SelectionInput): RequestPlan {
  const ndk = new NDK({ explicitRelayUrls: [...input.userRelays], enableOutboxModel: true, outboxRelayUrls: [input.indexerUrl] });
  const inner = ndk as unknown as Internals;
  const listOf = new Map(input.relayLists.map((event) => [event.pubkey, event]));
  for (const author of input.authors) {
    const event = listOf.get(author);
    const list = event ? NDKRelayList.from(new NDKEvent(ndk, event)) : undefined;
    inner.outboxTracker.data.set(author, {
      type: 'user',
      relayUrlScores: new Map(),
      readRelays: new Set(list?.readRelayUrls ?? []),
      writeRelays: new Set(list?.writeRelayUrls ?? []),
    });
  }
  const connected = [...inner.pool.relays.values()];
  inner.pool.connectedRelays = () => connected;
  inner.pool.permanentAndConnectedRelays = () => connected;
  inner.pool.getRelay = () => ({ subscribe() {} });
  const sub = ndk.subscribe(
    { ...input.template, authors: [...input.authors] } as NDKFilter,
    { closeOnEose: true, relayGoalPerAuthor: RELAY_GOAL_PER_AUTHOR },
    false,
  );
  (sub as unknown as { startWithRelays(): void }).startWithRelays();
  const chosen = sub.relayFilters ?? new Map<string, NDKFilter[]>();
  sub.stop();
  const real = urlMapper(input);
  return [...chosen]
    .map(([relay, filters]) => ({ relay: real(relay), filters: filters.filter((f) => !f.authors || f.authors.length > 0) as Filter[] }))
    .filter((step) => step.filters.length > 0);
}
