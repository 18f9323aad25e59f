// Everything needed to show a note's thread (NIP-10): its root, the chain of
// parents up to the root, and the replies. Replies tag the root (NIP-10 marked
// tags), so one query for "#e = root" finds most of them; the parents are
// fetched by id, a level at a time, for the ones the replies query missed.
// The cache paints first (cachedThread); the relays complete it, never cut it.
// What its author withdrew leaves the thread: a reply deleted by a request on
// another relay, or known only to the cache (NIP-09), and one expired (NIP-40).
import type { Event, Filter } from 'nostr-tools';
import { systemClock, unixNow, type Clock } from '../core/clock.js';
import { deletedKeys, deletionRequestFilters } from '../core/deletion.js';
import { isExpired } from '../core/expiration.js';
import { safely } from '../core/safely.js';
import { parentId, rootId } from '../core/thread.js';
import type { RelayOutcome, RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { queryPastStalled, type StalledRelays } from './stalled-relays.js';
import { fetchWindow } from './window.js';

/** Replies asked for per request; more come in further pages. */
const REPLIES_PER_PAGE = 500;
/** How many rounds of missing parents are asked for before giving up. */
const MAX_PARENT_ROUNDS = 4;

export interface ThreadOptions {
  eoseTimeoutMs?: number;
  /** The relays to ask (the pool's read relays when left out). */
  relays?: string[];
  /** Relays that stalled this run (src/client/stalled-relays.ts): not waited for; one that stalls here is added. */
  stalled?: StalledRelays;
  /** The cache: what it holds of the thread is there from the start, and the deletion requests it keeps count. */
  store?: EventStore | undefined;
  /** NIP-40 expirations are judged by it (the system clock when left out). */
  clock?: Clock;
}

export interface ThreadResult {
  /** The focus, and the thread's other notes but those withdrawn by their authors (deleted, expired). */
  events: Event[];
  /** How each relay asked for the replies answered (in the order given): which did not. */
  relays: RelayOutcome[];
}

/** The ids NIP-10 tags point up to (the root and the parent), and the ones replies point at. */
const upwards = (focus: Event) => [...new Set([rootId(focus), parentId(focus)].filter((id): id is string => !!id && id !== focus.id))];
const repliesTo = (focus: Event) => [...new Set([rootId(focus), focus.id])];

/** Parents on the chain above the focus that `byId` lacks; other missing parents are shown as orphans. */
function missingParents(byId: Map<string, Event>, focus: Event): string[] {
  const chain = new Set<string>();
  for (let at: Event | undefined = focus; at; ) {
    const up = parentId(at);
    if (!up || chain.has(up)) break;
    chain.add(up);
    at = byId.get(up);
  }
  return [...chain].filter((id) => !byId.has(id));
}

/**
 * What the cache holds of a note's thread, at once and without a relay: its parents up to the
 * root and the replies. The cache left out what it knows deleted or expired.
 */
export function cachedThread(store: EventStore | undefined, focus: Event): Event[] {
  const byId = new Map<string, Event>([[focus.id, focus]]);
  if (!store) return [focus];
  const ask = (filters: Filter[]) => safely(() => store.query(filters), []);
  const up = upwards(focus);
  for (const event of ask([...(up.length > 0 ? [{ ids: up }] : []), { kinds: [1], '#e': repliesTo(focus) }])) byId.set(event.id, event);
  for (let round = 0; round < MAX_PARENT_ROUNDS; round++) {
    const wanted = missingParents(byId, focus);
    const found = wanted.length > 0 ? ask([{ ids: wanted }]) : [];
    if (found.length === 0) break;
    for (const event of found) byId.set(event.id, event);
  }
  return [...byId.values()];
}

export async function fetchThread(pool: RelayPool, focus: Event, opts: ThreadOptions = {}): Promise<ThreadResult> {
  const byId = new Map<string, Event>(cachedThread(opts.store, focus).map((event) => [event.id, event]));
  const ids = upwards(focus);
  // The replies are paged from each relay until it has sent them all: a relay that
  // caps its answers (100, 500…) must not cut a long thread silently (src/client/window.ts).
  const replies = fetchWindow({
    pool,
    filters: [{ kinds: [1], '#e': repliesTo(focus), limit: REPLIES_PER_PAGE }],
    eoseTimeoutMs: opts.eoseTimeoutMs,
    relays: opts.relays,
    stalled: opts.stalled,
    stream: false,
    onevent: (event) => byId.set(event.id, event),
    onseen: () => {},
    boundary: () => undefined,
  });
  /** The notes with these ids, from the relays that have not stalled. */
  const byIds = (wanted: string[]) =>
    queryPastStalled(pool, [{ ids: wanted }], { eoseTimeoutMs: opts.eoseTimeoutMs, ...(opts.relays ? { relays: opts.relays } : {}) }, opts.stalled);
  const [first, outcomes] = await Promise.all([ids.length > 0 ? byIds(ids) : undefined, replies.settled]);
  for (const event of first?.events ?? []) byId.set(event.id, event);

  for (let round = 0; round < MAX_PARENT_ROUNDS; round++) {
    const wanted = missingParents(byId, focus);
    if (wanted.length === 0) break;
    const more = await byIds(wanted);
    if (more.events.length === 0) break;
    for (const event of more.events) byId.set(event.id, event);
  }

  const answered = outcomes.filter((outcome) => outcome.eose).map((outcome) => outcome.url);
  const deleted = deletedKeys(await deletionRequests(pool, [...byId.values()], answered, opts));
  const now = unixNow(opts.clock ?? systemClock);
  // The note asked for is shown whatever became of it, as with mutes: the reader named it.
  const kept = [...byId.values()].filter((event) => event.id === focus.id || (!deleted.has(`${event.id}:${event.pubkey}`) && !isExpired(event, now)));
  return { events: kept, relays: outcomes };
}

/**
 * NIP-09 requests by the thread's authors naming its notes, from the cache and the relays that
 * answered, as the timeline asks for its notes' (a relay that still holds a reply may never
 * have heard of the request another relay keeps). Whose request counts is decided by deletedKeys.
 */
async function deletionRequests(pool: RelayPool, events: Event[], relays: string[], opts: ThreadOptions): Promise<Event[]> {
  const filters = deletionRequestFilters(events);
  const cached = opts.store ? safely(() => opts.store!.query(filters), []) : [];
  if (relays.length === 0) return cached;
  const asked = await queryPastStalled(pool, filters, { eoseTimeoutMs: opts.eoseTimeoutMs, relays }, opts.stalled);
  return [...cached, ...asked.events];
}

/**
 * Replies that arrive while a thread is shown: notes tagging its root or the
 * focus, from `since` on (the caller drops the ones it already has); an expired
 * one (NIP-40) is not passed on. Returns a stop function.
 */
export function watchThread(pool: RelayPool, focus: Event, since: number, onreply: (event: Event) => void, clock: Clock = systemClock): () => void {
  const subscription = pool.subscribe([{ kinds: [1], '#e': repliesTo(focus), since }], {
    onevent: (event) => {
      if (!isExpired(event, unixNow(clock))) onreply(event);
    },
  });
  return () => subscription.close();
}
