// What `/` opens at once instead of searching for it: one NIP-19 identifier, bare or as a
// `nostr:` URI (NIP-21), as copied from another client: a note (note1…, nevent1…) opens its
// thread, a person (npub1…, nprofile1…) their profile. Words, hex and anything else are searched.
import { parseEventRef, type EventRef } from './event-ref.js';
import { parsePublicKey } from './identifiers.js';

export type NostrAddress = { type: 'note'; ref: EventRef } | { type: 'profile'; pubkey: string };

export function nostrAddress(text: string): NostrAddress | undefined {
  const token = text.trim().replace(/^nostr:/i, '').toLowerCase();
  if (/\s/.test(token)) return undefined;
  try {
    if (/^(note|nevent)1/.test(token)) return { type: 'note', ref: parseEventRef(token) };
    if (/^(npub|nprofile)1/.test(token)) return { type: 'profile', pubkey: parsePublicKey(token) };
  } catch {
    // Not a valid identifier after all (a typo, a cut-off paste): searched for as words.
  }
  return undefined;
}
