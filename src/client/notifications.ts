// The user's notifications as a service both faces use: one live feed of what
// tags the user (NIP-01 `#p`) from their read (inbox, NIP-65) relays and the
// cache, classified (src/core/notifications.ts); the notes they are about,
// looked up in the cache and then on the relays; and the unread count, against
// the newest notification seen, kept in the local store across restarts.
import type { Event, Filter } from 'nostr-tools';
import { unixNow, type Clock } from '../core/clock.js';
import { classify, notificationFilters, unreadCount, type Notification } from '../core/notifications.js';
import { FUTURE_SKEW_SEC } from '../core/timeline.js';
import type { RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import type { NotificationsSeen } from '../store/notifications-seen.js';
import { openFeed, type Feed } from './feed.js';
import type { StalledRelays } from './stalled-relays.js';
import { isHex64 } from '../core/event-shape.js';
import { DELETION_KIND } from '../core/deletion.js';
import { safely } from '../core/safely.js';
import { IDS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';

export interface NotificationsDeps {
  pool: RelayPool;
  clock: Clock;
  store?: EventStore | undefined;
  seen?: NotificationsSeen | undefined;
  /** The user's public key (hex). */
  me: string;
  /** The user's read relays (their inbox, NIP-65), where others tag them. */
  readRelays: string[];
  /** Relays that hold the user's own notes (their write relays), for the notes notifications are about. */
  noteRelays: string[];
  stalled?: StalledRelays;
}

/** The notifications among a feed's entries (newest first). */
export function notificationsIn(entries: { readonly length: number; at(i: number): { event: Event } | undefined }, me: string): Notification[] {
  const found: Notification[] = [];
  for (let i = 0; i < entries.length; i++) {
    const n = classify(entries.at(i)!.event, me);
    if (n) found.push(n);
  }
  return found;
}

/**
 * The notes these ids name, from the cache and then the relays that hold the
 * user's notes (answered once). Only events whose id was asked for are kept.
 */
export async function lookUpNotes(deps: Pick<NotificationsDeps, 'pool' | 'store' | 'noteRelays' | 'readRelays'>, ids: Iterable<string>): Promise<Map<string, Event>> {
  const wanted = [...new Set([...ids].filter((id) => isHex64(id)))];
  const found = new Map<string, Event>();
  if (wanted.length === 0) return found;
  const filters: Filter[] = [{ ids: wanted }];
  try {
    for (const event of deps.store?.query(filters) ?? []) found.set(event.id, event);
  } catch {
    // The cache is a speed-up only.
  }
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length === 0) return found;
  const relays = [...new Set([...deps.noteRelays, ...deps.readRelays])];
  const { events } = await deps.pool.query([{ ids: missing }], { relays });
  const asked = new Set(missing);
  const fresh = events.filter((event) => asked.has(event.id));
  for (const event of fresh) found.set(event.id, event);
  try {
    deps.store?.putMany(fresh);
  } catch {
    // The cache is a speed-up only.
  }
  return found;
}

export interface NotificationsService {
  /** The live feed of events tagging the user; its timeline holds them newest first. */
  feed: Feed;
  /** The notifications held, newest first. */
  list(): Notification[];
  /** Notifications newer than the newest one seen. */
  /** Notifications newer than the newest one seen, except those `hidden` says (muted people, words, tags). */
  unread(hidden?: (event: Event) => boolean): number;
  /** The newest notification seen (unix seconds). */
  seenAt(): number;
  /** Everything up to `at` (unix seconds; default: the newest held) was seen; remembered across restarts. */
  markSeen(at?: number): void;
  /** A note a notification is about, once looked up. */
  note(id: string): Event | undefined;
  /** Looks up the notes these notifications are about (batched; each once). */
  requestNotes(ids: Iterable<string>): void;
  /** Called when notifications, notes or the unread count change; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Once the feed settled: the relays were asked for deletion requests of what it holds, and those found applied. */
  deletionsChecked: Promise<void>;
  close(): void;
}

/** How long new notifications gather before their deletion requests are asked for, ms. */
const DELETION_CHECK_MS = 2_000;

/** `hide`: events that notify nobody (the one-shot command's mutes; the UI hides them as it draws). */
export function createNotifications(deps: NotificationsDeps, window: { since: number; limit: number; hide?: (event: Event) => boolean }): NotificationsService {
  const feed = openFeed(
    { pool: deps.pool, clock: deps.clock, store: deps.store, ...(deps.stalled ? { stalled: deps.stalled } : {}) },
    notificationFilters(deps.me, window.since, window.limit),
    { relays: deps.readRelays, ...(window.hide ? { hide: window.hide } : {}) },
  );
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const notes = new Map<string, Event>();
  const asked = new Set<string>();
  let seenAt = safely(() => deps.seen?.get(deps.me) ?? 0, 0);
  let cached: { view: unknown; list: Notification[] } | undefined;
  const list = (): Notification[] => {
    const view = feed.timeline.view();
    if (cached?.view !== view) cached = { view, list: notificationsIn(view, deps.me) };
    return cached.list;
  };
  let pending: Set<string> | undefined;
  let closed = false;

  // NIP-09: a reply or mention its author deleted is gone from relays that honour the request, but
  // the cache, which paints first, may still hold it. So the relays are asked for deletion requests
  // naming what is held (by its `e` tag), and those found remove it (only its author's count).
  const checked = new Set<string>();
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  /** The read relays that answered the feed: one that stalled is not waited for again. */
  let answering: string[] = [];
  const checkDeletions = async (): Promise<void> => {
    checkTimer = undefined;
    const ids = list()
      .map((n) => n.event.id)
      .filter((id) => !checked.has(id));
    if (closed || ids.length === 0 || answering.length === 0) return;
    for (const id of ids) checked.add(id);
    const filters: Filter[] = inGroupsOf(ids, IDS_PER_FILTER).map((group) => ({ kinds: [DELETION_KIND], '#e': group }));
    const { events } = await deps.pool.query(filters, { relays: answering });
    let removed = 0;
    for (const event of events) if (event.kind === DELETION_KIND) removed += feed.timeline.applyDeletion(event);
    if (removed > 0 && !closed) notify();
  };
  let settled = false;
  const deletionsChecked = feed.settled
    .then((outcomes) => {
      settled = true;
      answering = outcomes.filter((outcome) => outcome.eose).map((outcome) => outcome.url);
      return checkDeletions();
    })
    .catch(() => {});
  // Notifications that come later (live, or an older window) are checked in batches.
  const offFeed = feed.onChange(() => {
    notify();
    if (settled && !checkTimer && !closed) checkTimer = setTimeout(() => void checkDeletions().catch(() => {}), DELETION_CHECK_MS);
  });
  const flush = () => {
    const ids = [...(pending ?? [])];
    pending = undefined;
    if (closed) return;
    lookUpNotes(deps, ids).then(
      (found) => {
        for (const [id, event] of found) notes.set(id, event);
        if (found.size > 0 && !closed) notify();
      },
      () => {},
    );
  };
  return {
    feed,
    list,
    deletionsChecked,
    seenAt: () => seenAt,
    unread: (hidden) => {
      const shown = hidden ? list().filter((n) => !hidden(n.event)) : list();
      return unreadCount(shown, seenAt, unixNow(deps.clock) + FUTURE_SKEW_SEC);
    },
    markSeen(at) {
      const newest = at ?? list()[0]?.event.created_at ?? 0;
      const stored = safely(() => deps.seen?.mark(deps.me, newest) ?? Math.max(seenAt, newest), Math.max(seenAt, newest));
      if (stored !== seenAt) {
        seenAt = stored;
        notify();
      }
    },
    note: (id) => notes.get(id) ?? feed.timeline.get(id),
    requestNotes(ids) {
      for (const id of ids) {
        if (asked.has(id) || !isHex64(id)) continue;
        asked.add(id);
        if (!pending) {
          pending = new Set();
          setTimeout(flush, 30);
        }
        pending.add(id);
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      if (checkTimer) clearTimeout(checkTimer);
      offFeed();
      feed.close();
    },
  };
}
