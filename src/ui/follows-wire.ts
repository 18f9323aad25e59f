// The user's follow list (NIP-02 kind 3) as the UI reads it to open Home. A cached copy opens Home
// at once; the relays' newest is fetched meanwhile and, when newer (someone followed or unfollowed
// on another device), told to onFollowsUpdated listeners, which apply the difference to the open
// Home. With none cached, the relays are asked. Then a list published later (another device,
// while this one runs) is told as it comes. Editing the list is src/client/follows.ts's.
import type { Event } from 'nostr-tools';
import { cacheOf, type Client } from '../client/client.js';
import { currentFollows } from '../client/follows.js';
import { askIndexers } from '../client/newest-copy.js';
import { discoveryRelaysFor } from '../client/router.js';
import { unixNow } from '../core/clock.js';
import { newestReplaceable } from '../core/events.js';
import { followedPubkeys } from '../core/follow-list.js';
import type { UiServices } from './services.js';
import { allUrls } from '../core/relay-spec.js';

/** How long start-up waits for the relays' follow list before showing what it has. */
const FOLLOWS_WAIT_MS = 2_500;

type FollowServices = Required<Pick<UiServices, 'follows' | 'knownFollows' | 'onFollowsUpdated'>>;

export function wireFollows(
  client: Client,
  deps: { publicKey(): string | undefined; closed(): boolean },
): FollowServices & { cached(pubkey: string): string[] | undefined; close(): void } {
  let lookup: { pubkey: string; list: Promise<string[]>; known?: string[] } | undefined;
  const listeners = new Set<(follows: string[]) => void>();
  /** The last newer list found, told to a listener that comes after it. */
  let update: { pubkey: string; follows: string[] } | undefined;
  /** The newest list seen (cached, fetched or live) of the key being watched. */
  let newest: Event | undefined;
  let watching: { close(): void } | undefined;
  const cachedList = (pubkey: string): Event | undefined => newestReplaceable(cacheOf(client)?.query([{ kinds: [3], authors: [pubkey], limit: 1 }]) ?? []);

  const seen = (event: Event) => (newest = event);
  /** A list newer than any seen of the user's: told to the listeners ("never show less than the relays hold"). */
  const tell = (pubkey: string, event: Event) => {
    if (deps.closed() || deps.publicKey() !== pubkey || event.kind !== 3 || event.pubkey !== pubkey) return;
    // The version that stands (NIP-01); the one already seen stays on a tie.
    if (newest?.pubkey === pubkey && newestReplaceable([newest, event]) !== event) return;
    seen(event);
    const follows = followedPubkeys(event.tags);
    // A screen that asks from now on is answered with this list.
    if (lookup?.pubkey === pubkey) {
      lookup.known = follows;
      lookup.list = Promise.resolve(follows);
    }
    update = { pubkey, follows };
    for (const listener of listeners) listener(follows);
  };
  /**
   * Lists published since the lookup began (another device following or unfollowing while this
   * one runs): asked for once the lookup is done, from when it began, so none falls between.
   */
  const watch = (pubkey: string, since: number) => {
    if (deps.closed() || watching) return;
    const relays = allUrls(client.relays());
    watching = client.pool().subscribe([{ kinds: [3], authors: [pubkey], since }], { onevent: (event) => tell(pubkey, event) }, { relays });
  };

  const lookUp = async (pubkey: string): Promise<string[]> => {
    const began = unixNow(client.clock);
    const local = cachedList(pubkey);
    if (local) {
      seen(local);
      currentFollows(client, pubkey)
        .then(({ event }) => event && tell(pubkey, event))
        .catch(() => {})
        .finally(() => watch(pubkey, began));
      return followedPubkeys(local.tags);
    }
    // Only for showing Home, which opens with the first list a relay sends; a newer one from
    // another relay is applied to it as it comes. The relays get 2.5 s first, so one that never
    // answers does not hold "you follow nobody" when another has answered, and then counts as
    // stalled for this run (Home, already waiting for it, stops). Editing the list still asks
    // every relay for its whole wait (follows.ts).
    const urls = allUrls(client.relays());
    return new Promise<string[]>((resolve, reject) => {
      let shown = false;
      const take = (event: Event) => {
        if (event.kind !== 3 || event.pubkey !== pubkey) return;
        if (shown) return tell(pubkey, event);
        shown = true;
        seen(event);
        resolve(followedPubkeys(event.tags));
      };
      const ask = async (eoseTimeoutMs?: number) =>
        (await client.pool().query([{ kinds: [3], authors: [pubkey], limit: 1 }], { relays: urls, onevent: take, ...(eoseTimeoutMs ? { eoseTimeoutMs } : {}) })).relays;
      void (async () => {
        let relays = await ask(FOLLOWS_WAIT_MS);
        // Nothing yet and no relay done, but some still working (a slow link, a busy machine): the
        // list is unknown, not empty, so they get the pool's whole wait before anything is concluded.
        if (!shown && !relays.some((relay) => relay.eose) && relays.some((relay) => relay.timedOut)) relays = await ask();
        client.stalled.learn(relays);
        // None of the user's relays has a list: the discovery relays may (a new machine whose relays
        // never had it), asked only then, so the usual start waits for nothing more.
        if (!shown && relays.some((relay) => relay.eose)) {
          await askIndexers(client, [{ kinds: [3], authors: [pubkey], limit: 1 }], discoveryRelaysFor(client, urls), { onevent: take });
        }
        watch(pubkey, began);
        // "You follow nobody" only when a relay said so; silence is not an empty list.
        if (relays.some((relay) => relay.eose)) resolve([]);
        else reject(new Error(`none of your ${urls.length} relays answered, so whom you follow is unknown`));
      })().catch(reject);
    });
  };

  return {
    close() {
      watching?.close();
      watching = undefined;
    },
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
