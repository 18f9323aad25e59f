// Quoted notes for the screen (issue #13): asked for in batches by id, from the cache first,
// then from the user's relays plus the relay hints the quote gave (nevent, q tag). What the pool
// hands back is verified and matches the ids asked for; what no relay had is remembered as
// missing for the session so the screen says so instead of waiting.
import type { Event } from 'nostr-tools';
import type { QuoteRef } from '../core/quotes.js';
import { hintsToFollow } from '../core/relay-list.js';
import { RecentMap } from '../core/recent.js';
import type { RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { IDS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';
import { queryPastStalled, type StalledRelays } from './stalled-relays.js';

export interface QuoteDirectory {
  /** The note; null when no relay had it; undefined when not asked for or still on its way. */
  get(id: string): Event | null | undefined;
  request(refs: Iterable<QuoteRef>): void;
  /** Called (once per batch) when quoted notes arrived or were found missing. */
  onChange(listener: () => void): () => void;
  close(): void;
}

export interface QuoteDeps {
  pool: RelayPool;
  store?: EventStore | undefined;
  /** The user's relays, asked with the hints. */
  relays(): string[];
  /** The user's public key: a hint holding its secret is never connected to. */
  ownPubkey?: string | undefined;
  batchMs?: number;
  eoseTimeoutMs?: number;
  /** Relays that stalled this run (src/client/stalled-relays.ts): not waited for; one that stalls here is added. */
  stalled?: StalledRelays;
}

/** At most this many hinted relays besides the user's per query. */
const MAX_HINTED_RELAYS = 8;
/**
 * Quoted notes remembered at most (issue #16 item 5: every quote that scrolled through a long
 * Global session stayed, whole). Past this, the one asked for longest ago is forgotten, and asked
 * for again (the cache first) if it comes back on screen.
 */
export const MAX_QUOTES = 2_000;

export function createQuoteDirectory(deps: QuoteDeps): QuoteDirectory {
  /** Every note asked for: the event, null when no relay had it, undefined until answered. One map, so a note is forgotten whole. */
  const found = new RecentMap<string, Event | null | undefined>(MAX_QUOTES);
  const queue = new Map<string, QuoteRef>();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const notify = () => listeners.forEach((listener) => listener());

  const flush = async () => {
    timer = undefined;
    const batch = [...queue.values()];
    queue.clear();
    for (const refs of inGroupsOf(batch, IDS_PER_FILTER)) {
      if (closed) break;
      const ids = refs.map((ref) => ref.id);
      const mine = deps.relays();
      const hinted = hintsToFollow(mine, [...new Set(refs.flatMap((ref) => ref.relays))], deps.ownPubkey).slice(0, MAX_HINTED_RELAYS);
      const relays = [...new Set([...mine, ...hinted])];
      const wanted = new Set(ids);
      try {
        // Each note is shown as it comes, not when the slowest relay has answered; a relay that
        // stalled this run is not waited for (it would hold "loading" 5 s a batch).
        const onevent = (event: Event) => {
          // Only for notes still asked about (one forgotten meanwhile is asked again when shown).
          if (closed || !wanted.has(event.id) || !found.has(event.id) || found.get(event.id)) return;
          found.set(event.id, event);
          deps.store?.putMany([event]);
          notify();
        };
        await queryPastStalled(deps.pool, [{ ids, limit: ids.length }], { relays, eoseTimeoutMs: deps.eoseTimeoutMs, onevent }, deps.stalled);
      } catch {
        // Counted as missing below; a later session asks again.
      }
      if (closed) return;
      for (const id of ids) if (found.has(id) && found.get(id) === undefined) found.set(id, null);
      notify();
    }
  };

  return {
    get: (id) => found.get(id),
    request(refs) {
      if (closed) return;
      const fresh = new Map<string, QuoteRef>();
      for (const ref of refs) {
        // Asked again (still on screen): moved to the end of the line, so not the one forgotten.
        if (!found.touch(ref.id)) fresh.set(ref.id, ref);
      }
      if (fresh.size === 0) return;
      for (const id of fresh.keys()) found.set(id, undefined);
      if (deps.store) {
        try {
          const cached = deps.store.query([{ ids: [...fresh.keys()] }]);
          for (const event of cached) if (fresh.has(event.id)) found.set(event.id, event);
          if (cached.length > 0) queueMicrotask(notify);
        } catch {
          // The cache is a speed-up; the relays are asked.
        }
      }
      for (const [id, ref] of fresh) if (found.get(id) === undefined) queue.set(id, ref);
      if (queue.size > 0) timer ??= setTimeout(() => void flush(), deps.batchMs ?? 50);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
