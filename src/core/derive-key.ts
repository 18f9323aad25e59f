// A user's public key from their secret key (NIP-01: the BIP-340 x-only key), on Node's own OpenSSL.
import { createECDH, type ECDH } from 'node:crypto';
import { getPublicKey } from 'nostr-tools/pure';

/**
 * The x-only public key (BIP-340, how NIP-01 names a user) of a secret key: the x coordinate of
 * d·G, which is what follows the parity byte in the compressed SEC1 point. Node's own OpenSSL
 * answers in ~0.5 ms, where nostr-tools' first derivation sets its curve up (60-170 ms) and the
 * native binding takes ~10 ms to load and set up on the thread (every start checks the stored key,
 * and text is checked for the user's own secret).
 * A Node whose OpenSSL has no secp256k1 (a FIPS build) gets nostr-tools' answer. Both refuse 0
 * and anything from the curve order up.
 */
export function derivePublicKey(secretKey: Uint8Array, ecdh: () => ECDH = () => createECDH('secp256k1')): string {
  let curve: ECDH;
  try {
    curve = ecdh();
  } catch {
    return getPublicKey(secretKey);
  }
  curve.setPrivateKey(secretKey);
  return curve.getPublicKey(null, 'compressed').subarray(1).toString('hex');
}
