// One window of a feed asked of the relays: one REQ to every relay (kept open
// for live events when the feed streams), then, relay by relay, pages `until`
// its oldest event while its answer may have been cut by a cap and the merge
// has not reached the requested count (src/core/coverage.ts). Whatever the
// cache holds, every relay is asked for the whole window: the cache paints
// first, the relays decide what exists (dedupe-before-verify makes the
// repeats cheap).
import type { Event, Filter } from 'nostr-tools';
import { RelayCoverage } from '../core/coverage.js';
import { RecentSet } from '../core/recent.js';
import type { RelayOutcome, RelayPool, RelayRole } from '../net/types.js';
import { MAX_VERIFIED } from '../net/verified-events.js';
import type { StalledRelays } from './stalled-relays.js';

/**
 * Events (and ids per relay) a window being answered remembers at most: as many as VerifiedEvents
 * keeps (the same events, so the same memory), for the same reason (copies arrive within moments).
 */
export const WINDOW_RECENT = MAX_VERIFIED;

export interface WindowOptions {
  pool: RelayPool;
  filters: Filter[];
  /** Relays to ask; the pool's read relays when left out. */
  relays?: string[] | undefined;
  /** Why they are asked (an author's outbox…), kept by every REQ of the window; 'user' when left out. */
  role?: RelayRole | undefined;
  eoseTimeoutMs?: number | undefined;
  /** Keep the first REQ open after the window is answered (live events). */
  stream: boolean;
  /**
   * Relays that already stalled (no EOSE in time) during this run: asked,
   * but not waited for again, so a dead relay costs one timeout per run;
   * one found stalled elsewhere while this window waits for it is waited
   * for no longer. Relays that time out here are added.
   */
  stalled?: StalledRelays | undefined;
  onevent(event: Event, relay: string): void;
  onseen(id: string, relay: string): void;
  /** The created_at of the requested count's last event in the merge so far (src/core/coverage.ts boundaryOf). */
  boundary(filter: Filter): number | undefined;
}

export interface WindowFetch {
  /** Every relay answered (paged to the end or to the requested count), timed out or failed. */
  settled: Promise<RelayOutcome[]>;
  /** Once settled: every relay asked answered, and none holds anything more in the window. */
  complete(): boolean;
  /**
   * Once settled: down to here (inclusive) the relays that answered sent
   * everything in the window; below it, notes shown may have gaps. Undefined
   * when they sent everything.
   */
  depth(): number | undefined;
  close(): void;
}

export function fetchWindow(opts: WindowOptions): WindowFetch {
  const { pool, filters } = opts;
  // Every REQ of the window, its pages too, carries the timeout and the reason the relays are asked.
  const timeout = { ...(opts.eoseTimeoutMs === undefined ? {} : { eoseTimeoutMs: opts.eoseTimeoutMs }), ...(opts.role ? { role: opts.role } : {}) };
  const coverage = new Map<string, RelayCoverage>();
  const coverageOf = (url: string) => {
    let found = coverage.get(url);
    if (!found) coverage.set(url, (found = new RelayCoverage(filters)));
    return found;
  };
  // Only while the window is being answered: how many events each relay sent (for the summary).
  // A Global window streams without end before its EOSE, so only the latest ids are remembered
  // (issue #16 item 5: every event of a 150,000-event flood was held here, past every other cap).
  // A copy another relay sent first comes with its event while the pool remembers it, as long as
  // this; one it no longer does is only left out of that relay's coverage and count, which
  // matters only to a filter whose limit is over WINDOW_RECENT.
  const sent = new Map<string, { ids: RecentSet<string>; count: number }>();
  const record = (event: Event, url: string) => {
    let relay = sent.get(url);
    if (!relay) sent.set(url, (relay = { ids: new RecentSet(WINDOW_RECENT), count: 0 }));
    if (!relay.ids.add(event.id)) return;
    relay.count++;
    coverageOf(url).add(event);
  };
  let answering = true;
  let closed = false;
  let complete = false;

  const stalledBefore = opts.relays?.filter((url) => opts.stalled?.has(url)) ?? [];
  const awaited = opts.relays?.filter((url) => !opts.stalled?.has(url));
  const handlers = {
    onevent(event: Event, url: string) {
      if (answering) record(event, url);
      opts.onevent(event, url);
    },
    onseen(id: string, url: string, event?: Event) {
      if (answering && event) record(event, url);
      opts.onseen(id, url);
    },
    oneose(url: string, timedOut: boolean) {
      if (timedOut) opts.stalled?.add(url);
      else coverageOf(url).answered();
    },
  };

  const subscriptions: Array<{ close(): void }> = [];
  // A relay that stalled earlier still streams what it may send later; nobody waits for it.
  if (opts.stream && stalledBefore.length > 0) subscriptions.push(pool.subscribe(filters, handlers, { ...timeout, relays: stalledBefore }));
  const first = new Promise<RelayOutcome[]>((resolve) => {
    if (awaited?.length === 0) return resolve([]);
    let stopWatching: (() => void) | undefined;
    const subscription = pool.subscribe(
      filters,
      {
        ...handlers,
        onsettled(outcomes) {
          stopWatching?.();
          if (!opts.stream) queueMicrotask(() => subscription.close());
          resolve(outcomes);
        },
      },
      { ...timeout, ...(awaited ? { relays: awaited } : {}) },
    );
    stopWatching = opts.stalled?.onStall((url) => subscription.stopWaiting(url));
    subscriptions.push(subscription, { close: () => stopWatching?.() });
  });

  /** Pages from one relay until its answer is deep enough or complete. */
  const page = async (outcome: RelayOutcome): Promise<void> => {
    const cover = coverageOf(outcome.url);
    for (;;) {
      if (closed) return;
      const next = cover.nextPage((i) => opts.boundary(filters[i]!));
      if (next.length === 0) return;
      const { events: found, relays } = await pool.query(next, { ...timeout, relays: [outcome.url] });
      if (closed) return;
      for (const event of found) {
        record(event, outcome.url);
        opts.onevent(event, outcome.url);
      }
      const answer = relays[0];
      if (!answer?.eose) {
        if (answer?.timedOut) opts.stalled?.add(outcome.url);
        outcome.eose = false;
        outcome.timedOut = answer?.timedOut ?? false;
        if (answer?.error !== undefined) outcome.error = answer.error;
        return;
      }
      cover.answered();
    }
  };

  const settled = first.then(async (outcomes) => {
    await Promise.all(outcomes.filter((o) => o.eose).map(page));
    for (const outcome of outcomes) outcome.events = sent.get(outcome.url)?.count ?? outcome.events;
    answering = false;
    sent.clear();
    complete =
      stalledBefore.length === 0 &&
      outcomes.length > 0 &&
      outcomes.every((o) => o.eose && (coverage.get(o.url)?.complete ?? true));
    const skipped = stalledBefore.map((url): RelayOutcome => ({ url, eose: false, timedOut: true, events: 0 }));
    // In the order the relays were given (a summary lists them as configured).
    const all = [...outcomes, ...skipped];
    const order = opts.relays ?? [];
    return all.sort((a, b) => order.indexOf(a.url) - order.indexOf(b.url));
  });

  return {
    settled,
    complete: () => complete,
    depth() {
      let depth: number | undefined;
      for (const cover of coverage.values()) {
        const d = cover.depth;
        if (d !== undefined && (depth === undefined || d > depth)) depth = d;
      }
      return depth;
    },
    close() {
      closed = true;
      answering = false;
      sent.clear();
      for (const subscription of subscriptions) subscription.close();
    },
  };
}

/** Several windows answered as one: settled when all are, complete when all are, as deep as the shallowest gap. */
export function allWindows(windows: readonly WindowFetch[]): WindowFetch {
  return {
    settled: Promise.all(windows.map((w) => w.settled)).then((outcomes) => outcomes.flat()),
    complete: () => windows.every((w) => w.complete()),
    depth() {
      let depth: number | undefined;
      for (const w of windows) {
        const d = w.depth();
        if (d !== undefined && (depth === undefined || d > depth)) depth = d;
      }
      return depth;
    },
    close: () => windows.forEach((w) => w.close()),
  };
}
