// What relays actually delivered, learned from each request's outcome, as the
// scores the outbox planner ranks relays by. A relay that is unreachable,
// times out or refuses loses weight; a relay that sent an author's notes
// gains weight for that author. Scores are Beta means, (hits + 1) / (tries + 2),
// so a relay never tried is 0.5 and one failure does not ban a relay for good.
import type { DeliveryScores } from './outbox-plan.js';

export interface RequestOutcome {
  url: string;
  /** The relay answered (EOSE). */
  answered: boolean;
  /** Authors asked there, and those it sent at least one event of. */
  asked: readonly string[];
  delivered: ReadonlySet<string>;
}

interface Tally {
  hits: number;
  tries: number;
}

const score = ({ hits, tries }: Tally) => (hits + 1) / (tries + 2);

export class DeliveryStats implements DeliveryScores {
  private readonly relays = new Map<string, Tally>();
  private readonly pairs = new Map<string, Tally>();
  /** Author -> relays that sent at least one of their events. */
  private readonly sources = new Map<string, Set<string>>();

  record(outcome: RequestOutcome): void {
    bump(this.relays, outcome.url, outcome.answered);
    // A relay that did not answer says nothing about whom it holds.
    if (!outcome.answered) return;
    for (const author of outcome.asked) bump(this.pairs, pairKey(outcome.url, author), outcome.delivered.has(author));
    for (const author of outcome.delivered) this.source(author, outcome.url);
  }

  deliveredFrom(author: string): string[] {
    return [...(this.sources.get(author) ?? [])];
  }

  private source(author: string, url: string): void {
    const set = this.sources.get(author) ?? new Set<string>();
    set.add(url);
    this.sources.set(author, set);
  }

  relay(url: string): number | undefined {
    const tally = this.relays.get(url);
    return tally && score(tally);
  }

  pair(url: string, author: string): number | undefined {
    const tally = this.pairs.get(pairKey(url, author));
    return tally && score(tally);
  }

  /** For the store: every tally, to be loaded again with `load`. */
  entries(): Array<{ url: string; author?: string; hits: number; tries: number }> {
    return [
      ...[...this.relays].map(([url, t]) => ({ url, ...t })),
      ...[...this.pairs].map(([key, t]) => {
        const [url, author] = key.split('\n') as [string, string];
        return { url, author, ...t };
      }),
    ];
  }

  load(entries: Iterable<{ url: string; author?: string | null; hits: number; tries: number }>): void {
    for (const { url, author, hits, tries } of entries) {
      (author ? this.pairs : this.relays).set(author ? pairKey(url, author) : url, { hits, tries });
      if (author && hits > 0) this.source(author, url);
    }
  }
}

const pairKey = (url: string, author: string) => `${url}\n${author}`;

function bump(map: Map<string, Tally>, key: string, hit: boolean): void {
  const tally = map.get(key) ?? { hits: 0, tries: 0 };
  tally.tries++;
  if (hit) tally.hits++;
  map.set(key, tally);
}
