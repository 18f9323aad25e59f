// Quoted notes fetched for the screen (issue #13) from real relays: the quote's relay hint is
// asked besides the user's relays, what arrives is cached, a note no relay has is reported
// missing, and a later run answers from the cache. A note is shown as it comes, not when the
// slowest relay has answered, and a relay that stalled earlier in the run is not waited for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { neventEncode } from 'nostr-tools/nip19';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuoteDirectory } from '../../src/client/quotes.js';
import { StalledRelays } from '../../src/client/stalled-relays.js';
import { quoteRefs } from '../../src/core/quotes.js';
import { createPool } from '../../src/net/pool.js';
import { openStore } from '../../src/store/open.js';
import { signed, startFaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const clock = { now: () => NOW * 1000 };
const spec = (url: string) => ({ url, read: true, write: true });

describe('the quote directory', () => {
  let mine: TestRelay;
  let hinted: TestRelay;
  const bob = generateSecretKey();
  const quoted = signed(bob, { created_at: NOW - 600, content: 'the original' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-quotes-'));

  beforeAll(async () => {
    [mine, hinted] = await Promise.all([startRelay(), startRelay()]);
    await hinted.seed(quoted);
  });
  afterAll(async () => {
    await Promise.all([mine.stop(), hinted.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds a quoted note on the relay its nevent hints at, caches it, and reports one nobody has', async () => {
    const store = openStore(dataDir, { clock });
    const pool = createPool({ relays: [spec(mine.url)], clock });
    const quoting = signed(generateSecretKey(), {
      created_at: NOW,
      content: `so true nostr:${neventEncode({ id: quoted.id, relays: [hinted.url], author: getPublicKey(bob) })}`,
      tags: [['q', 'e'.repeat(64), mine.url]],
    });
    const refs = quoteRefs(quoting);
    expect(refs).toEqual([
      { id: quoted.id, relays: [hinted.url], author: getPublicKey(bob) },
      { id: 'e'.repeat(64), relays: [mine.url] },
    ]);
    const quotes = createQuoteDirectory({ pool, store: store.events, relays: () => [mine.url], batchMs: 0 });
    let changes = 0;
    quotes.onChange(() => changes++);
    quotes.request(refs);
    expect(quotes.get(quoted.id)).toBeUndefined();
    await until(() => quotes.get('e'.repeat(64)) === null || undefined, 'the batch to be answered');
    expect(quotes.get(quoted.id)).toEqual(quoted);
    expect(changes).toBeGreaterThan(0);
    // Asked once: a second request sends nothing more.
    quotes.request(refs);
    expect(store.events.query([{ ids: [quoted.id] }])).toEqual([quoted]);
    quotes.close();
    await pool.close();
    store.close();
  });

  it('answers from the cache in a later run, without the hint', async () => {
    const store = openStore(dataDir, { clock });
    const pool = createPool({ relays: [spec(mine.url)], clock });
    const quotes = createQuoteDirectory({ pool, store: store.events, relays: () => [mine.url], batchMs: 0 });
    let changed = false;
    quotes.onChange(() => (changed = true));
    quotes.request([{ id: quoted.id, relays: [] }]);
    await until(() => changed || undefined, 'the cached note');
    expect(quotes.get(quoted.id)).toEqual(quoted);
    quotes.close();
    await pool.close();
    store.close();
  });

  it('shows a note as soon as a relay sends it, and does not wait for a relay that stalled earlier in the run', async () => {
    // Takes every request and never answers; time never moves, so a wait for it would never end.
    const silent = await startFaultRelay({});
    const timers = new ManualTimers(NOW * 1000);
    const pool = createPool({ relays: [spec(mine.url), spec(silent.url)], clock: timers, timers });
    await mine.seed(quoted);
    const stalled = new StalledRelays();
    const quotes = createQuoteDirectory({ pool, relays: () => [mine.url, silent.url], batchMs: 0, stalled });
    try {
      quotes.request([{ id: quoted.id, relays: [] }]);
      await until(() => quotes.get(quoted.id), 'the note, while the silent relay has not answered');
      expect(quotes.get(quoted.id)).toEqual(quoted);
      // Known to stall: a note nobody has is found missing without waiting for it.
      stalled.add(silent.url);
      const nobodys = 'f'.repeat(64);
      quotes.request([{ id: nobodys, relays: [] }]);
      await until(() => quotes.get(nobodys) === null || undefined, 'missing, at once');
    } finally {
      quotes.close();
      await pool.close();
      await silent.stop();
    }
  });
});
