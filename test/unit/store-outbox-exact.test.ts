// Outbox bookkeeping at the edges the mutation run found untested (npm run mutate):
// one accepting relay among refusing ones delivers the entry, results are read back as
// recorded (ok included), results for an id never added are not kept for a later entry,
// and relay reasons are read after leading spaces (NIP-01 prefixes).
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import type { PublishResult } from '../../src/net/types.js';
import { isDelivered, isPermanentRejection } from '../../src/store/outbox.js';
import { tempStores } from '../helpers/store.js';

const sk = generateSecretKey();
const note = (text: string) => finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: text }, sk);
const A = 'wss://a.example';
const B = 'wss://b.example';
const result = (url: string, outcome: PublishResult['outcome'], message = ''): PublishResult => ({ url, ok: outcome === 'accepted', outcome, message });

describe('outbox bookkeeping', () => {
  const open = tempStores();

  it('one relay accepting is enough: the entry is delivered though another refused', () => {
    const { outbox } = open();
    const event = note('one of two');
    outbox.add(event);
    outbox.record(event.id, [result(A, 'accepted'), result(B, 'rejected', 'blocked: no')]);
    expect(outbox.pending()).toEqual([]);
    const stored = outbox.get(event.id)!;
    expect(stored.deliveredAt).toBeDefined();
    // Read back exactly as recorded, ok included, one per relay in URL order.
    expect(stored.results).toEqual([result(A, 'accepted'), result(B, 'rejected', 'blocked: no')]);
  });

  it('results recorded for an id that is not in the outbox are not kept for it', () => {
    const { outbox } = open();
    const event = note('recorded before it was added');
    outbox.record(event.id, [result(A, 'rejected', 'error: later')]);
    expect(outbox.get(event.id)).toBeUndefined();
    outbox.add(event);
    expect(outbox.pending().map((e) => [e.event.id, e.results])).toEqual([[event.id, []]]);
  });

  it('reads NIP-01 prefixes after leading spaces, whatever the case', () => {
    expect(isDelivered({ ok: false, message: '  Duplicate: already have it' })).toBe(true);
    expect(isDelivered({ ok: false, message: 'not a duplicate: x' })).toBe(false);
    expect(isPermanentRejection({ ok: false, outcome: 'rejected', message: '  BLOCKED: spam' })).toBe(true);
    expect(isPermanentRejection({ ok: false, outcome: 'rejected', message: 'error: blocked: later' })).toBe(false);
    expect(isPermanentRejection({ ok: false, outcome: 'timeout', message: 'blocked: x' })).toBe(false);
  });
});
