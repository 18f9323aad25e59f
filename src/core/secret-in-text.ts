// A secret key pasted into a note by mistake would be public forever: a post
// whose text holds a valid `nsec1…` (NIP-19) or `ncryptsec1…` (NIP-49) is
// refused before anything is signed. Only valid bech32 counts, so a word that
// merely starts with "nsec1" does not block a post.
import { decode } from 'nostr-tools/nip19';

const CANDIDATE = /(?:nsec|ncryptsec)1[023456789acdefghjklmnpqrstuvwxyz]{20,}/gi;

export function holdsSecretKey(text: string): boolean {
  for (const [word] of text.matchAll(CANDIDATE)) {
    const lower = word.toLowerCase();
    if (lower.startsWith('ncryptsec1')) return true;
    try {
      if (decode(lower).type === 'nsec') return true;
    } catch {
      // Not valid bech32: just text.
    }
  }
  return false;
}

export const SECRET_IN_TEXT =
  'the note contains a secret key (nsec/ncryptsec): it would be public forever, so nothing was signed or sent. Remove it (share your npub instead).';
