// applesauce (noStrudel's library), applesauce-core/helpers:
//   users = authors as ProfilePointers, relays = getOutboxes(their kind 10002)
//   selectOptimalRelays(users, { maxConnections, maxRelaysPerUser: 2 })   greedy set cover
//   setFallbackRelays(selected, userRelays)                               authors left with none
//   groupPubkeysByRelay(...)                                              relay -> authors
// maxConnections starts at the budget; when the fallback to the user's relays
// would add connections beyond it, it is lowered by that many and the selection
// made again, so the row stays within the same budget as ours. (In applesauce-core
// 6.2 a user's selection count is stored before it is incremented, so with
// maxRelaysPerUser above 1 nobody leaves the cover pool early; taken as it is.)
import { getOutboxes, groupPubkeysByRelay, selectOptimalRelays, setFallbackRelays, type ProfilePointer } from 'applesauce-core/helpers';
import type { RequestPlan } from '../../src/net/types.js';
import { toPlan, urlMapper, type SelectionInput } from './common.js';

export const PER_USER = 2;

export function applesauceSelect(input: SelectionInput): RequestPlan {
  const listOf = new Map(input.relayLists.map((event) => [event.pubkey, event]));
  const users: ProfilePointer[] = input.authors.map((pubkey) => {
    const list = listOf.get(pubkey);
    return { pubkey, relays: list ? getOutboxes(list as Parameters<typeof getOutboxes>[0]) : [] };
  });
  const real = urlMapper(input);
  let maxConnections = input.budget;
  for (;;) {
    const selected = setFallbackRelays(selectOptimalRelays(users, { maxConnections, maxRelaysPerUser: PER_USER }), [...input.userRelays]);
    const byRelay = groupPubkeysByRelay(selected);
    const routes = new Map<string, string[]>();
    for (const [relay, pointers] of Object.entries(byRelay)) {
      const url = real(relay);
      routes.set(url, [...(routes.get(url) ?? []), ...pointers.map((p) => p.pubkey)]);
    }
    const over = routes.size - input.budget;
    if (over <= 0 || maxConnections <= 1) return toPlan(routes, input.template);
    maxConnections = Math.max(1, maxConnections - over);
  }
}
