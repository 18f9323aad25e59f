// VerifiedEvents (src/net/verified-events.ts) with a verifier whose answers the test
// releases by hand, as the nostr-wasm workers answer: later, in any order, or with an
// error. Whatever the timing, a forged copy is never handed on, a verifier error is a
// refusal, and a valid copy is checked once.
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { MAX_VERIFIED, VerifiedEvents } from '../../src/net/verified-events.js';
import { pureVerifier, type SignatureVerifier } from '../../src/net/verify.js';
import { signed, withBadSig } from '../helpers/fault-relay.js';

const sk = generateSecretKey();
const good = signed(sk, { created_at: 1_700_000_000, content: 'the real one' });
const other = signed(sk, { created_at: 1_700_000_001, content: 'another' });
const forged = withBadSig(good, other); // same id, another event's signature
const any = () => true;
const truth = pureVerifier();

/** Answers only when the test says so: `answer(i)` gives call i the true verdict, `fail(i)` rejects it. */
function handVerifier() {
  const calls: Array<{ event: Event; resolve: (ok: boolean) => void; reject: (e: Error) => void }> = [];
  const verifier: SignatureVerifier = {
    name: 'by hand',
    verify: (event) => new Promise<boolean>((resolve, reject) => calls.push({ event, resolve, reject })),
    close() {},
  };
  return {
    verifier,
    calls,
    answer: (i: number) => calls[i]!.resolve(truth.verify(calls[i]!.event) as boolean),
    fail: (i: number) => calls[i]!.reject(new Error('worker died')),
  };
}

describe('VerifiedEvents with a verifier that answers later', () => {
  it('a verifier error is a refusal, and nothing is remembered as verified', async () => {
    const hand = handVerifier();
    const verified = new VerifiedEvents(hand.verifier);
    const verdict = verified.verify(good, any);
    hand.fail(0);
    expect(await verdict).toBe('invalid');
    expect(verified.get(good.id)).toBeUndefined();
    expect(verified.pending(good.id)).toBeUndefined();
    expect(verified.copy(good.id)).toBeUndefined();
  });

  it('a copy with the same signature waits for the first check instead of starting its own', async () => {
    const hand = handVerifier();
    const verified = new VerifiedEvents(hand.verifier);
    const first = verified.verify(good, any);
    expect(verified.pending(good.id)).toBeInstanceOf(Promise);
    expect(verified.copy(good.id)).toBe(good);
    const second = verified.verify({ ...good }, any);
    const offFilter = verified.verify({ ...good }, () => false);
    expect(hand.calls).toHaveLength(1);
    hand.answer(0);
    expect(await first).toBe(good);
    expect(await second).toBe(good);
    expect(await offFilter).toBe('offFilter');
    expect(verified.get(good.id)).toBe(good);
    expect(verified.pending(good.id)).toBeUndefined();
  });

  it('a forged copy arriving while the valid one is checked gets its own check, and is refused', async () => {
    const hand = handVerifier();
    const verified = new VerifiedEvents(hand.verifier);
    const first = verified.verify(good, any);
    const copy = verified.verify(forged, any);
    hand.answer(0);
    expect(await first).toBe(good);
    await new Promise((resolve) => setImmediate(resolve));
    expect(hand.calls.map((c) => c.event.sig)).toEqual([good.sig, forged.sig]);
    hand.answer(1);
    expect(await copy).toBe('invalid');
    expect(verified.get(good.id)).toBe(good);
  });

  it('a valid copy arriving while a forged first copy is checked is checked itself and handed on', async () => {
    const hand = handVerifier();
    const verified = new VerifiedEvents(hand.verifier);
    const bad = verified.verify(forged, any);
    const real = verified.verify(good, any);
    hand.answer(0);
    expect(await bad).toBe('invalid');
    await new Promise((resolve) => setImmediate(resolve));
    expect(hand.calls).toHaveLength(2);
    hand.answer(1);
    expect(await real).toBe(good);
    expect(verified.get(good.id)).toBe(good);
  });

  it('two copies with the same forged signature are both refused', async () => {
    const hand = handVerifier();
    const verified = new VerifiedEvents(hand.verifier);
    const a = verified.verify(forged, any);
    const b = verified.verify({ ...forged }, any);
    hand.answer(0);
    expect(await a).toBe('invalid');
    await new Promise((resolve) => setImmediate(resolve));
    hand.answer(1);
    expect(await b).toBe('invalid');
    expect(verified.get(good.id)).toBeUndefined();
  });
});

describe('VerifiedEvents with a synchronous verifier', () => {
  it('an id already verified: the same signature is not checked again; another signature is', () => {
    let calls = 0;
    const counting: SignatureVerifier = { name: 'counting', verify: (e) => (calls++, truth.verify(e)), close() {} };
    const verified = new VerifiedEvents(counting);
    expect(verified.verify(good, any)).toBe(good);
    expect(verified.verify({ ...good }, any)).toBe(good);
    expect(verified.verify({ ...good }, () => false)).toBe('offFilter');
    expect(calls).toBe(1);
    expect(verified.verify(forged, any)).toBe('invalid');
    expect(calls).toBe(2);
    expect(verified.verifierName).toBe('counting');
  });

  it('off-filter events are not checked at all', () => {
    let calls = 0;
    const verified = new VerifiedEvents({ name: 'x', verify: () => (calls++, true), close() {} });
    expect(verified.verify(forged, () => false)).toBe('offFilter');
    expect(calls).toBe(0);
  });

  it('forgets the oldest ids past its size, keeping exactly `max`', () => {
    const verified = new VerifiedEvents(truth, 2);
    const events = [0, 1, 2].map((i) => signed(sk, { created_at: i + 1, content: `n${i}` }));
    for (const e of events) expect(verified.verify(e, any)).toBe(e);
    expect(events.map((e) => verified.get(e.id) !== undefined)).toEqual([false, true, true]);
  });

  it(`by default remembers the last ${MAX_VERIFIED} (issue #16 item 5); a copy of one forgotten is checked again, not lost`, () => {
    // The cap, not the signatures, is under test: a verifier that accepts everything and counts.
    let checks = 0;
    const verified = new VerifiedEvents({ name: 'counting', verify: () => (checks++, true), close() {} });
    const hex = (n: number) => n.toString(16).padStart(64, '0');
    const note = (n: number): Event => ({ id: hex(n), pubkey: hex(1), created_at: 1_700_000_000 - n, kind: 1, tags: [], content: '', sig: 'a'.repeat(128) });
    for (let n = 0; n <= MAX_VERIFIED; n++) verified.verify(note(n), any);
    expect(checks).toBe(MAX_VERIFIED + 1);
    expect(verified.get(hex(0))).toBeUndefined();
    expect(verified.get(hex(1))).toBeDefined();
    // The newest copy is settled from memory; the oldest is checked again and handed on.
    expect(verified.verify(note(MAX_VERIFIED), any)).toMatchObject({ id: hex(MAX_VERIFIED) });
    expect(checks).toBe(MAX_VERIFIED + 1);
    expect(verified.verify(note(0), any)).toMatchObject({ id: hex(0) });
    expect(checks).toBe(MAX_VERIFIED + 2);
  });
});
