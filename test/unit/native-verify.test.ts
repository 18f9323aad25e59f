// The native verifier (bcrypto's addon: libtorsion, then libsecp256k1) gives
// nostr-tools' answer on every event: valid ones, forged ones, malformed ones
// and a seeded stream of one-character mutations. Each of its two BIP-340
// verifies gives the BIP's test vectors' answers. A binding that answers
// wrongly is refused.
import fs from 'node:fs';
import type { Event } from 'nostr-tools';
import { generateSecretKey, verifyEvent } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import {
  loadAddon,
  loadNativeCheck,
  secpVerify,
  soundCheck,
  torsionThenSecp,
  torsionVerify,
  TORSION_CHECKS,
  type Addon,
  type EventCheck,
} from '../../src/net/native-verify.js';
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

  // BIP-340's own vectors (bip-0340/test-vectors.csv in bitcoin/bips), those with a 32-byte
  // message: every id is one. They cover the edge cases a forged event could try (r or s out of
  // range, a key off the curve or past the field size, an R with odd y, an infinite sG - eP).
  const vectors = fs
    .readFileSync(new URL('../fixtures/bip340-vectors.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([index, , key, , msg, sig, result]) => ({ index, key: hex(key!), msg: hex(msg!), sig: hex(sig!), valid: result === 'TRUE' }));

  it.each([
    ['libtorsion', torsionVerify],
    ['libsecp256k1', secpVerify],
  ] as const)("%s gives every BIP-340 test vector's answer", (_, make) => {
    const bip340 = make(loadAddon());
    expect(vectors).toHaveLength(15);
    for (const { index, key, msg, sig, valid } of vectors) expect([index, bip340.verify(msg, sig, key)]).toEqual([index, valid]);
  });

  it('checks on libtorsion first and on libsecp256k1 from the TORSION_CHECKS-th check on, agreeing with nostr-tools throughout', () => {
    const calls = { torsion: 0, secp: 0 };
    const addon = loadAddon();
    const counted: Addon = {
      ...addon,
      wei_curve_create: (curve) => addon.wei_curve_create(curve),
      secp256k1_context_create: () => addon.secp256k1_context_create(),
      schnorr_verify: (...args) => (calls.torsion++, addon.schnorr_verify(...args)),
      secp256k1_schnorr_verify: (...args) => (calls.secp++, addon.secp256k1_schnorr_verify(...args)),
    };
    const check = soundCheck(torsionThenSecp(counted))!;
    // soundCheck's two self-test checks, on libtorsion.
    expect(calls).toEqual({ torsion: 2, secp: 0 });
    const events = Array.from({ length: TORSION_CHECKS + 20 }, (_, i) => (i % 3 === 0 ? withBadSig(good[i % 40]!, good[(i + 1) % 40]!) : good[i % 40]!));
    for (const event of events) expect(check(event)).toBe(reference(event));
    // From the switch on: libsecp256k1's own two self-test checks, then every check.
    expect(calls).toEqual({ torsion: TORSION_CHECKS - 1, secp: 2 + events.length - (TORSION_CHECKS - 3) });
  });
});

function hex(text: string): Buffer {
  return Buffer.from(text, 'hex');
}
