// The profile directory remembers at most MAX_PROFILES authors (issue #16 item 5): every author
// who scrolled through a long Global session stayed, with their whole profile. Past the cap the
// author asked for longest ago is forgotten; shown again, they are asked for again. The relays are
// a scripted pool answering every author's kind 0 (the cap is under test, not the network).
import type { Event, Filter } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { createProfileDirectory, MAX_PROFILES } from '../../src/client/profiles.js';
import type { FetchOptions, RelayPool } from '../../src/net/types.js';
import { until } from '../helpers/until.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const profile = (pubkey: string): Event => ({
  id: `f${pubkey.slice(1)}`,
  pubkey,
  created_at: 1_700_000_000,
  kind: 0,
  tags: [],
  content: JSON.stringify({ name: `name of ${pubkey.slice(-6)}` }),
  sig: '0'.repeat(128),
});

describe('profile directory cap', () => {
  it(`past ${MAX_PROFILES} authors the one asked for longest ago is forgotten, and fetched again when shown again`, async () => {
    const asked: string[] = [];
    const pool = {
      query: async (filters: Filter[], opts: FetchOptions) => {
        const authors = filters.flatMap((f) => f.authors ?? []);
        asked.push(...authors);
        await Promise.resolve();
        const events = authors.map(profile);
        for (const event of events) opts.onevent?.(event, 'ws://fake');
        return { events, relays: [] };
      },
    } as unknown as RelayPool;
    const profiles = createProfileDirectory({ pool, batchMs: 0 });
    const first = hex(0);
    const kept = hex(1);
    profiles.request([first, kept]);
    await until(() => profiles.get(first) && profiles.get(kept), 'both profiles');
    expect(profiles.get(first)?.name).toBe('name of 000000');
    // A screenful at a time; `kept` stays on screen (asked again with every screen).
    for (let n = 2; n < MAX_PROFILES + 2; n += 25) profiles.request([kept, ...Array.from({ length: 25 }, (_, i) => hex(n + i))]);
    await until(() => profiles.get(hex(MAX_PROFILES + 1)), 'the last profile');
    expect(profiles.get(first)).toBeUndefined();
    expect(profiles.get(kept)?.name).toBe('name of 000001');
    expect(asked.filter((pk) => pk === kept)).toHaveLength(1);
    // Shown again: asked again, and known again.
    profiles.request([first]);
    await until(() => profiles.get(first), 'the forgotten profile again');
    expect(asked.filter((pk) => pk === first)).toHaveLength(2);
    profiles.close();
  });
});
