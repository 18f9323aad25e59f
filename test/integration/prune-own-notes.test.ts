// Pruning spares the user's own notes, profile and follow list through the real client:
// the client reads who the user is from the key file and opens the cache with that
// (src/client/client.ts), the test never hands the store a pubkey. The cap comes from
// NOSTR_TUI_CACHE_MB, as a user would set it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { KeyStore } from '../../src/store/keys.js';
import { openStore } from '../../src/store/open.js';
import { resolvePaths } from '../../src/store/paths.js';

const NOW = 1_700_000_000;
let counter = 0;
/** The cache does not verify (the pool did), so these need no real signature. */
function event(pubkey: string, kind: number, created_at: number, tags: string[][] = []): Event {
  return { id: (++counter).toString(16).padStart(64, '0'), pubkey, created_at, kind, tags, content: 'x'.repeat(800), sig: 'c'.repeat(128) };
}

describe('pruning through the client', () => {
  it('a 1 MB cache full of others’ newer notes keeps every one of the user’s own, oldest of all', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-prune-'));
    const me = getPublicKey(generateSecretKey());
    const other = getPublicKey(generateSecretKey());
    new KeyStore(home).save({ pubkey: me });
    const env = { NOSTR_TUI_HOME: home, NOSTR_TUI_CACHE_MB: '1' };
    const paths = resolvePaths(env);
    const client = createClient({ paths, env, clock: { now: () => NOW * 1000 }, retryOutbox: false });

    const mine = [event(me, 0, 1), event(me, 3, 2, [['p', other]]), event(me, 1, 3), event(me, 1, 4), event(me, 6, 5)];
    const theirs: Event[] = [];
    try {
      const store = client.store().events;
      store.putMany(mine);
      for (let batch = 0; batch < 30; batch++) {
        const events = Array.from({ length: 100 }, (_, i) => event(other, 1, 1_000 + batch * 100 + i));
        theirs.push(...events);
        store.putMany(events);
      }
    } finally {
      await client.close();
    }

    // Read back with a store that knows nothing of the user.
    const check = openStore(paths.dataDir, { clock: { now: () => NOW * 1000 } });
    try {
      const stats = check.events.stats();
      expect(stats.bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(check.events.query([{ authors: [other] }]).length).toBeLessThan(theirs.length); // it did prune
      expect(mine.filter((e) => !check.events.has(e.id)).map((e) => e.kind)).toEqual([]);
    } finally {
      check.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
