// How far back one relay's answer to a set of filters reaches, and what to ask
// it next. Relays cap what they return (the limit asked, a NIP-11
// `limitation.max_limit`, or a silent default such as strfry's 500), and an
// answer cut by a cap looks exactly like a complete one. So no answer is
// trusted to be complete: a relay is known to have sent everything only when
// a page asked `until` its oldest event brings nothing older. Until then, it
// is asked again while the merge has not yet reached the requested count
// below what it sent. Pure: events in, filters out.
import type { Event, Filter } from 'nostr-tools';
import { matchFilter } from 'nostr-tools/filter';

interface FilterCoverage {
  /** The oldest created_at this relay sent for the filter: it has answered down to here (exclusive). */
  oldest?: number;
  /** `until` of the request in flight; undefined for the first answer. */
  until?: number;
  /** Events strictly older than `until` in the request in flight. */
  older: number;
  /** The relay holds nothing more for the filter. */
  complete: boolean;
  /** Part of the request in flight. */
  asking: boolean;
}

/**
 * A runaway relay (always "older" events) cannot page us forever. Paging
 * towards a count stops at the count anyway; this bounds paging to the end
 * (a thread's replies), and allows `--limit 100000` from a relay capping at 50.
 */
export const MAX_PAGES = 2_000;

export class RelayCoverage {
  private readonly state: FilterCoverage[];
  private pages = 0;

  constructor(private readonly filters: readonly Filter[]) {
    this.state = filters.map(() => ({ older: 0, complete: false, asking: true }));
  }

  /** An event this relay sent for the request in flight. */
  add(event: Event): void {
    this.filters.forEach((filter, i) => {
      const s = this.state[i]!;
      if (!s.asking || !matchFilter(filter, event)) return;
      if (s.until === undefined || event.created_at < s.until) s.older++;
      if (s.oldest === undefined || event.created_at < s.oldest) s.oldest = event.created_at;
    });
  }

  /**
   * The relay sent EOSE for the request in flight: a filter whose answer held
   * nothing older than asked is complete. (More than a cap of events in one
   * second cannot be paged by `until`, which has a resolution of a second.)
   */
  answered(): void {
    for (const s of this.state) {
      if (!s.asking) continue;
      s.asking = false;
      if (s.older === 0) s.complete = true;
    }
  }

  /** A filter without a limit asks for everything: there is no count to page towards, so one answer is taken as it is. */
  get complete(): boolean {
    return this.state.every((s, i) => s.complete || this.filters[i]!.limit === undefined);
  }

  /**
   * How deep this relay's answer reaches: the newest of the oldest events it
   * sent for filters it has not sent everything for (the merge may miss its
   * events below this); undefined when it holds nothing more.
   */
  get depth(): number | undefined {
    let depth: number | undefined;
    this.state.forEach((s, i) => {
      if (s.complete || s.oldest === undefined || this.filters[i]!.limit === undefined) return;
      if (depth === undefined || s.oldest > depth) depth = s.oldest;
    });
    return depth;
  }

  /**
   * The next page to ask this relay for, or [] when nothing is missing.
   * `boundary(i)` is the created_at of the event at the requested count
   * (filter i's limit) in the merge of everything known so far, undefined
   * while the merge holds fewer: the relay's answer is deep enough once its
   * oldest event is older than that (strictly: it may have cut inside a second).
   */
  nextPage(boundary: (index: number) => number | undefined): Filter[] {
    if (++this.pages > MAX_PAGES) return [];
    const page: Filter[] = [];
    this.filters.forEach((filter, i) => {
      const s = this.state[i]!;
      if (s.complete || s.oldest === undefined || filter.limit === undefined) return;
      const reached = boundary(i);
      if (reached !== undefined && reached > s.oldest) return;
      s.until = s.oldest;
      s.older = 0;
      s.asking = true;
      page.push({ ...filter, until: s.oldest });
    });
    return page;
  }
}

/**
 * The created_at of the `limit`-th newest event matching `filter` among
 * `newestFirst` (sorted created_at descending), or undefined when fewer match.
 */
export function boundaryOf(filter: Filter, newestFirst: Iterable<Event>): number | undefined {
  if (filter.limit === undefined) return undefined;
  let count = 0;
  for (const event of newestFirst) {
    if (matchFilter(filter, event) && ++count >= filter.limit) return event.created_at;
  }
  return undefined;
}
