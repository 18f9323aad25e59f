// The cache is never the truth about completeness (issue 10, DESIGN.md §1):
// a differential test. Random sequences of requests (Global, Home, a profile;
// different limits, since, until, authors), with cache clears and new events
// published between steps (some dated in the middle of what is cached), are
// (and Mentions, a `#p` filter) answered twice against the real relay: with the warm cache of the sequence
// so far, and with no cache. The newest `limit` notes must be the same.
// Replay a failure with NOSTR_TUI_DIFF_SEED=<seed> (and NOSTR_TUI_DIFF_RUNS).
import type { Event, Filter } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { globalFilters, HOME_KINDS, homeFilters, mentionFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import type { LocalStore } from '../../src/store/open.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { seededRandom } from '../helpers/fuzz.js';
import { openTempStore } from '../helpers/store.js';

const NOW = 1_700_000_000;
const DAY = 86_400;
const RUNS = Number(process.env.NOSTR_TUI_DIFF_RUNS ?? 1_000);
const SEED = process.env.NOSTR_TUI_DIFF_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.NOSTR_TUI_DIFF_SEED ?? 20_261_201);
const clock = { now: () => NOW * 1000 };

/** A seeded generator (mulberry32, test/helpers/fuzz.ts), so a sequence can be replayed from its seed. */
function random(seed: number) {
  const next = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: <T>(list: readonly T[]) => list[int(0, list.length - 1)]! };
}

const keys = Array.from({ length: 8 }, () => generateSecretKey());
const pubkeys = keys.map((k) => getPublicKey(k));

/** Notes and reposts over three days; about one in ten shares its second with another. */
function baseSet(): Event[] {
  const rng = random(7);
  return Array.from({ length: 240 }, (_, i) => {
    const at = NOW - rng.int(60, 3 * DAY);
    const key = keys[i % keys.length]!;
    // About a third mention one of the first two people (their Mentions).
    const tags = rng.next() < 0.35 ? [['p', pubkeys[rng.int(0, 1)]!]] : [];
    return rng.next() < 0.15
      ? signed(key, { kind: 6, created_at: at, tags: [['e', 'ab'.repeat(32)], ...tags], content: '' })
      : signed(key, { created_at: at, tags, content: `base ${i}` });
  });
}

type Request = { what: string; filters: Filter[]; limit: number };

function request(rng: ReturnType<typeof random>): Request {
  const limit = rng.pick([1, 2, 5, 10, 20]);
  const since = NOW - rng.pick([3_600, 6 * 3_600, DAY, 2 * DAY, 4 * DAY]);
  const until = rng.next() < 0.3 ? NOW - rng.int(0, 2 * DAY) : undefined;
  const kind = rng.pick(['global', 'home', 'profile', 'mentions'] as const);
  if (kind === 'mentions') {
    const who = pubkeys[rng.int(0, 1)]!;
    return { what: `mentions of ${who.slice(0, 8)} limit ${limit} since ${since} until ${until}`, filters: mentionFilters(who, since, limit, until), limit };
  }
  if (kind === 'global') return { what: `global limit ${limit} since ${since} until ${until}`, filters: globalFilters(since, limit, until), limit };
  if (kind === 'profile') {
    const author = rng.pick(pubkeys);
    const filter: Filter = { kinds: [...HOME_KINDS], authors: [author], limit, ...(until ? { until } : {}) };
    return { what: `profile ${author.slice(0, 8)} limit ${limit} until ${until}`, filters: [filter], limit };
  }
  const authors = pubkeys.filter(() => rng.next() < 0.5);
  if (authors.length === 0) authors.push(rng.pick(pubkeys));
  return { what: `home ${authors.length} authors limit ${limit} since ${since} until ${until}`, filters: homeFilters(authors, since, limit, until), limit };
}

describe('warm cache versus empty cache, on the real relay', () => {
  let relay: TestRelay;
  let pool: RelayPool;
  let store: LocalStore;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(...baseSet());
    pool = createPool({ relays: [{ url: relay.url, read: true, write: false }], clock, eoseTimeoutMs: 10_000 });
    store = openTempStore();
  });
  afterAll(async () => {
    await pool?.close();
    store?.close();
    await relay?.stop();
  });

  /** The newest `limit` ids the feed shows once settled. */
  async function answer(req: Request, cache: LocalStore['events'] | undefined): Promise<string[]> {
    const feed = openFeed({ pool, clock, store: cache }, req.filters, { relays: [relay.url], batchMs: 0 });
    await feed.settled;
    const view = feed.timeline.view();
    const ids = Array.from({ length: Math.min(req.limit, view.length) }, (_, i) => view.at(i)!.event.id);
    feed.close(); // writes what arrived to the cache
    return ids;
  }

  it(`${RUNS} random sequences give the same notes with a warm cache as with none`, async () => {
    console.log(`warm-vs-empty: seed ${SEED}, ${RUNS} sequences (replay: NOSTR_TUI_DIFF_SEED=${SEED})`);
    const rng = random(SEED);
    let requests = 0;
    let published = 0;
    const started = performance.now();
    // The cache carries over from one sequence to the next (warm is the point); a step may clear it.
    for (let run = 0; run < RUNS; run++) {
      const steps = rng.int(1, 2);
      const log: string[] = [];
      for (let step = 0; step < steps; step++) {
        const roll = rng.next();
        if (roll < 0.05) {
          store.events.clear();
          log.push('cache clear');
          continue;
        }
        if (roll < 0.15) {
          // Someone publishes, dated anywhere in the last two days: maybe below what is cached.
          const tags = rng.next() < 0.3 ? [['p', pubkeys[rng.int(0, 1)]!]] : [];
          const event = signed(rng.pick(keys), { created_at: NOW - rng.int(60, 2 * DAY), tags, content: `new ${run}.${step}` });
          await relay.seed(event);
          published++;
          log.push(`published at ${event.created_at}`);
          continue;
        }
        const req = request(rng);
        log.push(req.what);
        const [warm, empty] = await Promise.all([answer(req, store.events), answer(req, undefined)]);
        requests++;
        expect(warm, `seed ${SEED}, sequence ${run}: ${log.join(' → ')}`).toEqual(empty);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`warm-vs-empty: ${RUNS} sequences, ${requests} requests compared, ${published} events published, ${seconds.toFixed(1)} s`);
  }, 180_000);
});
