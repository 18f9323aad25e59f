// A live feed: the cache paints at once, the pool's start-up query fills in
// and then streams, and every verified event is merged into one Timeline and
// cached. Listeners hear about changes batched, at most once per frame.
import type { Event, Filter } from 'nostr-tools';
import type { Clock } from '../core/clock.js';
import { DELETION_KIND } from '../core/deletion.js';
import { FUTURE_SKEW_SEC, Timeline } from '../core/timeline.js';
import type { RelayOutcome, RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { newerThanCached } from '../store/events.js';
import { WriteBuffer } from '../store/write-buffer.js';

export interface FeedDeps {
  pool: RelayPool;
  clock: Clock;
  store?: EventStore | undefined;
}

export interface FeedOptions {
  eoseTimeoutMs?: number;
  /** Relays to ask instead of the pool's read relays. */
  relays?: string[];
  /** How long change notifications are gathered, ms. */
  batchMs?: number;
}

export interface Feed {
  timeline: Timeline;
  /** Called at most once per batch of changes; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Every relay sent EOSE, timed out or failed: the start-up result is complete. */
  settled: Promise<RelayOutcome[]>;
  /** Asks for more on the same timeline (Home after a follow), streaming until close. */
  extend(filters: Filter[]): void;
  /** Stops showing an author (Home after an unfollow): their notes leave, later ones are ignored. */
  exclude(pubkey: string): void;
  close(): void;
}

/** How often held-back (future-dated) events are checked for release, and expiring ones (NIP-40) for removal. */
const RELEASE_EVERY_MS = 30_000;

export function openFeed(deps: FeedDeps, filters: Filter[], opts: FeedOptions = {}): Feed {
  const timeline = new Timeline({ clock: deps.clock });
  const listeners = new Set<() => void>();
  const batchMs = opts.batchMs ?? 16;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const notify = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const listener of listeners) listener();
  };
  const changed = () => {
    if (timer || closed) return;
    timer = setTimeout(notify, batchMs);
  };

  const excluded = new Set<string>();
  /** Whether the timeline changed. Deletion requests (NIP-09) are applied, never shown. */
  const take = (event: Event, relay?: string): boolean => {
    if (event.kind === DELETION_KIND) return timeline.applyDeletion(event) > 0;
    return !excluded.has(event.pubkey) && timeline.add(event, relay);
  };

  // The cache answers the same filters a relay would; those events were verified when they arrived.
  if (deps.store && filters.length > 0) {
    for (const event of safely(() => deps.store!.query(filters), [])) take(event);
  }
  const buffer = deps.store ? new WriteBuffer(deps.store) : undefined;
  const streamed = (event: Event, relay: string) => {
    if (take(event, relay)) changed();
    safely(() => buffer?.add(event, relay), undefined);
  };
  const extensions: Array<{ close(): void }> = [];

  let settle: (outcomes: RelayOutcome[]) => void = () => {};
  const settled = new Promise<RelayOutcome[]>((resolve) => (settle = resolve));

  // With a cache and the relays named, each relay is asked only for what is
  // newer than the newest event it already sent (one REQ per group of relays).
  const everywhere = { relays: opts.relays, filters };
  const requests =
    filters.length === 0
      ? []
      : deps.store && opts.relays
        ? safely(() => newerThanCached(deps.store!, filters, opts.relays!, Math.floor(deps.clock.now() / 1000) + FUTURE_SKEW_SEC), [everywhere])
        : [everywhere];
  const outcomes: RelayOutcome[][] = [];
  let unsettled = requests.length;
  const subscriptions = requests.map((request, i) =>
    deps.pool.subscribe(
      request.filters,
      {
        onevent: (event, relay) => streamed(event, relay),
        onseen(id, relay) {
          timeline.seen(id, relay);
        },
        onsettled(found) {
          if (outcomes[i]) return;
          outcomes[i] = found;
          if (--unsettled > 0) return;
          // Listeners hear of the last events before anyone hears the feed settled,
          // so a reader never sees "settled" with the start-up result half shown.
          if (!closed) notify();
          settle(outcomes.flat());
        },
      },
      {
        ...(opts.eoseTimeoutMs === undefined ? {} : { eoseTimeoutMs: opts.eoseTimeoutMs }),
        ...(request.relays ? { relays: request.relays } : {}),
      },
    ),
  );
  if (requests.length === 0) settle([]);

  const release = setInterval(() => {
    if (timeline.releaseDue() + timeline.expireDue() > 0) changed();
  }, RELEASE_EVERY_MS);
  release.unref?.();

  return {
    timeline,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled,
    extend(more) {
      if (closed || more.length === 0) return;
      for (const filter of more) for (const author of filter.authors ?? []) excluded.delete(author);
      for (const event of safely(() => deps.store?.query(more) ?? [], [])) if (take(event)) changed();
      const subscription = deps.pool.subscribe(
        more,
        { onevent: streamed, onseen: (id, relay) => timeline.seen(id, relay) },
        {
          ...(opts.eoseTimeoutMs === undefined ? {} : { eoseTimeoutMs: opts.eoseTimeoutMs }),
          ...(opts.relays ? { relays: opts.relays } : {}),
        },
      );
      extensions.push(subscription);
    },
    exclude(pubkey) {
      excluded.add(pubkey);
      if (timeline.removeAuthor(pubkey) > 0) changed();
    },
    close() {
      if (closed) return;
      closed = true;
      for (const subscription of [...subscriptions, ...extensions]) subscription.close();
      clearInterval(release);
      if (timer) clearTimeout(timer);
      safely(() => buffer?.close(), undefined);
      settle([]);
    },
  };
}

/** The cache is an optimisation: if it fails, the feed goes on without it. */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
