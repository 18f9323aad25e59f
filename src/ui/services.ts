// What the UI needs from the rest of the program, as one interface passed in
// through context: the real wiring (src/ui/wire.ts) builds it from the client
// services, UI tests pass an in-memory one. Nothing in src/ui opens a socket or a file.
import type { Event, EventTemplate } from 'nostr-tools';
import type { Clock } from '../core/clock.js';
import type { Interactions } from '../client/interactions.js';
import type { Profile } from '../client/profiles.js';
import type { QuoteRef } from '../core/quotes.js';
import type { RelayEdit } from '../client/relay-list.js';
import type { PublishResult, RelaySpec, RelayStatus } from '../net/types.js';
import type { FeedKind } from './navigation.js';
import type { NoteCounts } from '../core/notifications-counts.js';
import type { MuteEntry, MuteSet } from '../core/mutes.js';
import type { ProfileChanges } from '../core/profile-edit.js';
import type { SearchSources } from '../client/search-feed.js';
import type { ThreadResult } from '../client/thread.js';

export interface TimelineEntryLike {
  event: Event;
  seenOn: string[];
}

/** A sorted snapshot read entry by entry; a readonly array is one. */
export interface TimelineViewLike {
  readonly length: number;
  at(index: number): TimelineEntryLike | undefined;
}

/** The part of the timeline model (src/core/timeline.ts) the UI reads. */
export interface TimelineLike {
  /** Newest first: created_at descending, then id ascending; a new identity after additions. */
  view(): TimelineViewLike;
  add(event: Event, relay?: string): boolean;
  /** The event with this id, when held. */
  get?(id: string): Event | undefined;
  /** NIP-09: drops the request author's events it names (the user deleted a note). */
  applyDeletion?(request: Event): number;
}

/** A live feed (src/client/feed.ts). */
export interface FeedLike {
  timeline: TimelineLike;
  /** Batched: called at most once per burst of events. */
  onChange(listener: () => void): () => void;
  /** Every relay answered (EOSE), timed out or failed. */
  settled: Promise<unknown>;
  /** The next window below the oldest note shown; `end` when the relays hold nothing older. */
  loadOlder?(): Promise<{ found: number; end: boolean }>;
  /** Home only: the user followed these people (here, or on another device); their notes join this feed now. */
  followed?(pubkeys: readonly string[]): void;
  /** Home only: the user unfollowed someone; their notes leave this feed now. */
  unfollowed?(pubkey: string): void;
  close(): void;
}

/** The Bookmarks view's feed: why it may not show the relays' list (still reading it, none answered). */
export interface BookmarksFeedLike extends FeedLike {
  problem(): string | undefined;
}

export interface ProfilesLike {
  get(pubkey: string): Profile | undefined;
  request(pubkeys: Iterable<string>): void;
  /** Asks the relays again, known or not (a profile opened); the known one stays shown meanwhile. */
  refresh?(pubkeys: Iterable<string>): void;
  /** The user's own kind-0, just published: shown at once. */
  learn(event: Event): void;
  onChange(listener: () => void): () => void;
}

/** Quoted notes (issue #13, src/client/quotes.ts): null when no relay had one, undefined while fetched. */
export interface QuotesLike {
  get(id: string): Event | null | undefined;
  request(refs: Iterable<QuoteRef>): void;
  onChange(listener: () => void): () => void;
}

export interface PublishOutcome {
  event: Event;
  results: PublishResult[];
}

/** A bookmarks edit: the per-relay results, or why nothing needed publishing. */
export interface BookmarkOutcome {
  results: PublishResult[];
  unchanged?: 'already-bookmarked' | 'not-bookmarked' | 'bookmarked-privately';
}

/** A follow-list edit: the per-relay results, or why nothing needed publishing. */
export interface FollowOutcome {
  results: PublishResult[];
  unchanged?: 'self' | 'already-following' | 'not-following';
}

/** A relay edit as the panel reports it: the config change and what became of the published list. */
export type RelayEditShown = RelayEdit & { list?: string; failed?: boolean };

/**
 * An edit refused because the published relay list could not be known (no relay answered):
 * `why`, and `local()`, the same edit to config.json only (the command's --local), made only
 * when the user says yes.
 */
export interface ListUnknownError extends Error {
  why: string;
  local(): RelayEditShown;
}

/** The relay list in the config file and its edits: the same code as `nostr-tui relay add/remove`. */
export interface RelayConfigLike {
  list(): RelaySpec[];
  /**
   * Adds the relay, or sets its markers when listed; with a secret key also publishes the
   * relay list (kind 10002). Throws (or rejects) with a message for people: a bad URL, or the
   * list could not be known (a ListUnknownError), in which case nothing changed.
   */
  set(url: string, marks: { read: boolean; write: boolean }): RelayEditShown | Promise<RelayEditShown>;
  remove(url: string): RelayEditShown | Promise<RelayEditShown>;
  /** `--relay` replaced the list for this run: edits apply from the next start without it. */
  overridden: boolean;
}

/** The user's notifications beyond the feed itself (src/client/notifications.ts): unread count and the notes they are about. */
export interface NotificationsLike {
  /** Notifications newer than the newest one seen (the header's `Notifications 3`), those `hidden` says aside (muted). */
  unread(hidden?: (event: Event) => boolean): number;
  /** The newest notification seen so far (unix seconds). */
  seenAt?(): number;
  /** Everything shown was seen, up to `at` (default: the newest); remembered across restarts. */
  markSeen(at?: number): void;
  /** A note a notification is about, once looked up. */
  note(id: string): Event | undefined;
  requestNotes(ids: Iterable<string>): void;
  onChange(listener: () => void): () => void;
}

/** Replies, reposts, reactions and zaps counted per note (src/client/counts.ts). */
export interface CountsLike {
  /** Without what `mutes` hides (muted people, replies with a muted word or hashtag). */
  get(noteId: string, mutes?: MuteSet): NoteCounts;
  request(noteIds: Iterable<string>): void;
  /** The user's own deletion request, just published: their deleted replies stop counting. */
  withdraw?(request: Event): void;
  onChange(listener: () => void): () => void;
}

/** One private message as the UI shows it (decrypted in memory only). */
export interface DmLike {
  id: string;
  from: string;
  created_at: number;
  content: string;
  mine: boolean;
}

export interface ConversationLike {
  /** The other members, sorted (the user alone for notes to self). */
  peers: string[];
  lastAt: number;
  last: DmLike;
  unread: number;
}

/** Private messages (NIP-17): loaded on first use, then live. */
export interface DmsLike {
  conversations(): ConversationLike[];
  /** One conversation's messages, oldest first. */
  thread(peers: readonly string[]): DmLike[];
  /** After each batch of new messages (and once loading is done). */
  onChange(listener: () => void): () => void;
  /** True once the first load finished (or failed). */
  loaded(): boolean;
  /** Why messages cannot be shown (no key, a read-only key…), when so. */
  problem(): string | undefined;
  /**
   * Seals, wraps and publishes through the outbox; resolves with a line for the footer. Refuses
   * people with no DM relay list (`noDmRelayList` names them) unless `toReadRelays` is set.
   * `onSaved`: told once it is saved in the outbox and shown in the chat, before the relays answer.
   */
  send(
    peers: readonly string[],
    text: string,
    opts?: { toReadRelays?: boolean; onSaved?(): void },
  ): Promise<{ ok: boolean; text: string; noDmRelayList?: readonly string[] }>;
  markRead(ids: readonly string[]): void;
}

/** The mute list as the UI holds it (src/client/mutes.ts createMuteState). */
export interface MutesLike {
  current(): MuteSet;
  onChange(listener: () => void): () => void;
  mute(entry: MuteEntry): Promise<{ results: PublishResult[]; unchanged?: 'self' | 'already-muted' | 'not-muted' | 'muted-privately' }>;
}

/** Which notes are on the user's bookmark list, for the `⚑` after a note's header (src/ui/bookmarks-wire.ts). */
export interface SavedNotesLike {
  has(id: string): boolean;
  /** The first subscriber has the list read (the local copy, then the relays' newest); returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface Nip05Like {
  verify(address: string, pubkey: string): Promise<boolean>;
  /** The remembered answer, when there is one (for a first frame without a flash). */
  known?(address: string, pubkey: string): boolean | undefined;
}

export interface UiServices {
  clock: Clock;
  /** The user's public key (hex); undefined until they have a key. */
  publicKey(): string | undefined;
  /** Where the key is (or would be) stored, for the first-run offer. */
  keyLocation: string;
  /** Creates and stores a new key; resolves with its public key. */
  createKey(): Promise<string>;
  relays(): RelaySpec[];
  /** Edits of the configured relays (the relays panel), used at once (the pool, then the shown feed reopened). */
  relayConfig?: RelayConfigLike;
  relayStatus(): RelayStatus[];
  onRelayStatus(listener: (status: RelayStatus[]) => void): () => void;
  /** Called after the relays panel changed the relays this run uses; returns an unsubscribe. */
  onRelaysChanged?(listener: () => void): () => void;
  /** The user's follow list (newest kind 3); empty with no key. */
  follows(): Promise<string[]>;
  /** The follow list when start-up's lookup has already finished (so the first frame can show the feed); else undefined. */
  knownFollows?(): string[] | undefined;
  /**
   * Told the relays' follow list when it turns out newer than the one Home opened from (someone
   * followed or unfollowed on another device, before this run or during it); a listener added
   * later is told the last one at once. Returns an unsubscribe.
   */
  onFollowsUpdated?(listener: (follows: string[]) => void): () => void;
  openFeed(kind: FeedKind, follows: readonly string[]): FeedLike;
  /** One author's recent notes, for the profile screen. */
  openAuthorFeed(pubkey: string): FeedLike;
  /** The thread from the cache and the relays, and how each relay answered (src/client/thread.ts). */
  fetchThread(event: Event): Promise<ThreadResult>;
  /** What the cache holds of the thread, drawn at once, before the relays answer. */
  cachedThread?(event: Event): Event[];
  /** A relay that delivered this event (the cache records them), for the relay hint of a reply, like or repost. */
  relayHint?(id: string): string | undefined;
  /** Saves the note to the user's bookmarks (NIP-51), from the list's newest copy; `unbookmark` takes it off. */
  bookmark?(note: Event, relay: string): Promise<BookmarkOutcome>;
  unbookmark?(id: string): Promise<BookmarkOutcome>;
  /** The author of a note the cache holds: a quoted note1 does not say it (NIP-18 `q`, and `p` to tell them). */
  authorOf?(id: string): string | undefined;
  /** Replies arriving while a thread is open (some may already be known); returns a stop function. */
  watchThread?(event: Event, onreply: (reply: Event) => void): () => void;
  profiles: ProfilesLike;
  /**
   * Signs, saves to the outbox, then publishes (the same path as `nostr-tui post`); `onSaved` is
   * told once it is saved (safe), before the relays answer.
   */
  publish(template: EventTemplate, onSaved?: (event: Event) => void): Promise<PublishOutcome>;
  follow(pubkey: string): Promise<FollowOutcome>;
  unfollow(pubkey: string): Promise<FollowOutcome>;
  /** The user's signed events no relay has accepted yet (the outbox), each with its last results: marked `not sent`. */
  unsent?(): ReadonlyMap<string, readonly PublishResult[]>;
  /** Told when the outbox changes in this process (a save, an attempt, a drop). */
  onUnsentChange?(listener: () => void): () => void;
  /** Likes and reposts with state, their undo, and deleting own notes (src/client/interactions.ts). */
  interactions?: Interactions;
  /** Notifications' unread count and notes (issue 13); the list itself is `openFeed('notifications')`. */
  notifications?: NotificationsLike;
  /** Counts on the notes on screen (issue 13). */
  counts?: CountsLike;
  /** Quoted notes shown boxed inside the notes quoting them (issue #13). */
  quotes?: QuotesLike;
  /** Opens a web link with the system's opener (issue #13); the URL is already validated. */
  openUrl?(url: string): Promise<void>;
  /** Private messages; absent: the Messages view says they are not available. */
  dms?: DmsLike;
  /** The user's mute list (NIP-51 kind 10000): what every view hides, and `m`. */
  mutes?: MutesLike;
  /** NIP-05 checks (src/client/nip05.ts): an address is shown only once verified. */
  nip05?: Nip05Like;
  /**
   * The hex key a typed npub, nprofile, hex or name@domain names (NIP-05 over HTTPS); a secret key
   * is refused. Anything else is the name of one of `follows` (their newest profiles on the relays).
   */
  resolvePerson?(text: string, follows?: readonly string[]): Promise<string>;
  /** Publishes the user's profile with these fields changed, from the newest copy on the relays (`e`, as `profile set`). */
  /** Edits the newest copy on the relays; `onSaved` as for `publish`. */
  /** `unchanged`: the newest profile on the relays already said it; nothing was sent. */
  setProfile?(changes: ProfileChanges, onSaved?: (event: Event) => void): Promise<PublishOutcome & { unchanged?: true }>;
  /** Search (issue #15): the cache's hits at once, then the search relays' (NIP-50). */
  search?(query: string): SearchFeedLike;
  /** Notes with this hashtag (`#t`), from everyone on the user's relays. */
  openHashtagFeed?(tag: string): FeedLike;
  /** The user's bookmarked notes (`B`), by the relays' newest list (src/client/bookmarks-feed.ts). */
  openBookmarksFeed?(): BookmarksFeedLike;
  /** Called after each bookmark or unbookmark published (the Bookmarks view reads the list again); returns an unsubscribe. */
  onBookmarksChanged?(listener: () => void): () => void;
  /** The notes on the user's bookmark list, marked in every list. */
  savedNotes?: SavedNotesLike;
  /** Warnings the services would print on stderr (a damaged cache, …), shown in the footer instead while the UI runs. */
  onNotice?(listener: (text: string) => void): () => void;
}

/** A search's results as a feed, and where they came from (src/client/search-feed.ts). */
export interface SearchFeedLike extends FeedLike {
  readonly query: string;
  sources(): SearchSources;
}
