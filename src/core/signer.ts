// The seam every write goes through. Today a local key (src/store/keys.ts);
// a NIP-46 bunker or a NIP-49 unlock prompt slot in behind the same two calls.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';

export interface Signer {
  getPublicKey(): Promise<string>;
  signEvent(template: EventTemplate): Promise<VerifiedEvent>;
}
