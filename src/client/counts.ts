// Counts on the notes on screen (`↩ 3  ↻ 2  ♥ 14  ⚡ 2.1k`): the ids asked for
// within a few ms are gathered into one `#e` query (NIP-01) for replies,
// reposts, reactions and zap receipts, answered by the cache at once and by the
// relays through a subscription that stays open, so the counts update live.
// Only verified events reach here (the pool verifies; the cache holds verified events).
import type { Event, Filter } from 'nostr-tools';
import { COUNTED_KINDS, NoteCounter, type NoteCounts } from '../core/notifications-counts.js';
import { deletedIds } from '../core/deletion.js';
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
  /** How long `request` gathers ids into one query, ms. */
  batchMs?: number;
}

export interface Counts {
  /** The note's counts without what `mutes` hides (muted people, replies with a muted word or hashtag). */
  get(noteId: string, mutes?: MuteSet): NoteCounts;
  /** Counts these notes (each once; batched). */
  request(noteIds: Iterable<string>): void;
  /** The user's own deletion request, just published: their deleted replies stop counting. */
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

export function createCounts(deps: CountsDeps): Counts {
  const counter = new NoteCounter(deps.me());
  const tracked = new RecentMap<string, true>(MAX_COUNTED_NOTES, (note) => counter.forget(note));
  const listeners = new Set<() => void>();
  const live: Array<{ close(): void }> = [];
  let batch: string[] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let changed: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  // Listeners hear once per burst (a relay's answer is many events).
  const notifySoon = () => {
    if (changed || closed) return;
    changed = setTimeout(() => {
      changed = undefined;
      for (const listener of listeners) listener();
    }, 16);
  };
  const take = (event: Event) => {
    if (counter.add(event, tracked)) notifySoon();
  };
  const flush = () => {
    timer = undefined;
    const ids = batch ?? [];
    batch = undefined;
    if (closed) return;
    for (const group of inGroupsOf(ids, IDS_PER_FILTER)) {
      const filters: Filter[] = [{ kinds: [...COUNTED_KINDS], '#e': group }];
      try {
        for (const event of deps.cached(filters)) take(event);
      } catch {
        // The cache is a speed-up only.
      }
      live.push(deps.subscribe(filters, take));
      while (live.length > LIVE_SUBSCRIPTIONS) live.shift()!.close();
    }
  };

  return {
    get: (id, mutes) => counter.get(id, mutes),
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
    withdraw(request) {
      if (request.pubkey === deps.me() && counter.withdraw(deletedIds(request)).length > 0) notifySoon();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (changed) clearTimeout(changed);
      for (const subscription of live.splice(0)) subscription.close();
    },
  };
}
