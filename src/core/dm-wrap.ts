// NIP-59 gift wraps for NIP-17 messages: seal (kind 13, signed by the sender,
// NIP-44 to the recipient) inside a wrap (kind 1059, signed by a one-time key).
// Encryption is nostr-tools' NIP-44 (through the Signer seam for the user's key,
// directly for the one-time key); nothing here writes anywhere.
//
// nostr-tools' nip59.unwrapEvent wants the raw secret key; the Signer seam does
// not hand it out, so unwrapping is done here with the same checks it makes and
// more: the wrap is addressed to the user, the seal is a well-formed kind 13
// whose signature verifies, the rumor is a well-formed event whose id is its
// hash and whose pubkey is the seal's (else anyone could put words in
// someone's mouth), and it is a kind-14 chat message. Anything else is dropped
// with a reason, and counted by the caller, never shown.
import { randomInt } from 'node:crypto';
import type { Event } from 'nostr-tools';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, verifyEvent } from 'nostr-tools/pure';
import type { Signer } from './signer.js';
import { checkRumor, DM_KIND, GIFT_WRAP_KIND, SEAL_KIND, WRAP_JITTER_SEC, type Rumor } from './dm.js';
import { hasEventShape } from './event-shape.js';

export type DropReason = 'not-for-me' | 'undecryptable' | 'bad-seal' | 'forged-seal' | 'sender-mismatch' | 'bad-rumor' | 'not-a-message';

export type Unwrapped = { ok: true; rumor: Rumor; wrapId: string } | { ok: false; reason: DropReason; wrapId: string };

export type Nip44 = NonNullable<Signer['nip44']>;

/** NIP-44 caps plaintext at 65,535 bytes, so a payload this long cannot be honest; not even tried. */
const MAX_PAYLOAD = 100_000;

/** A time up to two days before `now` (NIP-59), so relays cannot tell when a message was sent. */
export const randomPast = (now: number): number => now - randomInt(0, WRAP_JITTER_SEC);

export function requireNip44(signer: Signer): Nip44 {
  if (!signer.nip44) throw new Error('this signer cannot encrypt (NIP-44), so private messages are not possible with it');
  return signer.nip44;
}

/** The rumor sealed by the signer's key for `recipient`, then wrapped with a fresh one-time key. */
export async function sealAndWrap(signer: Signer, rumor: Rumor, recipient: string, now: number): Promise<Event> {
  const crypto = requireNip44(signer);
  const seal = await signer.signEvent({ kind: SEAL_KIND, created_at: randomPast(now), tags: [], content: await crypto.encrypt(recipient, JSON.stringify(rumor)) });
  const oneTime = generateSecretKey();
  const content = nip44.v2.encrypt(JSON.stringify(seal), nip44.v2.utils.getConversationKey(oneTime, recipient));
  return finalizeEvent({ kind: GIFT_WRAP_KIND, created_at: randomPast(now), tags: [['p', recipient]], content }, oneTime);
}

async function open(crypto: Nip44, peer: string, payload: string): Promise<unknown> {
  if (payload.length > MAX_PAYLOAD) throw new Error('too long');
  return JSON.parse(await crypto.decrypt(peer, payload));
}

/** Opens a wrap the relays sent (its own signature already verified by the pool). */
export async function unwrap(crypto: Nip44, me: string, wrap: Event): Promise<Unwrapped> {
  const drop = (reason: DropReason): Unwrapped => ({ ok: false, reason, wrapId: wrap.id });
  if (wrap.kind !== GIFT_WRAP_KIND || !wrap.tags.some((tag) => tag[0] === 'p' && tag[1] === me)) return drop('not-for-me');
  let seal: Event;
  try {
    seal = (await open(crypto, wrap.pubkey, wrap.content)) as Event;
  } catch {
    return drop('undecryptable');
  }
  if (!hasEventShape(seal) || seal.kind !== SEAL_KIND) return drop('bad-seal');
  if (!verifyEvent({ ...seal })) return drop('forged-seal');
  let value: unknown;
  try {
    value = await open(crypto, seal.pubkey, seal.content);
  } catch {
    return drop('undecryptable');
  }
  const rumor = checkRumor(value);
  if (!rumor) return drop('bad-rumor');
  if (rumor.pubkey !== seal.pubkey) return drop('sender-mismatch');
  if (rumor.kind !== DM_KIND) return drop('not-a-message');
  return { ok: true, rumor, wrapId: wrap.id };
}
