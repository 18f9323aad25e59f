// Receiving private messages (NIP-17): gift wraps addressed to the user, from
// their DM relays (kind 10050; their read relays when they have none) and the
// cache. The cache holds the wraps exactly as received, never their contents:
// rumors are decrypted in memory, once per wrap per run, and every wrap that
// does not open into a well-formed message by the seal's signer is dropped and
// counted (src/core/dm-wrap.ts). Order and future dates: src/core/dm-order.ts.
import type { Event, Filter } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { conversationId, GIFT_WRAP_KIND, peersOf, WRAP_JITTER_SEC, type Rumor } from '../core/dm.js';
import { byWritten, isDue } from '../core/dm-order.js';
import { requireNip44, unwrap, type DropReason, type Nip44, type Unwrapped } from '../core/dm-wrap.js';
import { noKeyYet } from '../core/errors.js';
import { allUrls, readUrls } from '../core/relay-spec.js';
import type { RelayOutcome, Subscription } from '../net/types.js';
import type { Client } from './client.js';
import { fetchDmRelays } from './dm-relays.js';
import { fetchWindow } from './window.js';

export interface DmMessage {
  rumor: Rumor;
  /** The author (the seal's signer, checked equal to the rumor's pubkey). */
  from: string;
  /** The others in the conversation (the user alone for notes to self). */
  peers: string[];
  conversation: string;
  mine: boolean;
  /** Rank in the order this client first held it: ties of created_at (one-second resolution) go by it. */
  arrival: number;
}

export interface Conversation {
  id: string;
  peers: string[];
  /** created_at of the newest message (the rumor's, the real one). */
  lastAt: number;
  last: DmMessage;
  count: number;
  unread: number;
}

/** Wraps asked for per request; a relay that sends a full page (or caps its answers lower) is paged back with `until`. */
const WRAPS_LIMIT = 1_000;

export interface Dms {
  /** Where the user's messages are read from: their DM relays, else their read relays. */
  inboxRelays(): Promise<string[]>;
  /** The user's relays changed (the relays panel): the inbox relays are looked up again when next asked for. */
  relaysChanged(): void;
  /**
   * Asks the inbox relays (and the cache) for every wrap; resolves once each relay answered or
   * timed out. One that stalled earlier this run is asked too but not waited for: what it sends
   * later is taken, and `onlate` told.
   */
  load(onlate?: () => void): Promise<{ relays: RelayOutcome[] }>;
  /**
   * Every message, oldest first (those of one second in the order they arrived); those dated more
   * than FUTURE_SKEW_SEC ahead are held back until then.
   */
  messages(): DmMessage[];
  /** How many messages are held back, dated too far ahead. */
  heldBack(): number;
  conversations(): Conversation[];
  /** One conversation's messages, oldest first (as messages()). */
  thread(id: string): DmMessage[];
  /** Wraps dropped this run, by reason. */
  dropped(): Partial<Record<DropReason, number>>;
  /** New wraps from now on (and the last two days, NIP-59's jitter); `onchange` after each new message. */
  watch(onchange: () => void): Promise<Subscription>;
  markRead(ids: readonly string[]): void;
  /** Opens wraps obtained otherwise (the user's own copy just sent); true when a message was added. */
  ingest(wraps: Event[]): Promise<boolean>;
  /** Those of these rumor ids already read. */
  isRead(id: string): boolean;
}

export function createDms(client: Client): Dms {
  const opened = new Map<string, Unwrapped>();
  const messages = new Map<string, DmMessage>();
  const dropped: Partial<Record<DropReason, number>> = {};
  const readIds = new Set<string>();
  let inbox: Promise<string[]> | undefined;
  let sorted: DmMessage[] | undefined;
  let arrivals = 0;
  /** Opening is async: one batch at a time, so messages rank in the order they were handed over. */
  let taking: Promise<unknown> = Promise.resolve();

  const me = (): string => {
    const key = client.publicKey();
    if (!key) throw noKeyYet();
    return key;
  };
  const crypto = async (): Promise<Nip44> => requireNip44(await client.signer());
  const filter = (since?: number): Filter => ({ kinds: [GIFT_WRAP_KIND], '#p': [me()], limit: WRAPS_LIMIT, ...(since === undefined ? {} : { since }) });

  /** Opens wraps not seen before, after those handed over earlier; true when a message was added. */
  function take(wraps: Event[]): Promise<boolean> {
    const done = taking.then(() => open(wraps));
    taking = done.catch(() => {});
    return done;
  }

  async function open(wraps: Event[]): Promise<boolean> {
    const keys = await crypto();
    const self = me();
    let added = false;
    for (const wrap of wraps) {
      if (opened.has(wrap.id)) continue;
      const result = await unwrap(keys, self, wrap);
      opened.set(wrap.id, result);
      if (!result.ok) {
        dropped[result.reason] = (dropped[result.reason] ?? 0) + 1;
        continue;
      }
      const { rumor } = result;
      // The user's own copy and the recipient's carry the same rumor: one message.
      if (messages.has(rumor.id)) continue;
      const peers = peersOf(rumor, self);
      messages.set(rumor.id, { rumor, from: rumor.pubkey, peers, conversation: conversationId(peers), mine: rumor.pubkey === self, arrival: arrivals++ });
      added = true;
    }
    if (added) {
      sorted = undefined;
      try {
        for (const id of client.store().dmRead.read([...messages.keys()])) readIds.add(id);
      } catch {
        // Read marks are a convenience: without the store everything shows as unread.
      }
    }
    return added;
  }

  function cache(wraps: Event[]): void {
    try {
      client.store().events.putMany(wraps);
    } catch {
      // The cache is a speed-up; the messages are shown anyway.
    }
  }

  const all = (): DmMessage[] => {
    sorted ??= [...messages.values()].sort(byWritten);
    const now = unixNow(client.clock);
    return sorted.filter((message) => isDue(message, now));
  };

  const dms: Dms = {
    inboxRelays() {
      inbox ??= (async () => {
        if (client.pinnedRelays) return allUrls(client.relays());
        const own = (await fetchDmRelays(client, [me()])).get(me());
        return own ?? readUrls(client.relays());
      })();
      return inbox;
    },
    relaysChanged() {
      inbox = undefined;
    },
    async load(onlate) {
      await crypto(); // unlock (passphrase) before any network
      let cached: Event[] = [];
      try {
        cached = client.store().events.query([filter()]);
      } catch {
        // No cache: the relays alone.
      }
      try {
        // In the order they were first stored: received, or saved when sent.
        const byId = new Map(cached.map((wrap) => [wrap.id, wrap]));
        cached = [...new Set([...client.store().cacheOrder.of([...byId.keys()]), ...byId.keys()])].map((id) => byId.get(id)!);
      } catch {
        // Their time order: messages of one second then show in an order of their own.
      }
      await take(cached);
      const relays = await dms.inboxRelays();
      const keep = (events: Event[]) => {
        const wraps = events.filter((event) => event.kind === GIFT_WRAP_KIND);
        cache(wraps);
        return take(wraps);
      };
      const late = relays.filter((url) => client.stalled.has(url));
      if (late.length > 0) {
        void client.pool().query([filter()], { relays: late }).then(async (result) => (await keep(result.events)) && onlate?.()).catch(() => {});
      }
      // Each relay is paged until it has sent every wrap: one that caps its answers (500 is common)
      // hid every conversation older than its newest 500 wraps (src/client/window.ts).
      const wraps: Event[] = [];
      const inbox = fetchWindow({
        pool: client.pool(),
        filters: [filter()],
        relays: relays.filter((url) => !client.stalled.has(url)),
        stalled: client.stalled,
        stream: false,
        onevent: (wrap) => wraps.push(wrap),
        onseen: () => {},
        boundary: () => undefined,
      });
      const outcomes = await inbox.settled;
      inbox.close();
      await keep(wraps);
      return { relays: outcomes };
    },
    messages: () => all(),
    heldBack: () => messages.size - all().length,
    conversations() {
      const byId = new Map<string, DmMessage[]>();
      for (const message of all()) {
        const list = byId.get(message.conversation);
        if (list) list.push(message);
        else byId.set(message.conversation, [message]);
      }
      return [...byId.entries()]
        .map(([id, list]) => {
          const last = list[list.length - 1]!;
          return { id, peers: last.peers, lastAt: last.rumor.created_at, last, count: list.length, unread: list.filter((m) => !m.mine && !readIds.has(m.rumor.id)).length };
        })
        .sort((a, b) => b.lastAt - a.lastAt || (a.id < b.id ? -1 : 1));
    },
    thread: (id) => all().filter((message) => message.conversation === id),
    dropped: () => ({ ...dropped }),
    async watch(onchange) {
      await crypto();
      const relays = await dms.inboxRelays();
      // NIP-59: a new wrap may be dated up to two days back.
      const since = unixNow(client.clock) - WRAP_JITTER_SEC - 60;
      let queue = Promise.resolve();
      return client.pool().subscribe([filter(since)], {
        onevent(event) {
          if (event.kind !== GIFT_WRAP_KIND) return;
          cache([event]);
          // One at a time, in arrival order: decryption is async.
          queue = queue.then(async () => {
            if (await take([event])) onchange();
          }).catch(() => {});
        },
      }, { relays });
    },
    markRead(ids) {
      const fresh = ids.filter((id) => !readIds.has(id));
      if (fresh.length === 0) return;
      for (const id of fresh) readIds.add(id);
      try {
        client.store().dmRead.markRead(fresh);
      } catch {
        // Kept in memory for this run.
      }
    },
    isRead: (id) => readIds.has(id),
    ingest: (wraps) => take(wraps),
  };
  return dms;
}
