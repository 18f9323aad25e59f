// The quote directory remembers at most MAX_QUOTES notes (issue #16 item 5): every quoted note
// that scrolled through a long Global session stayed, whole. Past the cap the one asked for longest
// ago is forgotten; back on screen, it is asked for again. The relays are a scripted pool that
// has every note but one (the cap is under test, not the network).
import type { Event, Filter } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { createQuoteDirectory, MAX_QUOTES } from '../../src/client/quotes.js';
import type { FetchOptions, RelayPool } from '../../src/net/types.js';
import { until } from '../helpers/until.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const note = (id: string): Event => ({ id, pubkey: hex(1), created_at: 1_700_000_000, kind: 1, tags: [], content: `note ${id.slice(-6)}`, sig: '0'.repeat(128) });
const ref = (n: number) => ({ id: hex(n), relays: [] });

describe('quote directory cap', () => {
  it(`past ${MAX_QUOTES} notes the one asked for longest ago is forgotten, and fetched again when shown again`, async () => {
    const missing = hex(999_999);
    const asked: string[] = [];
    // One relay that has every note but `missing`, answering at once.
    const pool = {
      query: async (filters: Filter[], opts: FetchOptions = {}) => {
        const ids = filters.flatMap((f) => f.ids ?? []);
        asked.push(...ids);
        const events = ids.filter((id) => id !== missing).map(note);
        for (const event of events) opts.onevent?.(event, 'wss://relay.example');
        return { events, relays: [{ url: 'wss://relay.example', eose: true, timedOut: false, events: events.length }] };
      },
    } as unknown as RelayPool;
    const quotes = createQuoteDirectory({ pool, relays: () => ['wss://relay.example'], batchMs: 0 });
    const first = hex(0);
    const kept = hex(1);
    quotes.request([ref(0), ref(1), { id: missing, relays: [] }]);
    await until(() => quotes.get(first) && quotes.get(kept) && quotes.get(missing) === null, 'both notes, and one missing');
    // A screenful at a time; `kept` stays on screen (asked again with every screen).
    for (let n = 2; n < MAX_QUOTES + 2; n += 20) quotes.request([ref(1), ...Array.from({ length: 20 }, (_, i) => ref(n + i))]);
    await until(() => quotes.get(hex(MAX_QUOTES + 1)), 'the last note');
    expect(quotes.get(first)).toBeUndefined();
    expect(quotes.get(missing)).toBeUndefined();
    expect(quotes.get(kept)?.content).toBe('note 000001');
    expect(asked.filter((id) => id === kept)).toHaveLength(1);
    // Back on screen: asked again, and known again.
    quotes.request([ref(0)]);
    await until(() => quotes.get(first), 'the forgotten note again');
    expect(asked.filter((id) => id === first)).toHaveLength(2);
    quotes.close();
  });
});
