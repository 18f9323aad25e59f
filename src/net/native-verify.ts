// Event checks on libsecp256k1 itself: its BIP-340 verify, through the native
// binding of bcrypto (an optional dependency, compiled at install). About
// 17,000 checks/s on one core here, against ~3,500/s for nostr-wasm and ~600/s
// for pure JS, so where it installs it is the verifier.
//
// NIP-01: the id is the sha256 of [0, pubkey, created_at, kind, tags, content]
// serialised (nostr-tools' serializeEvent, which also refuses malformed
// fields), and the sig is a BIP-340 signature of that id by the pubkey.
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Event } from 'nostr-tools';
import { serializeEvent } from 'nostr-tools/pure';

/** The part of bcrypto's BIP-340 module used here. */
export type Bip340 = { verify(msg: Buffer, sig: Buffer, key: Buffer): boolean };

const SIG = /^[0-9a-f]{128}$/;

/** Checks the id, then the signature; false for anything malformed. */
export type EventCheck = (event: Event) => boolean;

let loaded: EventCheck | null | undefined;

/** The native check, or undefined where bcrypto did not build (or fails its self-test). */
export function loadNativeCheck(): EventCheck | undefined {
  if (loaded === undefined) loaded = tryLoad();
  return loaded ?? undefined;
}

let binding: Bip340 | null | undefined;

function tryLoad(): EventCheck | null {
  try {
    binding ??= createRequire(import.meta.url)('bcrypto/lib/native/schnorr') as Bip340;
  } catch {
    binding = null;
    return null;
  }
  return soundCheck(binding);
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
      // A pubkey that is not a point on the curve throws: it is simply not a valid signature.
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
