// Counts on the notes on screen (`↩ 3  ↻ 2  ♥ 14  ⚡ 2.1k`): the ids asked for
// within a few ms are gathered into one `#e` query (NIP-01) for replies,
// reposts, reactions and zap receipts, answered by the cache at once and by the
// relays through a subscription that stays open, so the counts update live.
// Only verified events reach here (the pool verifies; the cache holds verified events).
// What its author withdrew does not count, as the thread does not show it: one
// expired (NIP-40), or deleted (NIP-09) by a request in the cache or on any read
// relay, which may not be the relay that still sends the event. A request names
// the event it deletes, not the note, so the requests are asked for by the ids
// of what was counted: at once from the cache, and from the relays in batches.
import type { Event, Filter } from 'nostr-tools';
import { COUNTED_KINDS, NoteCounter, type NoteCounts } from '../core/notifications-counts.js';
import { DELETION_KIND, deletionRequestFilters } from '../core/deletion.js';
import { systemClock, unixNow, type Clock } from '../core/clock.js';
import { isHex64 } from '../core/event-shape.js';
import { RecentMap } from '../core/recent.js';
import type { MuteSet } from '../core/mutes.js';
import { IDS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';

export interface CountsDeps {
  /** The user's key, whose own likes and reposts are marked. */
  me(): string | undefined;
  /** The cache's answer; [] when there is none. */
  cached(filters: Filter[]): Event[];
  /** Asks the relays and keeps listening; every verified event found is handed on. */
  subscribe(filters: Filter[], onevent: (event: Event) => void): { close(): void };
  /** Asks the relays once (answered at EOSE): the verified events found. Without it, only the cache's deletion requests apply. */
  query?(filters: Filter[]): Promise<Event[]>;
  /** NIP-40 expirations are judged by it (the system clock when left out). */
  clock?: Clock;
  /** How long `request` gathers ids into one query, ms. */
  batchMs?: number;
  /** How long counted events gather before the relays are asked for their deletion requests, ms. */
  deletionBatchMs?: number;
}

export interface Counts {
  /** The note's counts without what `mutes` hides (muted people, replies with a muted word or hashtag). */
  get(noteId: string, mutes?: MuteSet): NoteCounts;
  /** Counts these notes (each once; batched). */
  request(noteIds: Iterable<string>): void;
  /** A deletion request (NIP-09), e.g. the user's own just published: what it deletes of its author's stops counting. */
  withdraw(request: Event): void;
  onChange(listener: () => void): () => void;
  close(): void;
}

/** Subscriptions kept open for live counts; the oldest is closed past this (relays cap subscriptions per connection). */
const LIVE_SUBSCRIPTIONS = 6;
/**
 * Notes counted at most: past this, the one asked for longest ago is forgotten with its counts
 * (issue #16 item 5: every note that scrolled through a long Global session stayed). A note
 * forgotten and back in view is asked again (the cache answers at once). Far more than a screen
 * holds, and more than the live subscriptions cover (LIVE_SUBSCRIPTIONS × IDS_PER_FILTER).
 */
export const MAX_COUNTED_NOTES = 2_000;
/**
 * Counted events whose deletion requests one query asks for at most (one filter per
 * IDS_PER_FILTER of them, as relays cap a filter's lists): a popular note's thousands of likes
 * are asked for in turns, one query at a time, not in one REQ too big for a relay to take.
 */
const CHECKED_PER_QUERY = 10 * IDS_PER_FILTER;

export function createCounts(deps: CountsDeps): Counts {
  const counter = new NoteCounter(deps.me());
  const tracked = new RecentMap<string, true>(MAX_COUNTED_NOTES, (note) => counter.forget(note));
  const listeners = new Set<() => void>();
  const live: Array<{ close(): void }> = [];
  const now = () => unixNow(deps.clock ?? systemClock);
  let batch: string[] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let changed: ReturnType<typeof setTimeout> | undefined;
  /** Counted events whose deletion requests the relays were not asked for yet. */
  let unchecked: Event[] = [];
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let checking = false;
  let closed = false;

  // Listeners hear once per burst (a relay's answer is many events).
  const notifySoon = () => {
    if (changed || closed) return;
    changed = setTimeout(() => {
      changed = undefined;
      for (const listener of listeners) listener();
    }, 16);
  };
  const withdraw = (requests: Iterable<Event>) => {
    let any = false;
    for (const request of requests) if (request.kind === DELETION_KIND && counter.withdraw(request).length > 0) any = true;
    if (any) notifySoon();
  };
  const fromCache = (filters: Filter[]): Event[] => {
    try {
      return deps.cached(filters);
    } catch {
      return []; // The cache is a speed-up only.
    }
  };
  /** Counts the event; true when it counted (then its deletion requests are still to be asked for). */
  const count = (event: Event): boolean => {
    if (!counter.add(event, tracked, now())) return false;
    notifySoon();
    return true;
  };
  // One query at a time, each for what gathered meanwhile: a screenful costs a query or two, not one per event.
  const check = async () => {
    checkTimer = undefined;
    if (closed || checking || unchecked.length === 0) return;
    const events = unchecked.slice(0, CHECKED_PER_QUERY);
    unchecked = unchecked.slice(CHECKED_PER_QUERY);
    const filters = deletionRequestFilters(events);
    checking = true;
    try {
      withdraw(fromCache(filters));
      if (deps.query) withdraw(await deps.query(filters));
    } catch {
      // Not asked this time: the counts stay as the relays' events have them.
    } finally {
      checking = false;
    }
    if (unchecked.length > 0) scheduleCheck();
  };
  const scheduleCheck = () => {
    if (!checkTimer && !closed) checkTimer = setTimeout(() => void check(), deps.deletionBatchMs ?? 1_000);
  };
  const take = (event: Event) => {
    if (!count(event)) return;
    unchecked.push(event);
    scheduleCheck();
  };
  const flush = () => {
    timer = undefined;
    const ids = batch ?? [];
    batch = undefined;
    if (closed) return;
    for (const group of inGroupsOf(ids, IDS_PER_FILTER)) {
      const filters: Filter[] = [{ kinds: [...COUNTED_KINDS], '#e': group }];
      // The cache hands out nothing it knows deleted or expired (src/store); the relays may know more.
      const counted = fromCache(filters).filter(count);
      unchecked.push(...counted);
      if (counted.length > 0) scheduleCheck();
      live.push(deps.subscribe(filters, take));
      while (live.length > LIVE_SUBSCRIPTIONS) live.shift()!.close();
    }
  };

  return {
    get: (id, mutes) => counter.get(id, mutes, now()),
    request(ids) {
      if (closed) return;
      for (const id of ids) {
        // Asked again (still in view): it moves to the end of the line, so it is not forgotten.
        if (!isHex64(id) || tracked.touch(id)) continue;
        tracked.set(id, true);
        (batch ??= []).push(id);
      }
      if (batch && !timer) timer = setTimeout(flush, deps.batchMs ?? 30);
    },
    withdraw: (request) => withdraw([request]),
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (changed) clearTimeout(changed);
      if (checkTimer) clearTimeout(checkTimer);
      unchecked = [];
      for (const subscription of live.splice(0)) subscription.close();
    },
  };
}
