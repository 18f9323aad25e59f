// A secret key pasted by mistake into text that leaves this machine is given
// away: a note or profile is public forever, a private message is read by
// someone else, and a search or a hashtag is sent to relays. Text holding a
// valid `nsec1…` (NIP-19) or `ncryptsec1…` (NIP-49) is refused before anything
// is signed or asked, and so is the user's own secret written as 64 hex
// (recognised by the public key it derives, so an encrypted key works too),
// and so is a nevent / nprofile / naddr whose relay hint holds either.
// Only valid bech32 counts, so a word that merely starts with "nsec1" does not
// block anything, and other 64-hex words (event ids, public keys) pass.
import { decode } from 'nostr-tools/nip19';
import { usageError } from './errors.js';
import { containsSecret, isSecretOf } from './identifiers.js';

const CANDIDATE = /(?:nsec|ncryptsec)1[023456789acdefghjklmnpqrstuvwxyz]{20,}/gi;

const HEX64 = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;
/** NIP-19 words that carry relay hints: the text gives those away too (and the tags copy them). */
const WITH_HINTS = /(?:nevent|nprofile|naddr)1[023456789acdefghjklmnpqrstuvwxyz]{6,}/gi;

/** The secret of `ownPubkey` wherever `text` holds it as 64 hex, as written there (any case). */
export function ownSecretsIn(text: string, ownPubkey: string | undefined): string[] {
  if (!ownPubkey) return [];
  return [...text.matchAll(HEX64)].map(([hex]) => hex).filter((hex) => isSecretOf(hex.toLowerCase(), ownPubkey));
}

/** True when `text` holds a valid nsec or ncryptsec, or (given `ownPubkey`) the secret of that public key as 64 hex. */
export function holdsSecretKey(text: string, ownPubkey?: string): boolean {
  if (ownSecretsIn(text, ownPubkey).length > 0) return true;
  if (holdsSecretHint(text, ownPubkey)) return true;
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

/** True when a nevent, nprofile or naddr in `text` has a relay hint holding an nsec or the secret of `ownPubkey`. */
function holdsSecretHint(text: string, ownPubkey: string | undefined): boolean {
  for (const [word] of text.matchAll(WITH_HINTS)) {
    if (word.length > 5_000) continue;
    try {
      const decoded = decode(word.toLowerCase());
      const relays = decoded.type === 'nevent' || decoded.type === 'nprofile' || decoded.type === 'naddr' ? (decoded.data.relays ?? []) : [];
      if (relays.some((relay) => containsSecret(relay, ownPubkey))) return true;
    } catch {
      // Not valid bech32: just text.
    }
  }
  return false;
}

export const SECRET_IN_TEXT =
  'the note contains a secret key: it would be public forever, so nothing was signed or sent. Remove it (share your npub instead).';

/** Why each kind of outgoing text holding a secret key was stopped. */
export const SECRET_IN = {
  note: SECRET_IN_TEXT,
  message:
    'the message contains a secret key: whoever reads it could sign as you, so nothing was signed or sent. Remove it (share your npub instead).',
  profile: 'the profile contains a secret key: profiles are public, so nothing was signed or sent. Remove it.',
  deletion: 'the reason contains a secret key: a deletion request is public, so nothing was signed or sent. Remove it.',
  mute: 'that contains a secret key: your mute list is published, so nothing was changed.',
  search: 'the search contains a secret key: search relays would see it, so nothing was searched. Remove it.',
  hashtag: 'the hashtag contains a secret key: relays would see it, so nothing was asked. Remove it.',
} as const;

/** Refuses (bad input, exit 2) text of this kind that holds a secret key, before it goes anywhere. */
export function refuseSecretIn(where: keyof typeof SECRET_IN, texts: string | ReadonlyArray<string | undefined>, ownPubkey: string | undefined): void {
  const all = typeof texts === 'string' ? [texts] : texts;
  if (all.some((text) => text !== undefined && holdsSecretKey(text, ownPubkey))) throw usageError(SECRET_IN[where]);
}
