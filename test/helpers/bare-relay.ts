// A PoolRelay with no socket and a verifier that accepts everything, driven
// through its message handler: for tests of what it does with messages (caps,
// inbox, ordering), not of signatures. `event(n)` makes distinct kind-1 events.
import type { Event } from 'nostr-tools';
import { emptyCounts } from '../../src/net/connection.js';
import { Drain } from '../../src/net/drain.js';
import { PoolRelay } from '../../src/net/relay.js';
import { VerifiedEvents } from '../../src/net/verified-events.js';

export function bareRelay(): PoolRelay {
  const acceptAll = { name: 'accept-all', verify: () => true, close() {} };
  return new PoolRelay('ws://127.0.0.1:1', {
    verified: new VerifiedEvents(acceptAll),
    drain: new Drain(),
    counts: emptyCounts(),
    WebSocket: class {} as unknown as typeof WebSocket,
    now: () => 1_700_000_000,
    onchange() {},
    onnotice() {},
    onauth() {},
  });
}

const hex = (n: number) => n.toString(16).padStart(64, '0');

export const numberedEvent = (n: number): Event => ({ id: hex(n), pubkey: hex(1), created_at: 1_700_000_000 - n, kind: 1, tags: [], content: '', sig: '0'.repeat(128) });
export const numberedId = hex;
