// The outbox model (NIP-65): ask for each author's notes where that author
// writes, a few relays per author, under a budget of connections, preferring
// relays that have delivered before. Pure: fed with relay lists, what relays
// delivered and the budget; tested on its own (test/unit/outbox-plan.test.ts).
//
// Greedy cover, as gossip and applesauce do, with two changes that matter on
// the real network, where about half of the listed (author, relay) pairs hold
// nothing: every author is covered by up to `perAuthor` relays (a dead listed
// relay costs nothing while another one holds the notes), and a relay's weight
// is what it is expected to deliver (learned), not only how many lists name it.
import type { Filter } from 'nostr-tools';

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
}

/** Learned from outcomes: the chance a relay answers at all, and that it holds a given author's notes. */
export interface DeliveryScores {
  /** 0..1; missing = 0.5. */
  relay(url: string): number | undefined;
  /** 0..1; missing = 0.5. */
  pair(url: string, author: string): number | undefined;
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

export function planOutbox(input: OutboxInput): OutboxPlan {
  const perAuthor = input.perAuthor ?? DEFAULT_PER_AUTHOR;
  const budget = Math.max(input.budget ?? DEFAULT_BUDGET, input.userRelays.length);
  const relayScore = (url: string) => input.delivery?.relay(url) ?? NEUTRAL;
  const pairScore = (url: string, author: string) => (input.delivery?.pair(url, author) ?? NEUTRAL) * relayScore(url);

  const candidates = new Map<string, string[]>(); // author -> listed relays
  const fallback: string[] = [];
  for (const author of new Set(input.authors)) {
    const listed = [...new Set([...(input.writeRelays.get(author) ?? []), ...(input.seenOn?.get(author) ?? [])])];
    if (listed.length === 0) fallback.push(author);
    else candidates.set(author, listed);
  }

  const chosen = new Set<string>(input.userRelays);
  const routes = new Map<string, string[]>();
  // How much of each author is still wanted: 1 per missing relay, minus what the user's relays already bring.
  const need = new Map<string, number>();
  for (const [author, listed] of candidates) {
    const onUserRelays = listed.filter((url) => chosen.has(url)).length;
    need.set(author, Math.max(0, perAuthor - onUserRelays));
  }
  while (chosen.size < budget) {
    let best: string | undefined;
    let bestGain = 0;
    const gains = new Map<string, number>();
    for (const [author, listed] of candidates) {
      if ((need.get(author) ?? 0) <= 0) continue;
      for (const url of listed) {
        if (chosen.has(url)) continue;
        gains.set(url, (gains.get(url) ?? 0) + pairScore(url, author));
      }
    }
    for (const [url, gain] of gains) {
      if (gain > bestGain || (gain === bestGain && best !== undefined && url < best)) {
        best = url;
        bestGain = gain;
      }
    }
    if (!best) break;
    chosen.add(best);
    for (const [author, listed] of candidates) if (listed.includes(best)) need.set(author, (need.get(author) ?? 0) - 1);
  }

  const uncovered: string[] = [];
  for (const [author, listed] of candidates) {
    const best = listed
      .filter((url) => chosen.has(url))
      .sort((a, b) => pairScore(b, author) - pairScore(a, author) || (a < b ? -1 : 1))
      .slice(0, perAuthor);
    if (best.length === 0) uncovered.push(author);
    for (const url of best) add(routes, url, author);
  }
  // The user's relays are always asked for everyone without a usable route.
  for (const url of input.userRelays) for (const author of [...fallback, ...uncovered]) add(routes, url, author);
  return { routes, fallback, uncovered };
}

/** The plan as REQ filters per relay, authors split in groups (relays cap the size of a filter). */
export function planFilters(
  routes: ReadonlyMap<string, readonly string[]>,
  template: Omit<Filter, 'authors'>,
  groupSize = 250,
): Array<{ relay: string; filters: Filter[] }> {
  return [...routes].map(([relay, authors]) => {
    const filters: Filter[] = [];
    for (let i = 0; i < authors.length; i += groupSize) filters.push({ ...template, authors: authors.slice(i, i + groupSize) });
    return { relay, filters };
  });
}

function add(routes: Map<string, string[]>, url: string, author: string): void {
  const list = routes.get(url);
  if (!list) routes.set(url, [author]);
  else if (!list.includes(author)) list.push(author);
}
