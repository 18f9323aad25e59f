// What `/` opens at once instead of searching for it: one NIP-19 identifier, bare or as a
// `nostr:` URI (NIP-21), as copied from another client: a note (note1…, nevent1…) opens its
// thread, a person (npub1…, nprofile1…) their profile. Words, hex and anything else are searched.
import { readEventRef, secretWhereNote, type EventRef } from './event-ref.js';
import { isSecretOf, parsePublicKey, secretWherePublic } from './identifiers.js';

export type NostrAddress = { type: 'note'; ref: EventRef } | { type: 'profile'; pubkey: string };

/** `ownPubkey`: the user's public key; its secret, encoded as a note or a person, is refused (thrown), not searched for. */
export function nostrAddress(text: string, ownPubkey?: string): NostrAddress | undefined {
  const token = text.trim().replace(/^nostr:/i, '').toLowerCase();
  if (/\s/.test(token)) return undefined;
  let address: NostrAddress | undefined;
  try {
    if (/^(note|nevent)1/.test(token)) address = { type: 'note', ref: readEventRef(token, ownPubkey) };
    else if (/^(npub|nprofile)1/.test(token)) address = { type: 'profile', pubkey: parsePublicKey(token) };
  } catch {
    // Not a valid identifier after all (a typo, a cut-off paste): searched for as words.
  }
  if (address && isSecretOf(address.type === 'note' ? address.ref.id : address.pubkey, ownPubkey)) {
    throw address.type === 'note' ? secretWhereNote() : secretWherePublic();
  }
  return address;
}
