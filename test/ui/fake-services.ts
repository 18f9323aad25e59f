// An in-memory stand-in for the services behind the UI's context, for
// component and screen tests. End-to-end tests use the real relay instead.
import type { Event, EventTemplate } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { createInteractions, type Interactions } from '../../src/client/interactions.js';
import { parseProfile, type Profile } from '../../src/client/profiles.js';
import { muteSet, type MuteEntry } from '../../src/core/mutes.js';
import type { ProfileChanges } from '../../src/core/profile-edit.js';
import type { Clock } from '../../src/core/clock.js';
import type { PublishResult, RelayOutcome, RelaySpec, RelayStatus } from '../../src/net/types.js';
import type { FeedKind } from '../../src/ui/navigation.js';
import type { FeedLike, TimelineEntryLike, TimelineLike, UiServices } from '../../src/ui/services.js';

/** Newest first, then id ascending, like src/core/timeline.ts. */
export class MemoryTimeline implements TimelineLike {
  private list: TimelineEntryLike[] = [];
  private ids = new Set<string>();
  view() {
    return this.list;
  }
  add(event: Event, relay?: string): boolean {
    if (this.ids.has(event.id)) return false;
    this.ids.add(event.id);
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.list[mid]!.event;
      if (e.created_at > event.created_at || (e.created_at === event.created_at && e.id < event.id)) lo = mid + 1;
      else hi = mid;
    }
    this.list.splice(lo, 0, { event, seenOn: relay ? [relay] : [] });
    return true;
  }
}

export class MemoryFeed implements FeedLike {
  timeline = new MemoryTimeline();
  private listeners = new Set<() => void>();
  private resolve!: () => void;
  settled = new Promise<unknown>((r) => (this.resolve = () => r([])));
  closed = false;
  constructor(events: Event[] = [], settle = true) {
    for (const e of events) this.timeline.add(e, 'ws://fake');
    if (settle) this.resolve();
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  /** Live events arriving from a relay. */
  push(...events: Event[]) {
    for (const e of events) this.timeline.add(e, 'ws://fake');
    for (const l of this.listeners) l();
  }
  settle() {
    this.resolve();
  }
  /** What Home was told of follows and unfollows made while it was open. */
  readonly followChanges: Array<[string, boolean]> = [];
  followed(pubkeys: readonly string[]) {
    for (const pubkey of pubkeys) this.followChanges.push([pubkey, true]);
  }
  unfollowed(pubkey: string) {
    this.followChanges.push([pubkey, false]);
  }
  close() {
    this.closed = true;
  }
}

export interface FakeOptions {
  now?: number;
  withKey?: boolean;
  follows?: string[];
  feeds?: Partial<Record<FeedKind, MemoryFeed>>;
  authorNotes?: Record<string, Event[]>;
  profiles?: Record<string, Partial<Profile>>;
  thread?: Event[];
  /** How the relays answered the thread (default: the one fake relay did). */
  threadRelays?: RelayOutcome[];
  /** The thread as the cache holds it (default: none offered). */
  cachedThread?: Event[];
  relays?: RelaySpec[];
  status?: RelayStatus[];
  publishResults?: (event: Event) => PublishResult[];
  /** The relays panel's editor (tests pass the real one over a temp config dir). */
  relayConfig?: UiServices['relayConfig'];
  /** Quoted notes the relays have (issue #13); with `quotes: false` the services offer no quote directory. */
  quoted?: Event[];
  quotes?: false;
  /** What the system opener does with a link (default: starts). */
  openUrl?: (url: string) => Promise<void>;
  /** The user's mute list at start (NIP-51); `m` adds to it. */
  mutes?: MuteEntry[];
  /** NIP-05: address -> the key its domain maps it to. */
  nip05?: Record<string, string>;
}

export function fakeServices(opts: FakeOptions = {}) {
  const secret = generateSecretKey();
  let publicKey = opts.withKey === false ? undefined : getPublicKey(secret);
  const now = opts.now ?? 1_700_000_000;
  const clock: Clock = { now: () => now * 1000 };
  const published: Event[] = [];
  const followCalls: { pubkey: string; following: boolean }[] = [];
  const profileListeners = new Set<() => void>();
  const profiles = new Map(Object.entries(opts.profiles ?? {}).map(([k, v]) => [k, { created_at: 1, ...v }]));
  const requested = new Set<string>();
  const feeds = opts.feeds ?? {};
  const opened: FeedKind[] = [];
  const relays = opts.relays ?? [{ url: 'ws://fake', read: true, write: true }];
  const follows = [...(opts.follows ?? [])];
  const noticeListeners = new Set<(text: string) => void>();
  // The relays' newer follow list (onFollowsUpdated): told to the listeners, and the last one to each new listener.
  const followsUpdates = new Set<(list: string[]) => void>();
  let lastFollowsUpdate: string[] | undefined;
  const threadWatchers = new Set<(reply: Event) => void>();
  const statusListeners = new Set<(status: RelayStatus[]) => void>();
  let interactions: Interactions | undefined;
  // Quoted notes: asked ids are answered at once from `quoted` (missing ones as null), or held with `holdQuotes`.
  const quoteStore = new Map<string, Event | null>();
  const quoteAsks: string[] = [];
  const quoteListeners = new Set<() => void>();
  let holdQuotes = false;
  const openedUrls: string[] = [];
  const answerQuotes = () => {
    for (const id of quoteAsks.splice(0)) quoteStore.set(id, opts.quoted?.find((e) => e.id === id) ?? null);
    quoteListeners.forEach((l) => l());
  };
  let muteList: MuteEntry[] = [...(opts.mutes ?? [])];
  const muteListeners = new Set<() => void>();
  const profileEdits: ProfileChanges[] = [];
  const services: UiServices = {
    ...(opts.quotes === false
      ? {}
      : {
          quotes: {
            get: (id: string) => quoteStore.get(id),
            request(refs: Iterable<{ id: string }>) {
              for (const ref of refs) if (!quoteStore.has(ref.id) && !quoteAsks.includes(ref.id)) quoteAsks.push(ref.id);
              if (!holdQuotes) queueMicrotask(answerQuotes);
            },
            onChange(l: () => void) {
              quoteListeners.add(l);
              return () => void quoteListeners.delete(l);
            },
          },
        }),
    async openUrl(url: string) {
      openedUrls.push(url);
      await opts.openUrl?.(url);
    },
    mutes: {
      current: () => muteSet(muteList),
      onChange: (l) => {
        muteListeners.add(l);
        return () => void muteListeners.delete(l);
      },
      async mute(entry) {
        if (muteList.some((m) => m.type === entry.type && m.value === entry.value)) return { results: [], unchanged: 'already-muted' as const };
        muteList = [...muteList, entry];
        for (const l of muteListeners) l();
        return { results: relays.map((r) => ({ url: r.url, ok: true, outcome: 'accepted' as const, message: '' })) };
      },
    },
    nip05: { verify: async (address, pubkey) => opts.nip05?.[address.toLowerCase()] === pubkey },
    async setProfile(changes) {
      profileEdits.push(changes);
      return services.publish({ kind: 0, created_at: now, tags: [], content: JSON.stringify(changes) });
    },
    // The real state keeper over this fake's publish; the user has done nothing yet.
    get interactions() {
      return (interactions ??= createInteractions({ clock, me: () => publicKey, cached: () => [], fetch: async () => [], publish: (t) => services.publish(t), resend: async (event) => ({ event, results: [] }), batchMs: 0 }));
    },
    onNotice: (l) => {
      noticeListeners.add(l);
      return () => void noticeListeners.delete(l);
    },
    clock,
    publicKey: () => publicKey,
    keyLocation: '/home/test/.config/nostr-tui/keys.json',
    async createKey() {
      publicKey = getPublicKey(secret);
      return publicKey;
    },
    relays: () => relays,
    ...(opts.relayConfig ? { relayConfig: opts.relayConfig } : {}),
    relayStatus: () => opts.status ?? [],
    onRelayStatus: (listener) => {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    follows: async () => [...follows],
    onFollowsUpdated(listener) {
      followsUpdates.add(listener);
      if (lastFollowsUpdate) listener(lastFollowsUpdate);
      return () => void followsUpdates.delete(listener);
    },
    openFeed(kind) {
      opened.push(kind);
      return (feeds[kind] ??= new MemoryFeed());
    },
    openAuthorFeed: (pubkey) => new MemoryFeed(opts.authorNotes?.[pubkey] ?? []),
    fetchThread: async (event) => {
      const events = opts.thread ?? [event];
      return { events, relays: opts.threadRelays ?? relays.map((r) => ({ url: r.url, eose: true, timedOut: false, events: events.length })) };
    },
    ...(opts.cachedThread ? { cachedThread: () => opts.cachedThread! } : {}),
    // The cache holds what the feeds have shown.
    authorOf: (id) => Object.values(feeds).flatMap((feed) => [...(feed?.timeline.view() ?? [])]).find((entry) => entry.event.id === id)?.event.pubkey,
    watchThread(_event, onreply) {
      threadWatchers.add(onreply);
      return () => void threadWatchers.delete(onreply);
    },
    profiles: {
      get: (pk) => profiles.get(pk),
      request: (pks) => {
        for (const pk of pks) requested.add(pk);
      },
      learn: (event) => {
        const profile = parseProfile(event);
        if (!profile) return;
        profiles.set(event.pubkey, profile);
        for (const l of profileListeners) l();
      },
      onChange: (l) => {
        profileListeners.add(l);
        return () => void profileListeners.delete(l);
      },
    },
    async publish(template: EventTemplate, onSaved?: (event: Event) => void) {
      const event = finalizeEvent(template, secret);
      published.push(event);
      onSaved?.(event);
      return { event, results: opts.publishResults?.(event) ?? relays.map((r) => ({ url: r.url, ok: true, outcome: 'accepted' as const, message: '' })) };
    },
    async follow(pubkey) {
      followCalls.push({ pubkey, following: true });
      if (follows.includes(pubkey)) return { results: [], unchanged: 'already-following' as const };
      follows.push(pubkey);
      return { results: relays.map((r) => ({ url: r.url, ok: true, outcome: 'accepted' as const, message: '' })) };
    },
    async unfollow(pubkey) {
      followCalls.push({ pubkey, following: false });
      if (!follows.includes(pubkey)) return { results: [], unchanged: 'not-following' as const };
      follows.splice(follows.indexOf(pubkey), 1);
      return { results: relays.map((r) => ({ url: r.url, ok: true, outcome: 'accepted' as const, message: '' })) };
    },
  };
  return {
    services,
    /** Links handed to the system opener. */
    openedUrls,
    /** Quote ids asked for and not answered yet; `holdQuotes(true)` keeps them waiting, `answerQuotes()` answers. */
    quoteAsks,
    holdQuotes: (hold: boolean) => void (holdQuotes = hold),
    answerQuotes,
    /** What `e` asked to change in the user's profile, per save. */
    profileEdits,
    /** The mute list now. */
    mutes: () => muteList,
    published,
    followCalls,
    requested,
    feeds,
    opened,
    /** A reply arriving while a thread is open; how many threads were watching. */
    reply(event: Event) {
      for (const watcher of threadWatchers) watcher(event);
      return threadWatchers.size;
    },
    /** Threads watching for replies now. */
    watchingThreads: () => threadWatchers.size,
    /** The pool's status changing (a relay failing, connecting). */
    relayStatus: (status: RelayStatus[]) => statusListeners.forEach((l) => l(status)),
    /** A warning the services would have printed on stderr. */
    notice: (text: string) => noticeListeners.forEach((l) => l(text)),
    /** The relays turning out to hold a newer follow list than the one Home opened from. */
    updateFollows(list: string[]) {
      follows.splice(0, follows.length, ...list);
      lastFollowsUpdate = [...list];
      for (const listener of followsUpdates) listener(lastFollowsUpdate);
    },
    /** A batch of profiles arriving. */
    setProfile(pubkey: string, profile: Partial<Profile>) {
      profiles.set(pubkey, { created_at: 2, ...profile });
      for (const l of profileListeners) l();
    },
  };
}

/** Authors with fixed keys so frames are stable across runs. */
export function author(seed: number) {
  const secret = new Uint8Array(32).fill(seed);
  return {
    pubkey: getPublicKey(secret),
    note: (content: string, createdAt: number, tags: string[][] = [], kind = 1) =>
      finalizeEvent({ kind, created_at: createdAt, tags, content }, secret),
  };
}
