// Where people receive private messages (NIP-17 kind 10050, "DM relays"), and
// the newest copy of one of the user's own replaceable lists. Lists come from
// the user's relays and the discovery relays (indexers), and the cache; what
// the relays send is cached.
import type { Event } from 'nostr-tools';
import { DM_RELAYS_KIND, parseDmRelays } from '../core/dm.js';
import { newestReplaceable } from '../core/events.js';
import { safely } from '../core/safely.js';
import { isPrivateHost } from '../core/relay-list.js';
import type { Client } from './client.js';
import { askIndexers, lookupOutcome, oversizeSoFar, type NewestLookup } from './newest-copy.js';
import { discoveryRelaysFor } from './router.js';
import { allUrls } from '../core/relay-spec.js';
import { queryPastStalled } from './stalled-relays.js';

/** The newest copy of a list, as the edits of newest-copy.ts look one up. */
export type ListLookup = NewestLookup;

/** The user's relays on a private network (a home relay, a test network): lists may then name such relays too. */
export const allowPrivateRelays = (client: Client): boolean => client.relays().some((relay) => isPrivateHost(new URL(relay.url).hostname));

/**
 * Where a list is looked for: every relay the user has, and `also` (a relay being added, which the
 * new list will be sent to, so it may hold a newer one), which must answer for an edit to go
 * ahead; and the discovery relays (not with `--relay`), which keep everyone's lists but are only
 * more places to find a newer copy: one that is down refuses nothing, and one slow to answer holds
 * the lookup back 3 s at most.
 */
function lookupRelays(client: Client, also: readonly string[] = []): { own: string[]; indexers: string[] } {
  const own = [...new Set([...allUrls(client.relays()), ...also])];
  return { own, indexers: discoveryRelaysFor(client, own) };
}

/**
 * The newest event of a replaceable `kind` by each of `authors`, from the relays and the cache.
 * `read`: only to read it (not to edit it from its newest copy), so relays that stalled this run
 * are not waited for again, and one that stalls here is remembered.
 */
export async function fetchNewestLists(
  client: Client,
  kind: number,
  authors: readonly string[],
  { also, read = false }: { also?: readonly string[]; read?: boolean } = {},
): Promise<{ lists: Map<string, Event>; lookup: Omit<ListLookup, 'event'> }> {
  const filter = { kinds: [kind], authors: [...authors] };
  const { own, indexers } = lookupRelays(client, also);
  const before = read ? undefined : oversizeSoFar(client);
  const stalled = read ? client.stalled : undefined;
  const [{ events, relays }, fromIndexers] = await Promise.all([
    queryPastStalled(client.pool(), [filter], { relays: own }, stalled),
    askIndexers(client, [filter], indexers, { stalled }),
  ]);
  const fromRelays = [...events, ...fromIndexers].filter((event) => event.kind === kind && authors.includes(event.pubkey));
  const store = client.store();
  store.events.putMany(fromRelays);
  const all = [...fromRelays, ...store.events.query([filter])];
  const lists = new Map<string, Event>();
  for (const author of authors) {
    const newest = newestReplaceable(all.filter((event) => event.pubkey === author));
    if (newest) lists.set(author, newest);
  }
  return { lists, lookup: lookupOutcome(client, relays, before, [...own, ...indexers]) };
}

/** The newest version of one of the user's own lists (10002, 10050, …); `also`: a relay being added, asked too. */
export async function fetchOwnList(client: Client, kind: number, pubkey: string, also?: readonly string[]): Promise<ListLookup> {
  const { lists, lookup } = await fetchNewestLists(client, kind, [pubkey], also ? { also } : {});
  const event = lists.get(pubkey);
  return { ...lookup, ...(event ? { event } : {}) };
}

/** Each person's DM relays (their kind 10050); people without a list are absent. */
export async function fetchDmRelays(client: Client, pubkeys: readonly string[]): Promise<Map<string, string[]>> {
  return (await lookupDmRelays(client, pubkeys)).relays;
}

/** As fetchDmRelays, with how many of the user's relays answered (none: a missing list may only be unknown). */
export async function lookupDmRelays(client: Client, pubkeys: readonly string[]): Promise<{ relays: Map<string, string[]>; answered: number; asked: number }> {
  const { lists, lookup } = await fetchNewestLists(client, DM_RELAYS_KIND, pubkeys, { read: true });
  const rules = { allowPrivate: allowPrivateRelays(client), ownPubkey: safely(() => client.publicKey(), undefined) };
  const out = new Map<string, string[]>();
  for (const [pubkey, event] of lists) {
    const urls = parseDmRelays(event.tags, rules);
    if (urls.length > 0) out.set(pubkey, urls);
  }
  return { relays: out, answered: lookup.answered, asked: lookup.relays.length };
}
