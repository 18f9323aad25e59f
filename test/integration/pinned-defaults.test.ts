// The documented defaults, pinned (README "Security" and "Timeline and relays"): events
// dated more than 15 minutes ahead are held back, the pool waits 5 s for EOSE, keys are
// encrypted with scrypt log2(N) = 16. Each is tested at its edge, through the code that
// uses the default (no option passed), so moving it fails a test.
import { bech32 } from '@scure/base';
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { Timeline } from '../../src/core/timeline.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { KeySecurity, decryptSecret, encryptSecret } from '../../src/store/keys.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const sk = generateSecretKey();

describe('pinned defaults', () => {
  it('an event 14 min 59 s ahead is shown; one 15 min 1 s ahead is held back until its time comes', () => {
    const clock = { t: NOW * 1000, now: () => clock.t };
    const timeline = new Timeline({ clock }); // the default, as the feed uses it
    const shown = signed(sk, { created_at: NOW + 14 * 60 + 59, content: 'just inside' });
    const held = signed(sk, { created_at: NOW + 15 * 60 + 1, content: 'just outside' });
    timeline.add(shown);
    timeline.add(held);
    expect(timeline.entries().map((e) => e.event.id)).toEqual([shown.id]);
    clock.t += 999; // still more than 15 min ahead
    expect(timeline.releaseDue()).toBe(0);
    clock.t += 1; // exactly 15 min ahead: shown
    expect(timeline.releaseDue()).toBe(1);
    expect(timeline.entries().map((e) => e.event.id)).toEqual([held.id, shown.id]);
  });

  it('NIP-49 keys are encrypted with scrypt log2(N) = 16 unless told otherwise', { timeout: 60_000 }, () => {
    const secret = generateSecretKey();
    const ncryptsec = encryptSecret(secret, 'correct horse battery', KeySecurity.secure);
    const bytes = bech32.fromWords(bech32.decode(ncryptsec as `${string}1${string}`, 5_000).words);
    expect(bytes[0]).toBe(0x02); // NIP-49 version
    expect(bytes[1]).toBe(16); // log_n
    expect(bytes[42]).toBe(KeySecurity.secure);
    expect(decryptSecret(ncryptsec, 'correct horse battery')).toEqual(secret);
  });

  describe('the 5 s EOSE timeout', () => {
    let relay: FaultRelay | undefined;
    let pool: RelayPool | undefined;
    afterEach(async () => {
      await pool?.close();
      await relay?.stop();
    });

    it('a relay that never sends EOSE is given up on after 5,000 ms, not 1 ms sooner', async () => {
      const event: Event = signed(sk, { created_at: NOW - 1, content: 'sent, but no EOSE' });
      relay = await startFaultRelay({ onReq: (req) => req.event(event) });
      const timers = new ManualTimers(NOW * 1000);
      pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock: timers, timers });
      let settled: Awaited<ReturnType<RelayPool['query']>> | undefined;
      const querying = pool.query([{ kinds: [1] }]).then((r) => (settled = r));
      await until(() => pool!.status()[0]!.counts.received === 1, 'the event');
      timers.advance(4_999);
      await new Promise((resolve) => setImmediate(resolve)); // a result due now would arrive within this turn
      expect(settled).toBeUndefined();
      timers.advance(1);
      await querying;
      expect(settled!.relays).toEqual([{ url: relay.url, eose: false, timedOut: true, events: 1 }]);
      expect(settled!.events).toEqual([event]);
    });
  });
});
