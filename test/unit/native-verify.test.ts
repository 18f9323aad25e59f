// The native verifier (libsecp256k1 through bcrypto) gives nostr-tools'
// answer on every event: valid ones, forged ones, malformed ones and a seeded
// stream of one-character mutations. A binding that answers wrongly is refused.
import type { Event } from 'nostr-tools';
import { generateSecretKey, verifyEvent } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { loadNativeCheck, soundCheck, type EventCheck } from '../../src/net/native-verify.js';
import { sharedVerifier } from '../../src/net/verify.js';
import { signed, withBadSig, withForgedContent } from '../helpers/fault-relay.js';
import { Fuzz } from '../helpers/fuzz.js';

const sk = generateSecretKey();
const good = Array.from({ length: 40 }, (_, i) =>
  signed(sk, { created_at: 1_700_000_000 + i, content: `note ${i} ✓ 漢字`, tags: [['t', `tag${i}`]] }),
);

/** nostr-tools' pure-JS answer; a fresh object, since verifyEvent remembers results on the object. */
const reference = (event: Event) => verifyEvent({ ...event });

function nativeCheck(): EventCheck {
  const check = loadNativeCheck();
  // bcrypto is an optional dependency; on the machines this project supports it builds.
  if (!check) throw new Error("bcrypto's native binding did not load: run `npm rebuild bcrypto` and read its output");
  return check;
}

describe('native verifier', () => {
  it('is the verifier the pool uses', () => {
    nativeCheck();
    expect(sharedVerifier().name).toBe('libsecp256k1 (native)');
  });

  it('accepts valid events and refuses forged ones, as nostr-tools does', () => {
    const check = nativeCheck();
    const cases: Event[] = [
      ...good,
      withBadSig(good[0]!, good[1]!),
      withForgedContent(good[2]!, 'changed'),
      { ...good[3]!, id: good[4]!.id },
      { ...good[5]!, created_at: good[5]!.created_at + 1 },
      { ...good[6]!, tags: [] },
    ];
    expect(cases.map(check)).toEqual(cases.map(reference));
    expect(cases.map(check).filter(Boolean)).toHaveLength(good.length);
  });

  it('returns false, without throwing, on malformed fields', () => {
    const check = nativeCheck();
    const e = good[7]!;
    // NIP-01: the sig is lowercase hex. nostr-tools accepts an uppercase one; the native check,
    // like the relay-message parser in front of it, does not.
    expect(check({ ...e, sig: e.sig.toUpperCase() })).toBe(false);
    const malformed: unknown[] = [
      { ...e, sig: e.sig.slice(0, 126) },
      { ...e, sig: e.sig.slice(0, 126) + 'zz' },
      { ...e, sig: e.sig + '00' },
      { ...e, sig: 'f'.repeat(128) }, // r >= p and s >= n
      { ...e, sig: 42 },
      { ...e, pubkey: e.pubkey.toUpperCase() },
      { ...e, pubkey: 'f'.repeat(64) }, // not an x coordinate on the curve
      { ...e, pubkey: '0'.repeat(64) },
      { ...e, id: e.id.toUpperCase() },
      { ...e, created_at: '1700000007' },
      { ...e, kind: 1.5 },
      { ...e, tags: [['t', 1]] },
      { ...e, tags: 'x' },
      { ...e, content: null },
      { id: e.id, sig: e.sig },
      {},
    ];
    for (const event of malformed) {
      expect(check(event as Event)).toBe(false);
      expect(reference(event as Event)).toBe(false);
    }
  });

  it('agrees with nostr-tools on 1,500 seeded one-character mutations', () => {
    const check = nativeCheck();
    const fuzz = new Fuzz(0x5ec9);
    const hex = '0123456789abcdef';
    let accepted = 0;
    for (let n = 0; n < 1_500; n++) {
      const event: Event = { ...fuzz.pick(good) };
      const field = fuzz.pick(['id', 'sig', 'pubkey', 'content', 'none'] as const);
      if (field !== 'none') {
        const value = event[field];
        const at = fuzz.int(value.length);
        const replacement = field === 'content' ? String.fromCharCode(32 + fuzz.int(95)) : fuzz.pick([...hex]);
        event[field] = value.slice(0, at) + replacement + value.slice(at + 1);
      }
      const expected = reference(event);
      if (check(event) !== expected) throw new Error(`case ${n}: ${field} mutated, native ${!expected}, nostr-tools ${expected}`);
      if (expected) accepted++;
    }
    // Unchanged events, and mutations that replaced a character with itself, stay valid.
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(500);
  });

  it('refuses a binding that gets its self-test wrong', () => {
    expect(soundCheck({ verify: () => true })).toBeNull();
    expect(soundCheck({ verify: () => false })).toBeNull();
    expect(soundCheck({ verify: () => { throw new Error('broken build'); } })).toBeNull();
  });
});
