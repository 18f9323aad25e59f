// The private part of one of the user's NIP-51 lists (mutes, bookmarks), read with their own key
// when it is at hand without asking (src/client/client.ts signerAtHand): reading a list must
// never prompt for a passphrase. nostr-tui reads this part and keeps it byte for byte; it never
// writes it.
import type { Event } from 'nostr-tools';
import { isNip04Ciphertext, privateTags } from '../core/private-items.js';
import type { Client } from './client.js';

/** The private part's tags of `event` (the user's own list); none without one, without the key at hand, or when it cannot be read. */
export async function privateItems(client: Pick<Client, 'signerAtHand'>, event: Event | undefined): Promise<string[][]> {
  if (!event?.content) return [];
  try {
    const signer = await client.signerAtHand();
    const crypto = isNip04Ciphertext(event.content) ? signer?.nip04 : signer?.nip44;
    const plaintext = await crypto?.decrypt(event.pubkey, event.content);
    return plaintext === undefined ? [] : privateTags(plaintext);
  } catch {
    return [];
  }
}
