// Everything needed to show a note's thread (NIP-10): its root, the chain of
// parents up to the root, and the replies. Replies tag the root (NIP-10 marked
// tags), so one query for "#e = root" finds most of them; the parents are
// fetched by id, a level at a time, for the ones the replies query missed.
import type { Event } from 'nostr-tools';
import { parentId, rootId } from '../core/thread.js';
import type { RelayPool } from '../net/types.js';
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
}

export async function fetchThread(pool: RelayPool, focus: Event, opts: ThreadOptions = {}): Promise<Event[]> {
  const byId = new Map<string, Event>([[focus.id, focus]]);
  const root = rootId(focus);
  const parent = parentId(focus);
  const ids = [...new Set([root, parent].filter((id): id is string => !!id && id !== focus.id))];
  // The replies are paged from each relay until it has sent them all: a relay that
  // caps its answers (100, 500…) must not cut a long thread silently (src/client/window.ts).
  const replies = fetchWindow({
    pool,
    filters: [{ kinds: [1], '#e': [...new Set([root, focus.id])], limit: REPLIES_PER_PAGE }],
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
  const [first] = await Promise.all([ids.length > 0 ? byIds(ids) : undefined, replies.settled]);
  for (const event of first?.events ?? []) byId.set(event.id, event);

  for (let round = 0; round < MAX_PARENT_ROUNDS; round++) {
    const missing = [...byId.values()]
      .map(parentId)
      .filter((id): id is string => !!id && !byId.has(id));
    // Only the chain above the focus matters; other missing parents are shown as orphans.
    const chain = new Set<string>();
    for (let at: Event | undefined = focus; at; ) {
      const up = parentId(at);
      if (!up || chain.has(up)) break;
      chain.add(up);
      at = byId.get(up);
    }
    const wanted = [...new Set(missing)].filter((id) => chain.has(id));
    if (wanted.length === 0) break;
    const more = await byIds(wanted);
    if (more.events.length === 0) break;
    for (const event of more.events) byId.set(event.id, event);
  }
  return [...byId.values()];
}

/**
 * Replies that arrive while a thread is shown: notes tagging its root or the
 * focus, from `since` on (the caller drops the ones it already has). Returns
 * a stop function.
 */
export function watchThread(pool: RelayPool, focus: Event, since: number, onreply: (event: Event) => void): () => void {
  const ids = [...new Set([rootId(focus), focus.id].filter((id): id is string => !!id))];
  const subscription = pool.subscribe([{ kinds: [1], '#e': ids, since }], { onevent: (event) => onreply(event) });
  return () => subscription.close();
}
