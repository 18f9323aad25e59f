// The outbox model (NIP-65): ask for each author's notes where that author
// writes, a few relays per author, under a budget of connections, preferring
// relays that have delivered before. Pure: fed with relay lists, what relays
// delivered and the budget; tested on its own (test/unit/outbox-plan.test.ts).
//
// Greedy cover, as gossip and applesauce do, with changes that matter on the
// real network, where about half of the listed (author, relay) pairs hold
// nothing: a relay's weight is the notes it is expected to deliver (learned
// per relay and author), not how many lists name it; each author is asked on
// at least `perAuthor` relays and more while a miss stays likely; relays that
// keep failing sit out; people without a list are asked on the big relays the
// plan connects to anyway.
import type { Filter } from 'nostr-tools';
import { AUTHORS_PER_FILTER, inGroupsOf } from './filter-lists.js';

export interface OutboxInput {
  authors: readonly string[];
  /** Each author's write relays from their kind 10002 (already parsed and vetted). */
  writeRelays: ReadonlyMap<string, readonly string[]>;
  /** The user's own read relays: always asked, and the fallback for authors with no list. */
  userRelays: readonly string[];
  /** Relays an author's notes were last seen on (a second fallback). */
  seenOn?: ReadonlyMap<string, readonly string[]>;
  /** What relays delivered before; unknown pairs get a neutral prior. */
  delivery?: DeliveryScores;
  /** Relays to ask per author (default 2). */
  perAuthor?: number;
  /** Most relays connected for this request, the user's own included (default 20). */
  budget?: number;
  /** How many of the plan's most used relays also ask people without a list (default 4; Infinity: all). */
  fallbackRelays?: number;
}

/** Learned from outcomes: the chance a relay answers at all, and that it holds a given author's notes. */
export interface DeliveryScores {
  /** 0..1; missing = 0.5. */
  relay(url: string): number | undefined;
  /** 0..1; missing = 0.5. */
  pair(url: string, author: string): number | undefined;
  /** Relays that have delivered this author's events before (where their notes were seen). */
  deliveredFrom?(author: string): string[];
}

export interface OutboxPlan {
  /** Relay -> the authors asked for there. */
  routes: Map<string, string[]>;
  /** Authors reached only through the user's own relays (no usable list). */
  fallback: string[];
  /** Authors who have a list, none of whose relays fit in the budget. */
  uncovered: string[];
}

export const DEFAULT_PER_AUTHOR = 2;
export const DEFAULT_BUDGET = 20;
const NEUTRAL = 0.5;
/** Ask more of an author's listed relays while the chance of missing their notes is above this. */
const ACCEPTED_MISS = 0.05;
/** A pair scoring below this (asked again and again, never delivered) is not worth a place, beyond the minimum. */
const WORTH_ASKING = 0.25;
/** A relay scoring below this (failed more often than it answered, repeatedly) sits out unless nothing else is left. */
const PENALTY_BOX = 0.3;
/** Authors without a list are also asked on this many of the relays the plan uses most: big relays hold most people. */
const POPULAR_FOR_FALLBACK = 4;

export function planOutbox(input: OutboxInput): OutboxPlan {
  const perAuthor = input.perAuthor ?? DEFAULT_PER_AUTHOR;
  const budget = Math.max(input.budget ?? DEFAULT_BUDGET, input.userRelays.length);
  const relayScore = (url: string) => input.delivery?.relay(url) ?? NEUTRAL;
  const pairScore = (url: string, author: string) => (input.delivery?.pair(url, author) ?? NEUTRAL) * relayScore(url);

  const candidates = new Map<string, string[]>(); // author -> listed relays, penalised ones last resort
  const fallback: string[] = [];
  for (const author of new Set(input.authors)) {
    const listed = [
      ...new Set([...(input.writeRelays.get(author) ?? []), ...(input.seenOn?.get(author) ?? []), ...(input.delivery?.deliveredFrom?.(author) ?? [])]),
    ];
    const usable = listed.filter((url) => relayScore(url) >= PENALTY_BOX);
    if (listed.length === 0) fallback.push(author);
    else candidates.set(author, usable.length > 0 ? usable : listed);
  }

  // Greedy probabilistic cover: each step adds the relay that most lowers the expected number of
  // authors whose notes are missed, where a relay holds an author with its learned pair score.
  const chosen = new Set<string>(input.userRelays);
  const miss = new Map<string, number>();
  for (const [author, listed] of candidates) {
    miss.set(author, listed.filter((url) => chosen.has(url)).reduce((m, url) => m * (1 - pairScore(url, author)), 1));
  }
  while (chosen.size < budget) {
    const gains = new Map<string, number>();
    for (const [author, listed] of candidates) {
      const m = miss.get(author)!;
      if (m <= ACCEPTED_MISS / 10) continue;
      for (const url of listed) if (!chosen.has(url)) gains.set(url, (gains.get(url) ?? 0) + m * pairScore(url, author));
    }
    let best: string | undefined;
    let bestGain = 0;
    for (const [url, gain] of gains) {
      if (gain > bestGain || (gain === bestGain && best !== undefined && url < best)) {
        best = url;
        bestGain = gain;
      }
    }
    if (!best) break;
    chosen.add(best);
    for (const [author, listed] of candidates) {
      if (listed.includes(best)) miss.set(author, miss.get(author)! * (1 - pairScore(best, author)));
    }
  }

  // Each author on their best chosen relays: at least `perAuthor`, more while a miss is still likely.
  const routes = new Map<string, Set<string>>();
  const uncovered: string[] = [];
  for (const [author, listed] of candidates) {
    const ranked = listed
      .filter((url) => chosen.has(url))
      .sort((a, b) => pairScore(b, author) - pairScore(a, author) || (a < b ? -1 : 1));
    let m = 1;
    let asked = 0;
    for (const url of ranked) {
      const s = pairScore(url, author);
      if (asked >= perAuthor && (m <= ACCEPTED_MISS || s < WORTH_ASKING)) break;
      add(routes, url, author);
      m *= 1 - s;
      asked++;
    }
    if (asked === 0) uncovered.push(author);
  }
  // Everyone without a usable route: the user's relays, and the relays the plan already uses most
  // (asking a connected relay for more authors costs no connection).
  const popular = [...routes]
    .filter(([url]) => !input.userRelays.includes(url))
    .sort(([a, x], [b, y]) => y.size - x.size || (a < b ? -1 : 1))
    .slice(0, input.fallbackRelays ?? POPULAR_FOR_FALLBACK)
    .map(([url]) => url);
  for (const author of [...fallback, ...uncovered]) {
    for (const url of input.userRelays) add(routes, url, author);
    for (const url of fallback.includes(author) ? popular : []) add(routes, url, author);
  }
  return { routes: new Map([...routes].map(([url, authors]) => [url, [...authors]])), fallback, uncovered };
}

/** The plan as REQ filters per relay, authors split in groups (relays cap the size of a filter). */
export function planFilters(
  routes: ReadonlyMap<string, readonly string[]>,
  template: Omit<Filter, 'authors'>,
  groupSize = AUTHORS_PER_FILTER,
): Array<{ relay: string; filters: Filter[] }> {
  return [...routes].map(([relay, authors]) => ({ relay, filters: inGroupsOf(authors, groupSize).map((group) => ({ ...template, authors: group })) }));
}

function add(routes: Map<string, Set<string>>, url: string, author: string): void {
  const set = routes.get(url);
  if (set) set.add(author);
  else routes.set(url, new Set([author]));
}
