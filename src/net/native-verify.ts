// Event checks on bcrypto's native addon (an optional dependency, compiled at
// install): BIP-340 verify in C, ~17,000 events/s on one core here against
// ~3,500/s for nostr-wasm and ~600/s for pure JS, so where it installs it is the
// verifier.
//
// NIP-01: the id is the sha256 of [0, pubkey, created_at, kind, tags, content]
// serialised (nostr-tools' serializeEvent, which also refuses malformed
// fields), and the sig is a BIP-340 signature of that id by the pubkey.
//
// The addon holds two BIP-340 implementations, and each start pays for one
// before its first check (issue #17, first frame: the first notes wait on it):
// - libsecp256k1's context builds its tables (~5 ms), then verifies ~27,000
//   signatures/s here;
// - libtorsion's curve is ready in ~1.5 ms, then verifies ~16,000/s.
// So a process checks its first TORSION_CHECKS events on libtorsion, then builds
// the libsecp256k1 context, which by then has paid for itself. Both give the
// BIP-340 test vectors' answers (test/unit/native-verify.test.ts).
//
// The addon is loaded by its path and called directly: bcrypto's JavaScript
// wrapper around it costs ~4 ms more per start (its addon search, its random
// module, and blinding both contexts with fresh entropy, which protects secret
// keys; a check holds none).
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Event } from 'nostr-tools';
import { serializeEvent } from 'nostr-tools/pure';

/** A BIP-340 verify: true when `sig` is `key`'s signature of `msg`. */
export type Bip340 = { verify(msg: Buffer, sig: Buffer, key: Buffer): boolean };

/**
 * The functions of bcrypto's addon used here (bcrypto 5, src/bcrypto.c). Each takes Buffers and
 * answers false for wrong lengths and points off the curve; any other argument aborts the process
 * (N-API CHECKs), so only the calls below make them.
 */
export type Addon = {
  wei_curve_create(curve: number): object;
  schnorr_verify(curve: object, msg: Buffer, sig: Buffer, key: Buffer): boolean;
  secp256k1_context_create(): object;
  secp256k1_schnorr_verify(context: object, msg: Buffer, sig: Buffer, key: Buffer): boolean;
};

/** bcrypto's number for secp256k1 among libtorsion's Weierstrass curves (its binding.curves.wei). */
const TORSION_SECP256K1 = 5;

/** Checks run on libtorsion before libsecp256k1 takes over: where its tables' ~5 ms is paid back at ~25 µs a check. */
export const TORSION_CHECKS = 200;

/** Where npm's install builds the addon (bcrypto's binding.gyp). */
export const ADDON = 'bcrypto/build/Release/bcrypto.node';

const SIG = /^[0-9a-f]{128}$/;

/** Checks the id, then the signature; false for anything malformed. */
export type EventCheck = (event: Event) => boolean;

let loaded: EventCheck | null | undefined;

/** The native check, or undefined where bcrypto did not build (or fails its self-test). */
export function loadNativeCheck(): EventCheck | undefined {
  if (loaded === undefined) loaded = tryLoad();
  return loaded ?? undefined;
}

function tryLoad(): EventCheck | null {
  try {
    return soundCheck(torsionThenSecp(loadAddon()));
  } catch {
    return null;
  }
}

/** bcrypto's addon; throws where it did not build. */
export function loadAddon(): Addon {
  return createRequire(import.meta.url)(ADDON) as Addon;
}

/** libtorsion's verify for the first TORSION_CHECKS, then libsecp256k1's if it passes the self-test. */
export function torsionThenSecp(addon: Addon): Bip340 {
  const torsion = torsionVerify(addon);
  let current = torsion;
  let left = TORSION_CHECKS;
  return {
    verify(msg, sig, key) {
      if (left > 0 && --left === 0) current = secpIfSound(addon) ?? torsion;
      return current.verify(msg, sig, key);
    },
  };
}

function secpIfSound(addon: Addon): Bip340 | undefined {
  try {
    const secp = secpVerify(addon);
    return soundCheck(secp) ? secp : undefined;
  } catch {
    return undefined;
  }
}

export function torsionVerify(addon: Addon): Bip340 {
  const curve = addon.wei_curve_create(TORSION_SECP256K1);
  return { verify: (msg, sig, key) => addon.schnorr_verify(curve, msg, sig, key) };
}

export function secpVerify(addon: Addon): Bip340 {
  const context = addon.secp256k1_context_create();
  return { verify: (msg, sig, key) => addon.secp256k1_schnorr_verify(context, msg, sig, key) };
}

/** The event check on this binding, or null when the binding gets the self-test wrong (a bad build). */
export function soundCheck(bip340: Bip340): EventCheck | null {
  const check = eventCheck(bip340);
  return check(KNOWN_GOOD) && !check({ ...KNOWN_GOOD, sig: OTHER_SIG }) ? check : null;
}

function eventCheck(bip340: Bip340): EventCheck {
  return (event) => {
    try {
      const id = hash('sha256', serializeEvent(event), 'buffer');
      // Buffer.from(hex) stops at the first non-hex character, so the shape is checked first.
      if (id.toString('hex') !== event.id || typeof event.sig !== 'string' || !SIG.test(event.sig)) return false;
      return bip340.verify(id, Buffer.from(event.sig, 'hex'), Buffer.from(event.pubkey, 'hex')) === true;
    } catch {
      // serializeEvent throws on a malformed event: not a valid one.
      return false;
    }
  };
}

// Signed once with nostr-tools (secret key 0x07 × 32), so the self-test costs two checks and no signing.
const KNOWN_GOOD: Event = {
  kind: 1,
  created_at: 1_700_000_000,
  tags: [],
  content: 'self-test',
  pubkey: '989c0b76cb563971fdc9bef31ec06c3560f3249d6ee9e5d83c57625596e05f6f',
  id: 'be1fc2cba415b7489a9778987f018c5f1e5acd5992fddab07240a4f651e9804b',
  sig: 'fd71da5b6f1ba61391484afd858647e51b4e04321923be87db3ca9f199c07d3eaa57676e7cd1c719f68e6d786206d9c65d684c66de2edb25782b01568ad23023',
};
// The same key's signature of another event: a valid signature, of the wrong message.
const OTHER_SIG =
  '383b2629a88d838b9cba326c360e90e0c5a486e758fa283eb4d40529d31859eec257085b5d182a510cf5ed3a1bfbdcaa6a765b8b9b2e00d311158a35489306dc';

/** What a worker checks before it says it is ready (verify.ts): the same two cases as soundCheck. */
export const SELF_TEST = { good: KNOWN_GOOD, otherSig: OTHER_SIG };
