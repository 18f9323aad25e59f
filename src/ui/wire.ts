// The real services behind the UI: the same client services the one-shot
// commands use (pool, feeds, publish path, follow-list edits, key store).
import { Writable } from 'node:stream';
import { generateSecretKey } from 'nostr-tools/pure';
import type { Event, VerifiedEvent } from 'nostr-tools';
import { cacheOf, createClient, type Client } from '../client/client.js';
import { openFeed, type Feed } from '../client/feed.js';
import { routeFeed } from '../client/routed-feed.js';
import { createInteractions } from '../client/interactions.js';
import { follow, unfollow } from '../client/follows.js';
import { createProfileDirectory } from '../client/profiles.js';
import { createQuoteDirectory } from '../client/quotes.js';
import { openUrl } from './open-url.js';
import { createMuteState, isMutedEvent } from '../client/mutes.js';
import { nip05For, resolvePublicKey } from '../client/public-key.js';
import { followedNamed } from '../client/people-named.js';
import { setProfile } from '../client/profile-edit.js';
import { publishEvent, resendEvent } from '../client/publish.js';
import { cachedThread, fetchThread, watchThread } from '../client/thread.js';
import { deleteEvent } from '../client/notes.js';
import { unixNow } from '../core/clock.js';
import { globalFilters, HOME_KINDS, homeFilters } from '../core/feed-filters.js';
import { wireNotifications } from './wire-notifications.js';
import { derivePublicKey } from '../core/derive-key.js';
import { KeyStore } from '../store/keys.js';
import { loadSharedVerifier } from '../net/verify.js';
import { ConfigStore } from '../store/config.js';
import { relayConfigFor } from './relay-config-wire.js';
import type { FeedKind } from './navigation.js';
import { startupMark } from '../store/startup-trace.js';
import type { FeedLike, UiServices } from './services.js';
import { allUrls, readUrls } from '../core/relay-spec.js';
import { discoveryRelaysFor } from '../client/router.js';
import { wireDms } from './dms-wire.js';
import { wireBookmarks } from './bookmarks-wire.js';
import { wireFollows } from './follows-wire.js';
import { hashtagFilters } from '../core/hashtags.js';
import { openSearchFeed } from '../client/search-feed.js';
import { searchRelaysFor } from '../client/search.js';
import { queryPastStalled } from '../client/stalled-relays.js';
import { safely } from '../core/safely.js';

/** How far back a feed starts, and how many notes each relay is asked for. */
const FEED_WINDOW_SEC = 7 * 24 * 3600;
const FEED_LIMIT = 300;

/** Resolves once the feed holds a note (from the cache or a relay), or every relay has answered. */
function hasNotes(feed: FeedLike): Promise<void> {
  if (feed.timeline.view().length > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const off = feed.onChange(() => {
      if (feed.timeline.view().length === 0) return;
      off();
      resolve();
    });
    const done = () => {
      off();
      resolve();
    };
    feed.settled.then(done, done);
  });
}

/** A feed that shows nothing (mentions without a key). */
function emptyFeed(): FeedLike {
  return {
    timeline: { view: () => [], add: () => false },
    onChange: () => () => {},
    settled: Promise.resolve([]),
    close() {},
  };
}

export interface WiredServices extends UiServices {
  /**
   * Opens the feed the app shows first (Home, or Global when following nobody), before the app
   * asks; resolves once it has notes to show or every relay has answered.
   */
  openFirstFeedEarly(): Promise<void>;
  close(): Promise<void>;
}

/** Services made at start-up, with the first feed already asked for. */
export interface StartedServices extends WiredServices {
  /** That feed has notes to show, or every relay answered, or opening it failed (never rejects). */
  firstNotes: Promise<void>;
  /** Loads the signature checks the first notes will need, for a moment the thread would spend waiting. */
  loadChecks(): void;
}

/**
 * The client and services for the interactive UI, made before Ink loads: an
 * encrypted key (NIP-49) asks for its passphrase while the terminal is still
 * ours, and the follow-list lookup starts at once, overlapping the UI's load.
 */
export async function prepareServices(
  ctx: { paths: Client['paths']; env: NodeJS.ProcessEnv; clock: Client['clock']; stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream },
  relayOverride?: string[],
): Promise<StartedServices> {
  const notices = new NoticeStream(ctx.stderr);
  let drawing = false;
  const client = createClient({
    paths: ctx.paths,
    env: ctx.env,
    clock: ctx.clock,
    ...(relayOverride ? { relayOverride } : {}),
    stdin: ctx.stdin,
    stderr: notices,
    mayPrompt: () => !drawing,
    // What the user wrote in earlier runs and no relay took yet goes out again, each to its own relays.
    retryOutbox: 'background',
  } as Parameters<typeof createClient>[0]);
  const publicKey = client.publicKey();
  startupMark('key-loaded');
  if (publicKey) await unlockBeforeDrawing(client);
  // From here the terminal is the UI's: no prompt may read it (mayPrompt).
  drawing = true;
  const wired = createServices(client, (relayOverride?.length ?? 0) > 0);
  const first = wired.openFirstFeedEarly().catch(() => {});
  return {
    ...wired,
    onNotice: (listener) => notices.redirect(listener),
    // Without a key the first screen offers to make one: no notes to wait for.
    firstNotes: publicKey ? first : Promise.resolve(),
    loadChecks: loadSharedVerifier,
  };
}

/**
 * An encrypted key (NIP-49) is unlocked while the terminal is still a plain prompt (three tries,
 * src/store/unlock.ts); when it is not, or on Esc or Ctrl-C, the UI does not start (exit 1). A
 * read-only key reads, and the UI says how to write when asked to.
 */
async function unlockBeforeDrawing(client: Client): Promise<void> {
  try {
    await client.signer();
  } catch (error) {
    if (storedSecretIsEncrypted(client)) throw error;
  }
}

const storedSecretIsEncrypted = (client: Client): boolean => safely(() => new KeyStore(client.paths.configDir).load()?.secret?.type === 'encrypted', false);

/**
 * Stands in for stderr: text goes to the real stderr until the UI redirects it
 * (a line written under Ink would tear the frame), then to the footer.
 */
class NoticeStream extends Writable {
  #listener: ((text: string) => void) | undefined;
  constructor(private readonly stderr: NodeJS.WritableStream) {
    super();
  }
  redirect(listener: (text: string) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const text = chunk.toString();
    if (!this.#listener) this.stderr.write(text, () => done());
    else {
      for (const line of text.split('\n')) if (line.trim()) this.#listener(line.replace(/^nostr-tui: /, ''));
      done();
    }
  }
}

export function createServices(client: Client, relayOverride = false): WiredServices {
  const keyStore = new KeyStore(client.paths.configDir);
  const config = new ConfigStore(client.paths.configDir);
  let publicKey = client.publicKey();
  const pool = () => client.pool();
  const events = () => cacheOf(client);
  // Names as `timeline` finds them: the read relays, and the discovery relays, which keep everyone's profile.
  const profiles = createProfileDirectory({ pool: pool(), store: events(), relays: () => [...new Set([...readUrls(client.relays()), ...discoveryRelaysFor(client)])], stalled: client.stalled });
  startupMark('store-open');
  const nip05 = nip05For(client);
  const mutes = createMuteState(client);
  const quotes = createQuoteDirectory({ pool: pool(), store: events(), relays: () => allUrls(client.relays()), ownPubkey: client.publicKey(), stalled: client.stalled });
  let closed = false;
  const dms = wireDms(client, () => closed);
  /** Told when the relays panel changed the relays: the shown feed is opened again with them. */
  const relayListeners = new Set<() => void>();
  /** Relays that stalled during this run: views opened later do not wait for them again (src/client/window.ts). */
  const stalled = client.stalled;
  const followList = wireFollows(client, { publicKey: () => publicKey, closed: () => closed });
  const openFor = (kind: FeedKind, follows: readonly string[]): FeedLike => {
    if (kind === 'notifications') return notifying.feed() ?? emptyFeed();
    if (kind === 'home' && follows.length > 0) {
      // The user's own notes and reposts belong in Home too (issue 10).
      const authors = [...follows, ...(publicKey ? [publicKey] : [])];
      const home = feed(homeFilters(authors, since(), FEED_LIMIT));
      // Each author also where they write (NIP-65), unless --relay named the relays for this run.
      const route = (people: string[]) => {
        if (!relayOverride) void routeFeed(client, home, people, { kinds: [...HOME_KINDS], since: since(), limit: FEED_LIMIT }, stalled).catch(() => {});
      };
      route(authors);
      return Object.assign(home, {
        followed: (pubkeys: readonly string[]) => {
          home.extend(homeFilters([...pubkeys], since(), FEED_LIMIT));
          route([...pubkeys]);
        },
        unfollowed: (pubkey: string) => home.exclude(pubkey),
      });
    }
    if (kind === 'home' || kind === 'messages') return emptyFeed();
    return feed(globalFilters(since(), FEED_LIMIT, undefined, publicKey));
  };
  // Notifications (in Mentions' place) and counts on notes: src/ui/wire-notifications.ts.
  const notifying = wireNotifications({ client, publicKey: () => publicKey, events, window: () => ({ since: since(), limit: FEED_LIMIT }) });
  /** The feed the app will ask for first, opened while Ink loads. */
  let early: { key: string; feed: FeedLike } | undefined;
  const since = () => unixNow(client.clock) - FEED_WINDOW_SEC;
  const feed = (filters: ReturnType<typeof globalFilters>): Feed & FeedLike =>
    // Named relays are paged one by one when their answer may have been cut by a cap (src/client/window.ts).
    openFeed({ pool: pool(), clock: client.clock, store: events(), stalled }, filters, {
      relays: readUrls(client.relays()),
    });

  return {
    clock: client.clock,
    publicKey: () => publicKey,
    keyLocation: keyStore.file,
    async createKey() {
      const secretKey = generateSecretKey();
      const pubkey = derivePublicKey(secretKey);
      // Only where there is still no key: one a command stored meanwhile is never replaced.
      keyStore.save({ pubkey, secret: { type: 'plain', secretKey } }, { over: undefined });
      publicKey = pubkey;
      return pubkey;
    },
    relays: () => client.relays(),
    relayConfig: relayConfigFor(client, config, keyStore, () => {
      dms.relaysChanged();
      for (const listener of relayListeners) listener();
    }),
    onRelaysChanged(listener) {
      relayListeners.add(listener);
      return () => void relayListeners.delete(listener);
    },
    relayStatus: () => pool().status(),
    onRelayStatus: (listener) => pool().onStatus(listener),
    follows: followList.follows,
    knownFollows: followList.knownFollows,
    onFollowsUpdated: followList.onFollowsUpdated,
    openFeed(kind, follows) {
      const key = `${kind}:${follows.join(',')}`;
      if (early?.key === key) {
        const opened = early.feed;
        early = undefined;
        return opened;
      }
      return openFor(kind, follows);
    },
    async openFirstFeedEarly() {
      // No follow list cached (a first start): while the relays are asked for it, Global, what
      // someone following nobody is shown, is asked for too rather than after their answer, so
      // the first notes come one round trip sooner. A list found closes it (a read, never shown).
      // The list is asked for first: a relay answers in order, and its one-event answer is not
      // then queued behind Global's notes, which wait for the list to be shown.
      const asked = this.follows();
      const global = publicKey && !followList.cached(publicKey) ? openFor('global', []) : undefined;
      const follows = await asked;
      const kind: FeedKind = follows.length > 0 ? 'home' : 'global';
      if (closed) return global?.close();
      if (kind === 'global' && global) early = { key: 'global:', feed: global };
      else {
        global?.close();
        early = { key: `${kind}:${follows.join(',')}`, feed: openFor(kind, follows) };
      }
      await hasNotes(early.feed);
    },
    openAuthorFeed: (pubkey) => feed([{ kinds: [...HOME_KINDS], authors: [pubkey], limit: 100 }]),
    // Issue #15. Muted notes are left out of the results and their counts (the header says how many);
    // a mute added later is applied where every list is drawn (FeedScreen, src/ui/hooks/use-mutes.ts).
    search: (query) =>
      openSearchFeed(
        { clock: client.clock, me: client.publicKey(), pool: pool(), relays: searchRelaysFor(client), ...(events() ? { store: events()! } : {}) },
        { text: query, limit: FEED_LIMIT, hide: (event) => isMutedEvent(event, mutes.current()) },
      ),
    openHashtagFeed: (tag) => feed(hashtagFilters([tag], since(), FEED_LIMIT)),
    // A relay that stalled this run is not waited for: the thread shows when the others have answered.
    fetchThread: (event: Event) => fetchThread(pool(), event, { relays: readUrls(client.relays()), stalled, store: events(), clock: client.clock }),
    cachedThread: (event: Event) => cachedThread(events(), event),
    unsent: () => safely(() => new Map(client.store().outbox.pending().map((entry) => [entry.event.id, entry.results])), new Map()),
    onUnsentChange: (listener: () => void) => safely(() => client.store().outbox.onChange(listener), () => {}),
    relayHint: (id: string) => safely(() => events()?.relaysOf?.([id]).get(id)?.[0], undefined),
    ...wireBookmarks(client, feed),
    authorOf: (id: string) => safely(() => events()?.query([{ ids: [id], limit: 1 }])[0]?.pubkey, undefined),
    // From a minute back: what arrived while the thread was being fetched is not missed.
    watchThread: (event: Event, onreply: (reply: Event) => void) => watchThread(pool(), event, unixNow(client.clock) - 60, onreply, client.clock),
    profiles,
    quotes,
    openUrl: (url) => openUrl(url),
    publish: (template, onSaved) => publishEvent(client, template, { onSaved }),
    interactions: createInteractions({
      clock: client.clock,
      me: () => publicKey,
      cached: (filters) => (closed ? [] : (events()?.query(filters) ?? [])),
      // Every configured relay (the user's own reactions are on their write relays) but one that stalled this run.
      async fetch(filters) {
        // A lookup due after the UI closed must not open a new pool (it would keep the process alive).
        if (closed) return [];
        return (await queryPastStalled(pool(), filters, { relays: allUrls(client.relays()) }, stalled)).events;
      },
      publish: (template) => publishEvent(client, template),
      resend: (event) => resendEvent(client, event as VerifiedEvent),
      deleteNote: (note) => deleteEvent(client, note),
    }),
    dms,
    follow: (pubkey) => follow(client, pubkey),
    unfollow: (pubkey) => unfollow(client, pubkey),
    notifications: notifying.notifications,
    counts: notifying.counts,
    // Issue 13 (people): mutes, NIP-05 and the user's profile.
    mutes,
    nip05,
    resolvePerson: (text, follows) =>
      resolvePublicKey(text, client.publicKey(), () => nip05, (name) =>
        followedNamed(name, { follows, peers: dms.conversations().flatMap((c) => c.peers), pool: pool(), store: events(), relays: readUrls(client.relays()), stalled }),
      ),
    setProfile: (changes, onSaved) => setProfile(client, changes, () => ({ onSaved })),
    async close() {
      if (closed) return;
      closed = true;
      notifying.close();
      followList.close();
      early?.feed.close();
      profiles.close();
      quotes.close();
      dms.close();
      await client.close();
    },
  };
}
