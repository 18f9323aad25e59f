// The counts service remembers at most MAX_COUNTED_NOTES notes (issue #16 item 5): every note that
// scrolled through a long Global session stayed counted, with every reaction to it. Past the cap
// the note asked for longest ago is forgotten with its counts; asked again, the cache answers.
// The relays are a scripted subscription (what is under test is the cap, not the network).
import type { Event, Filter } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { createCounts, MAX_COUNTED_NOTES } from '../../src/client/counts.js';
import { until } from '../helpers/until.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const like = (note: string, n: number): Event => ({
  id: hex(1_000_000 + n),
  pubkey: hex(2_000_000 + n),
  created_at: 1_700_000_000,
  kind: 7,
  tags: [['e', note]],
  content: '+',
  sig: '0'.repeat(128),
});

describe('counts service cap', () => {
  it(`past ${MAX_COUNTED_NOTES} notes the one asked for longest ago is forgotten, and counted again from the cache when asked again`, async () => {
    const first = hex(0);
    const kept = hex(1);
    const cache = [like(first, 0), like(kept, 1)];
    const live: Array<(event: Event) => void> = [];
    let asked = 0;
    const counts = createCounts({
      me: () => undefined,
      cached: (filters: Filter[]) => {
        asked++;
        const ids = new Set(filters.flatMap((f) => f['#e'] ?? []));
        return cache.filter((event) => ids.has(event.tags[0]![1]!));
      },
      subscribe: (_filters, onevent) => {
        live.push(onevent);
        return { close() {} };
      },
      batchMs: 0,
    });
    counts.request([first, kept]);
    await until(() => counts.get(first).reactions === 1 && counts.get(kept).reactions === 1, 'both counted');
    // A screenful at a time; `kept` stays in view (asked again with every screen).
    for (let n = 2; n < MAX_COUNTED_NOTES + 2; n += 20) {
      counts.request([kept, ...Array.from({ length: 20 }, (_, i) => hex(n + i))]);
    }
    const before = asked;
    await until(() => asked > before && asked === before + Math.ceil(MAX_COUNTED_NOTES / 100), 'the new notes asked for');
    expect(counts.get(first)).toMatchObject({ reactions: 0 });
    expect(counts.get(kept)).toMatchObject({ reactions: 1 });
    // A live like of the forgotten note is not counted: it is not asked about any more.
    for (const onevent of live) onevent(like(first, 2));
    expect(counts.get(first).reactions).toBe(0);
    // Back in view: asked again, the cache answers (and the live like is in the cache by now).
    cache.push(like(first, 2));
    counts.request([first]);
    await until(() => counts.get(first).reactions === 2, 'the forgotten note counted again');
    counts.close();
  });
});
