// A feed of people's notes read by the outbox model (NIP-65): the feed asks the
// user's read relays at once, as before; when the authors' relay lists are in,
// each author is also asked where they write, and what each relay delivered is
// learned for the next plan. Only ever more than the user's relays alone hold.
import type { Filter } from 'nostr-tools';
import type { RelayOutcome } from '../net/types.js';
import type { Client } from './client.js';
import type { Feed } from './feed.js';
import { createRouter } from './router.js';
import { learning } from './routing.js';
import { readUrls } from '../core/relay-spec.js';

export async function routeFeed(
  client: Client,
  feed: Feed,
  authors: readonly string[],
  template: Omit<Filter, 'authors'>,
  stalled?: ReadonlySet<string>,
): Promise<RelayOutcome[]> {
  const router = createRouter(client, client.env);
  const route = await router.route(authors, stalled);
  // The user's read relays are already asked for everyone by the feed itself.
  const userRelays = new Set(readUrls(client.relays()));
  const plan = route.request(template).filter((step) => !userRelays.has(step.relay));
  return feed.route(plan, learning(route, router.delivery, { onevent() {}, onsettled: () => router.save() }));
}
