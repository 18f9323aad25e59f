// The seam every write goes through. Today a local key (src/store/keys.ts);
// a NIP-46 bunker or a NIP-49 unlock prompt slot in behind the same calls.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';

export interface Signer {
  getPublicKey(): Promise<string>;
  signEvent(template: EventTemplate): Promise<VerifiedEvent>;
  /**
   * NIP-44 v2 with the conversation key of this signer's secret and `peer`
   * (the calls NIP-07 and NIP-46 signers offer too). Private messages
   * (NIP-17/59) need them; a signer without them cannot send or read DMs.
   */
  nip44?: {
    encrypt(peer: string, plaintext: string): Promise<string>;
    decrypt(peer: string, ciphertext: string): Promise<string>;
  };
  /**
   * NIP-04, only to read what other clients still encrypt with it (the private items of a NIP-51
   * list, which NIP-51 says to read in either form); nostr-tui never writes it.
   */
  nip04?: {
    decrypt(peer: string, ciphertext: string): Promise<string>;
  };
}
