// A search as a feed, for the UI: the cache's hits are in the timeline at
// once, the search relays' answers join when they come (src/client/search.ts),
// and the counts say where the results came from (cache N · relays M).
import type { Event } from 'nostr-tools';
import type { Clock } from '../core/clock.js';
import { refuseSecretIn } from '../core/secret-in-text.js';
import { Timeline } from '../core/timeline.js';
import { search, searchLocal, type SearchDeps, type SearchRequest } from './search.js';

export interface SearchSources {
  cache: number;
  relays: number;
  /** Search relays asked; 0 when searching the cache only. */
  asked: number;
  /** Still waiting for search relays. */
  searching: boolean;
  /** Search relays that refused or could not be reached. */
  failed: number;
  /** Results left out because they are muted (`hide`), from the cache or the relays. */
  muted: number;
}

export interface SearchFeed {
  readonly query: string;
  timeline: Timeline;
  onChange(listener: () => void): () => void;
  settled: Promise<unknown>;
  sources(): SearchSources;
  close(): void;
}

export function openSearchFeed(deps: SearchDeps & { clock: Clock }, asked: SearchRequest): SearchFeed {
  refuseSecretIn('search', asked.text, deps.me);
  const timeline = new Timeline({ clock: deps.clock });
  const listeners = new Set<() => void>();
  let closed = false;
  // What `hide` leaves out is counted, so an empty list can say the results are muted, not missing.
  const muted = new Set<string>();
  const hide = asked.hide;
  const req: SearchRequest = hide ? { ...asked, hide: (event) => hide(event) && (muted.add(event.id), true) } : asked;
  const local = searchLocal(deps.store, req);
  for (const event of local) timeline.add(event);
  const counts: SearchSources = { cache: local.length, relays: 0, asked: deps.pool ? deps.relays.length : 0, searching: false, failed: 0, muted: muted.size };
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  let settled: Promise<unknown> = Promise.resolve();
  if (!req.local && deps.pool && deps.relays.length > 0) {
    counts.searching = true;
    settled = search(deps, req).then(
      (result) => {
        if (closed) return;
        const known = new Set(local.map((event: Event) => event.id));
        for (const event of result.events) if (!known.has(event.id) && timeline.add(event)) counts.relays++;
        counts.failed = result.outcomes.filter((outcome) => !outcome.eose).length;
        counts.muted = muted.size;
        counts.searching = false;
        changed();
      },
      () => {
        counts.searching = false;
        counts.failed = counts.asked;
        if (!closed) changed();
      },
    );
  }
  return {
    query: req.text,
    timeline,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled,
    sources: () => ({ ...counts }),
    close() {
      closed = true;
      listeners.clear();
    },
  };
}

/** `cache 3 · relays 2`, with what is still going on. */
export function describeSources(sources: SearchSources): string {
  const relays = sources.asked === 0 ? 'cache only' : `relays ${sources.relays}`;
  // Short enough to stay whole in an 80-column header beside the user's name and the relay count.
  const state = sources.searching ? ' (searching…)' : sources.failed > 0 ? ` (${sources.asked - sources.failed} of ${sources.asked} answered)` : '';
  return `cache ${sources.cache} · ${relays}${sources.muted > 0 ? ` · ${sources.muted} muted` : ''}${state}`;
}
