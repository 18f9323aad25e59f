// The user's relay list changed while running (the relays panel): the pool's
// default read and write relays follow it, and so does which relays are the
// user's (status roles). Two real relays on loopback.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const sk = generateSecretKey();
const now = Math.floor(Date.now() / 1000);
const note = (content: string) => finalizeEvent({ kind: 1, created_at: now, tags: [], content }, sk);

describe('pool.setRelays', () => {
  let one: TestRelay;
  let two: TestRelay;
  beforeAll(async () => {
    [one, two] = await Promise.all([startRelay(), startRelay()]);
    await one.seed(note('on one'));
    await two.seed(note('on two'));
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  it('reads from and writes to the new list when a request names no relays; roles follow the list', async () => {
    const pool = createPool({ relays: [{ url: one.url, read: true, write: true }] });
    try {
      const first = await pool.query([{ kinds: [1] }]);
      expect(first.events.map((e) => e.content)).toEqual(['on one']);

      pool.setRelays!([
        { url: one.url, read: true, write: false },
        { url: two.url, read: true, write: true },
      ]);
      const roles = () => Object.fromEntries(pool.status().map((s) => [s.url, s.roles]));
      expect(roles()).toEqual({ [one.url]: ['user'], [two.url]: ['user'] });
      const both = await pool.query([{ kinds: [1] }]);
      expect(both.events.map((e) => e.content).sort()).toEqual(['on one', 'on two']);
      // Written only where the list now says write.
      const written = note('written after the change');
      expect((await pool.publish(written)).map((r) => [r.url, r.ok])).toEqual([[two.url, true]]);
      expect(await one.find({ ids: [written.id] })).toEqual([]);

      // Relay one leaves the list: no longer the user's, and no longer asked by default.
      pool.setRelays!([{ url: two.url, read: true, write: true }]);
      expect(roles()[one.url] ?? []).toEqual([]);
      const after = await pool.query([{ kinds: [1] }]);
      expect(after.relays.map((r) => r.url)).toEqual([two.url]);
    } finally {
      await pool.close();
    }
  });
});
