// The UI's retry while it runs (src/client/outbox-retry.ts), on a real relay and store: a note
// whose last try failed goes out once its back-off has run out, not before, and never one that
// was not tried yet (its first publish may still be under way). The relay coming back is
// test/ui/unsent-mark.test.tsx.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { keepRetrying } from '../../src/client/outbox-retry.js';
import { createPool } from '../../src/net/pool.js';
import { retryDelayMs } from '../../src/store/outbox.js';
import { startRelay } from '../helpers/relay.js';
import { manualClock, openTempStore } from '../helpers/store.js';
import { until } from '../helpers/until.js';

const sk = generateSecretKey();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the outbox retried while the app runs', () => {
  it('sends a failed note once its back-off has run out, and leaves an untried one alone', async () => {
    const relay = await startRelay();
    const clock = manualClock();
    const store = openTempStore({ clock });
    const pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock });
    cleanup.push(() => relay.stop(), () => store.close(), () => pool.close());

    const failed = finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: 'timed out once' }, sk);
    const untried = finalizeEvent({ kind: 1, created_at: 1_700_000_001, tags: [], content: 'being sent now' }, sk);
    store.outbox.add(failed, [relay.url]);
    store.outbox.record(failed.id, [{ url: relay.url, ok: false, outcome: 'timeout', message: 'no answer' }]);
    store.outbox.add(untried, [relay.url]);

    let checks = 0;
    const retrying = keepRetrying({ outbox: () => (checks++, store.outbox), pool, writeRelays: () => [relay.url], clock, checkEveryMs: 5 });
    cleanup.push(() => retrying.close());
    await until(() => checks >= 3, 'three checks before the back-off ran out');
    expect(await relay.find({ ids: [failed.id, untried.id] })).toEqual([]);

    clock.advance(retryDelayMs(1));
    await until(() => store.outbox.get(failed.id)?.deliveredAt !== undefined, 'the failed note accepted');
    expect((await relay.find({ ids: [failed.id, untried.id] })).map((event) => event.id)).toEqual([failed.id]);
  });
});
