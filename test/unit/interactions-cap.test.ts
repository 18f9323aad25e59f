// The interactions service remembers the lookups of at most MAX_LOOKUPS notes (issue #16 item 5:
// one per note that scrolled through a long session). Past the cap the note asked about longest ago
// is looked up again when asked again; what the user did stays known meanwhile. The cache and the
// relays are scripted (the cap is under test, not the network).
import type { Event, Filter } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { createInteractions, MAX_LOOKUPS } from '../../src/client/interactions.js';
import { until } from '../helpers/until.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const ME = hex(7);

describe('interactions lookups cap', () => {
  it(`past ${MAX_LOOKUPS} notes the one asked about longest ago is looked up again when asked again; the user's like stays known`, async () => {
    const first = hex(1_000_000);
    const kept = hex(1_000_001);
    const like: Event = { id: hex(5), pubkey: ME, created_at: 1_700_000_000, kind: 7, tags: [['e', first]], content: '+', sig: '0'.repeat(128) };
    const lookedUp: string[] = [];
    const interactions = createInteractions({
      clock: { now: () => 1_700_000_000_000 },
      me: () => ME,
      cached: (filters: Filter[]) => {
        const ids = filters.flatMap((f) => f['#e'] ?? []);
        lookedUp.push(...ids);
        return ids.includes(first) ? [like] : [];
      },
      fetch: async () => [],
      publish: async () => {
        throw new Error('nothing is published here');
      },
      resend: async () => {
        throw new Error('nothing is sent again here');
      },
      batchMs: 0,
    });
    interactions.request([first, kept]);
    await until(() => interactions.state(first).liked, 'the like found');
    // A screenful at a time; `kept` stays on screen (asked again with every screen).
    for (let n = 0; n < MAX_LOOKUPS; n += 20) interactions.request([kept, ...Array.from({ length: 20 }, (_, i) => hex(n + i))]);
    await until(() => lookedUp.includes(hex(MAX_LOOKUPS - 1)), 'the last note looked up');
    expect(interactions.state(first).liked).toBe(true);
    interactions.request([first, kept]);
    await until(() => lookedUp.filter((id) => id === first).length === 2, 'the forgotten note looked up again');
    expect(lookedUp.filter((id) => id === kept)).toHaveLength(1);
    expect(interactions.state(first).liked).toBe(true);
  });
});
