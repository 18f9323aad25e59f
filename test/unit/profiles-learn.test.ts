// The user's own profile, just published from the form, is shown at once: the directory already
// knows the author, so asking the relays again did nothing and the old name stayed on screen.
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { createProfileDirectory } from '../../src/client/profiles.js';
import type { FetchOptions, RelayPool } from '../../src/net/types.js';
import { until } from '../helpers/until.js';

const ME = 'a'.repeat(64);
const kind0 = (name: string, created_at: number): Event => ({
  id: `${created_at}`.padStart(64, '0'),
  pubkey: ME,
  created_at,
  kind: 0,
  tags: [],
  content: JSON.stringify({ name }),
  sig: '0'.repeat(128),
});

describe('profile directory: learn', () => {
  it('takes a newer kind 0 of a known author and says so; an older one changes nothing', async () => {
    let queries = 0;
    const pool = {
      query: async (_filters: unknown, opts: FetchOptions) => {
        queries++;
        await Promise.resolve();
        opts.onevent?.(kind0('old', 100), 'ws://fake');
        return { events: [kind0('old', 100)], relays: [] };
      },
    } as unknown as RelayPool;
    const profiles = createProfileDirectory({ pool, batchMs: 0 });
    let changes = 0;
    profiles.onChange(() => changes++);
    profiles.request([ME]);
    await until(() => profiles.get(ME), 'the profile from the relays');
    expect(profiles.get(ME)?.name).toBe('old');
    const seen = changes;

    profiles.learn(kind0('new', 200));
    expect(profiles.get(ME)?.name).toBe('new');
    expect(changes).toBe(seen + 1);

    profiles.learn(kind0('older still', 150));
    expect(profiles.get(ME)?.name).toBe('new');
    expect(changes).toBe(seen + 1);
    // Nothing more was asked of the relays.
    expect(queries).toBe(1);
    profiles.close();
  });
});
