// A live feed: the cache paints at once, every relay is asked for the whole
// window (paged where it may have cut its answer: src/client/window.ts) and
// then streams, and every verified event is merged into one Timeline (the
// pool caches it: src/client/ingest.ts). Older windows come on demand (loadOlder). Listeners hear about
// changes batched, at most once per frame.
import type { Event, Filter } from 'nostr-tools';
import { unixNow, type Clock } from '../core/clock.js';
import { boundaryOf, RelayCoverage } from '../core/coverage.js';
import { DELETION_KIND } from '../core/deletion.js';
import { Timeline } from '../core/timeline.js';
import type { RelayOutcome, RelayPool, RelayRole, RequestPlan, SubscribeHandlers } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import type { StalledRelays } from './stalled-relays.js';
import { allWindows, fetchWindow } from './window.js';
import { safely } from '../core/safely.js';

/** Told what a routed request delivered, e.g. to learn which relay holds whom (src/client/routing.ts). */
export type RouteWatcher = Pick<SubscribeHandlers, 'onevent' | 'onseen' | 'onsettled'>;

export interface FeedDeps {
  pool: RelayPool;
  clock: Clock;
  /** Read only: painted from at once; the pool writes what arrives (src/client/ingest.ts). */
  store?: EventStore | undefined;
  /** Relays that stalled earlier in this run (src/client/window.ts); shared by the run's feeds. */
  stalled?: StalledRelays | undefined;
}

export interface OlderNotes {
  /** Notes added to the timeline. */
  found: number;
  /** Every relay answered and holds nothing older: the true end. */
  end: boolean;
}

export interface FeedOptions {
  eoseTimeoutMs?: number;
  /** Relays to ask instead of the pool's read relays. */
  relays?: string[];
  /** How long change notifications are gathered, ms. */
  batchMs?: number;
  /**
   * Events never to show (the one-shot timeline's mutes): kept out of the timeline, so paging
   * towards a filter's limit counts only what is shown.
   */
  hide?: (event: Event) => boolean;
}

export interface Feed {
  timeline: Timeline;
  /** Called at most once per batch of changes; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Every relay sent EOSE, timed out or failed: the start-up result is complete. */
  settled: Promise<RelayOutcome[]>;
  /** Asks for more on the same timeline (Home after a follow), streaming until close. */
  extend(filters: Filter[]): void;
  /**
   * The next window below the oldest note shown, from the cache and every
   * relay (paged like the start-up window). One load at a time.
   */
  loadOlder(): Promise<OlderNotes>;
  /**
   * Also asks each relay of `plan` for its own filters (each author where they write), streaming
   * until close; resolves once every relay of the plan has answered, timed out or failed.
   */
  route(plan: RequestPlan, watch?: RouteWatcher): Promise<RelayOutcome[]>;
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
    return !excluded.has(event.pubkey) && !opts.hide?.(event) && timeline.add(event, relay);
  };

  // The merge's depth for a filter: where its requested count ends among what is shown.
  const boundary = (filter: Filter) => boundaryOf(filter, shownEvents(timeline));

  /**
   * The cache answers the same filters a relay would (those events were verified when they
   * arrived), each with the relays that delivered it, so a reply to it carries a relay hint.
   * Its answer is cut at each filter's limit like a relay's: when some of it is not shown (a
   * repost of a deleted note, a hidden one, a deletion request), it is paged below, as relays
   * are (src/core/coverage.ts), until the shown notes reach the limit or the cache has no more.
   */
  const cached = (asked: Filter[]): boolean => {
    if (!deps.store || asked.length === 0) return false;
    let changes = false;
    let cover: RelayCoverage | undefined;
    for (let page = asked; page.length > 0; page = cover.nextPage((i) => boundary(asked[i]!))) {
      const events = safely(() => deps.store?.query(page) ?? [], []);
      const relays = safely(() => deps.store?.relaysOf?.(events.map((event) => event.id)), undefined);
      let dropped = false;
      for (const event of events) {
        const [first, ...more] = relays?.get(event.id) ?? [];
        if (take(event, first)) changes = true;
        else if (!timeline.has(event.id)) dropped = true;
        for (const relay of more) timeline.seen(event.id, relay);
      }
      // Everything in the first answer is shown: it is as deep as asked (the usual case, no more work).
      if (!cover && !dropped) break;
      cover ??= new RelayCoverage(asked);
      for (const event of events) cover.add(event);
      cover.answered();
    }
    return changes;
  };
  cached(filters);
  const streamed = (event: Event, relay: string) => {
    if (take(event, relay)) changed();
  };
  const extensions: Array<{ close(): void }> = [];

  let settle: (outcomes: RelayOutcome[]) => void = () => {};
  const settled = new Promise<RelayOutcome[]>((resolve) => (settle = resolve));

  const windowOf = (asked: Filter[], stream: boolean, relays = opts.relays, watch?: RouteWatcher, role?: RelayRole) =>
    fetchWindow({
      pool: deps.pool,
      filters: asked,
      relays,
      role,
      eoseTimeoutMs: opts.eoseTimeoutMs,
      stream,
      stalled: deps.stalled,
      onevent: (event, relay) => {
        watch?.onevent(event, relay);
        streamed(event, relay);
      },
      onseen: (id, relay) => {
        watch?.onseen?.(id, relay);
        timeline.seen(id, relay);
      },
      boundary,
    });
  // Every relay is asked for the whole window, whatever the cache holds (src/client/window.ts).
  const start = filters.length === 0 ? undefined : windowOf(filters, true);
  if (start) {
    extensions.push(start);
    void start.settled.then((outcomes) => {
      // Listeners hear of the last events before anyone hears the feed settled,
      // so a reader never sees "settled" with the start-up result half shown.
      if (!closed) notify();
      settle(outcomes);
    });
  } else settle([]);

  /** Filters asked so far (Home grows with follows), for older windows. */
  const asked = [...filters];
  /** What each routed relay was asked and why (the outbox model): older windows ask there too. */
  const routed = new Map<string, { filters: Filter[]; role: RelayRole | undefined }>();
  /** The last window's covered depth: the next one starts there, not at the oldest note shown (which may lie below a gap). */
  let lastWindow = start;
  let older: Promise<OlderNotes> | undefined;
  const loadOlder = (): Promise<OlderNotes> => {
    if (older) return older;
    const view = timeline.view();
    const until = lastWindow?.depth() ?? view.at(view.length - 1)?.event.created_at ?? unixNow(deps.clock);
    // The next window reaches past the start-up window's `since`: older is older.
    const below = (list: Filter[]) => list.map(({ since: _since, ...filter }) => ({ ...filter, until }));
    const window = below(asked);
    const before = timeline.size;
    if (cached([...window, ...[...routed.values()].flatMap((step) => below(step.filters))])) changed();
    const routedWindows = [...routed].map(([relay, step]) => windowOf(below(step.filters), false, [relay], undefined, step.role));
    const fetch = allWindows([...(window.length > 0 ? [windowOf(window, false)] : []), ...routedWindows]);
    lastWindow = fetch;
    extensions.push(fetch);
    older = fetch.settled.then(() => {
      older = undefined;
      extensions.splice(extensions.indexOf(fetch), 1);
      if (!closed) notify();
      return { found: timeline.size - before, end: fetch.complete() };
    });
    return older;
  };

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
      if (cached(more)) changed();
      asked.push(...more);
      extensions.push(windowOf(more, true));
    },
    loadOlder,
    route(plan, watch) {
      if (closed || plan.length === 0) return Promise.resolve([]);
      // Each relay of the plan is one more window with its own filters (the outbox model, NIP-65).
      for (const step of plan) {
        const known = routed.get(step.relay)?.filters ?? [];
        const fresh = step.filters.filter((f) => !known.some((k) => JSON.stringify(k) === JSON.stringify(f)));
        routed.set(step.relay, { filters: [...known, ...fresh], role: routed.get(step.relay)?.role ?? step.role });
      }
      // Each keeps why it is asked: the relays panel says "outbox (not in your list)".
      const windows = plan.map((step) => windowOf(step.filters, true, [step.relay], watch, step.role));
      extensions.push(...windows);
      return Promise.all(windows.map((w) => w.settled)).then((outcomes) => {
        const all = outcomes.flat();
        watch?.onsettled?.(all);
        if (!closed) notify();
        return all;
      });
    },
    exclude(pubkey) {
      excluded.add(pubkey);
      if (timeline.removeAuthor(pubkey) > 0) changed();
    },
    close() {
      if (closed) return;
      closed = true;
      for (const subscription of extensions) subscription.close();
      clearInterval(release);
      if (timer) clearTimeout(timer);
      settle([]);
    },
  };
}

/** The events shown, newest first, read one by one. */
function* shownEvents(timeline: Timeline): Iterable<Event> {
  const view = timeline.view();
  for (let i = 0; i < view.length; i++) yield view.at(i)!.event;
}
