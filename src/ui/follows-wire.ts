// The user's follow list (NIP-02 kind 3) as the UI reads it to open Home. A cached copy opens Home
// at once; the relays' newest is fetched meanwhile and, when newer (someone followed or unfollowed
// on another device), told to onFollowsUpdated listeners, which apply the difference to the open
// Home. With none cached, the relays are asked. Editing the list is src/client/follows.ts's.
import type { Event } from 'nostr-tools';
import { cacheOf, type Client } from '../client/client.js';
import { currentFollows } from '../client/follows.js';
import { newestReplaceable } from '../core/events.js';
import { followedPubkeys } from '../core/follow-list.js';
import type { UiServices } from './services.js';

/** How long start-up waits for the relays' follow list before showing what it has. */
const FOLLOWS_WAIT_MS = 2_500;

type FollowServices = Required<Pick<UiServices, 'follows' | 'knownFollows' | 'onFollowsUpdated'>>;

export function wireFollows(
  client: Client,
  deps: { publicKey(): string | undefined; closed(): boolean; stalled: Set<string> },
): FollowServices & { cached(pubkey: string): string[] | undefined } {
  let lookup: { pubkey: string; list: Promise<string[]>; known?: string[] } | undefined;
  const listeners = new Set<(follows: string[]) => void>();
  /** The last newer list found, told to a listener that comes after it. */
  let update: { pubkey: string; follows: string[] } | undefined;
  const cachedList = (pubkey: string): Event | undefined => newestReplaceable(cacheOf(client)?.query([{ kinds: [3], authors: [pubkey], limit: 1 }]) ?? []);

  /** The relays' newest list, when newer than `local`: told to the listeners ("never show less than the relays hold"). */
  const updateFrom = async (pubkey: string, local: Event) => {
    const { event } = await currentFollows(client, pubkey);
    if (deps.closed() || !event || event.created_at <= local.created_at || event.id === local.id || deps.publicKey() !== pubkey) return;
    const follows = followedPubkeys(event.tags);
    // A screen that asks from now on is answered with this list.
    if (lookup?.pubkey === pubkey) {
      lookup.known = follows;
      lookup.list = Promise.resolve(follows);
    }
    update = { pubkey, follows };
    for (const listener of listeners) listener(follows);
  };

  const lookUp = async (pubkey: string): Promise<string[]> => {
    const local = cachedList(pubkey);
    if (local) {
      updateFrom(pubkey, local).catch(() => {});
      return followedPubkeys(local.tags);
    }
    // Only for showing Home: 2.5 s first, so a relay that never answers does not hold the screen
    // when another has answered. (Editing the list still asks every relay, in follows.ts.)
    const urls = client.relays().map((relay) => relay.url);
    const ask = (eoseTimeoutMs?: number) => client.pool().query([{ kinds: [3], authors: [pubkey], limit: 1 }], { relays: urls, ...(eoseTimeoutMs ? { eoseTimeoutMs } : {}) });
    let { events: found, relays } = await ask(FOLLOWS_WAIT_MS);
    // Nothing yet and no relay done, but some still working (a slow link, a busy machine): the
    // list is unknown, not empty, so they get the pool's whole wait before anything is concluded.
    if (found.length === 0 && !relays.some((relay) => relay.eose) && relays.some((relay) => relay.timedOut)) ({ events: found, relays } = await ask());
    for (const relay of relays) if (relay.timedOut) deps.stalled.add(relay.url);
    const newest = newestReplaceable(found.filter((event) => event.kind === 3 && event.pubkey === pubkey));
    if (newest) return followedPubkeys(newest.tags);
    // "You follow nobody" only when a relay said so; silence is not an empty list.
    if (!relays.some((relay) => relay.eose)) throw new Error(`none of your ${urls.length} relays answered, so whom you follow is unknown`);
    return [];
  };

  return {
    cached(pubkey) {
      const local = cachedList(pubkey);
      return local ? followedPubkeys(local.tags) : undefined;
    },
    follows() {
      const pubkey = deps.publicKey();
      if (!pubkey) return Promise.resolve([]);
      // One lookup per key: start-up asks early (before Ink loads), the app gets the same answer.
      if (lookup?.pubkey !== pubkey) {
        const asked: NonNullable<typeof lookup> = { pubkey, list: lookUp(pubkey) };
        asked.list.then((list) => (asked.known = list), () => {});
        lookup = asked;
      }
      return lookup.list;
    },
    knownFollows: () => (lookup?.pubkey === deps.publicKey() ? lookup?.known : undefined),
    onFollowsUpdated(listener) {
      listeners.add(listener);
      if (update && update.pubkey === deps.publicKey()) listener(update.follows);
      return () => void listeners.delete(listener);
    },
  };
}
