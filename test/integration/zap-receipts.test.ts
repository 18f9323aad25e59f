// Zap receipts (NIP-57) through the pool, from the real relay: only a receipt whose zap request
// is signed by its sender, and is for the same person, note and amount, is a zap. Anyone can sign
// a receipt naming anyone as the sender of any amount.
import type { Event } from 'nostr-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { classify } from '../../src/core/notifications.js';
import { BOLT11_2100_SATS, person, zapReceipt } from '../helpers/notification-events.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const [me, alice, mallory, wallet, other] = [person(), person(), person(), person(), person()];
const note = me.sign(1, [], 'my note', NOW - 3_600);
const real = zapReceipt(wallet, alice, me.pk, note, NOW - 100, 'thanks!');

/** A receipt signed by `signer` carrying `request` as its description. */
const receiptWith = (signer: typeof wallet, request: unknown, at: number, tags: string[][] = [['p', me.pk], ['e', note.id]]): Event =>
  signer.sign(9735, [...tags, ['bolt11', BOLT11_2100_SATS], ['description', JSON.stringify(request)]], '', at);
const aliceRequest = JSON.parse(real.tags.find((tag) => tag[0] === 'description')![1]!) as Event;

const forged = {
  // Mallory's receipt claims Alice zapped: the request is Alice's, altered.
  'an altered request': receiptWith(mallory, { ...aliceRequest, content: 'mallory was here' }, NOW - 90),
  // Alice's real request to someone else, put in a receipt to me.
  'another recipient’s request': receiptWith(mallory, JSON.parse(zapReceipt(wallet, alice, other.pk, undefined, NOW - 80).tags.find((t) => t[0] === 'description')![1]!), NOW - 80),
  // The request is for 2,100 sats; the invoice says 250,000.
  'an invoice for another amount': mallory.sign(9735, [['p', me.pk], ['e', note.id], ['bolt11', 'lnbc2500u1p' + 'q'.repeat(60)], ['description', JSON.stringify(aliceRequest)]], '', NOW - 70),
  // Alice's request for this note, in a receipt for another note.
  'another note': receiptWith(mallory, aliceRequest, NOW - 60, [['p', me.pk], ['e', 'ab'.repeat(32)]]),
  'no request at all': mallory.sign(9735, [['p', me.pk], ['e', note.id], ['P', alice.pk], ['bolt11', BOLT11_2100_SATS]], '', NOW - 50),
  'a request that is not JSON': receiptWith(mallory, 'not json', NOW - 40),
};

describe('zap receipts through the pool', () => {
  let relay: TestRelay;
  let pool: RelayPool;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(real, ...Object.values(forged));
    pool = createPool({ relays: [{ url: relay.url, read: true, write: false }], clock: { now: () => NOW * 1000 } });
  });
  afterAll(async () => {
    await pool.close();
    await relay.stop();
  });

  it('hands on only the receipt whose zap request holds; the others count as bad signatures', async () => {
    const { events, relays } = await pool.query([{ kinds: [9735], '#p': [me.pk] }]);
    expect(events.map((event) => event.id)).toEqual([real.id]);
    expect(classify(events[0]!, me.pk)).toMatchObject({ type: 'zap', actor: alice.pk, sats: 2100, target: note.id, text: 'thanks!' });
    expect(relays[0]).toMatchObject({ eose: true });
    expect(pool.status()[0]!.counts.invalid).toBe(Object.keys(forged).length);
  });
});
