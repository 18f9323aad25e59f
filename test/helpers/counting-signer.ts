// A signer over a test key that counts what it signed (NIP-42 AUTH tests).
import type { EventTemplate } from 'nostr-tools';
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure';
import type { Signer } from '../../src/core/signer.js';

export function countingSigner(sk: Uint8Array): Signer & { signed: number } {
  const signer = {
    signed: 0,
    getPublicKey: async () => getPublicKey(sk),
    signEvent: async (template: EventTemplate) => {
      signer.signed++;
      return finalizeEvent(template, sk);
    },
  };
  return signer;
}
