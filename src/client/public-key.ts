// A public key the user typed, in any form a command takes: npub, nprofile,
// hex, a `nostr:` URI (src/core/identifiers.ts, synchronous), or a NIP-05
// address `name@domain`, resolved over HTTPS (src/client/nip05.ts). Every
// command that takes someone's key goes through here; the UI's "message to" also
// takes the name of someone followed (src/client/people-named.ts).
import { parsePublicKey, secretWherePublic } from '../core/identifiers.js';
import { holdsSecretKey } from '../core/secret-in-text.js';
import { isNip05 } from '../core/nip05.js';
import { nameQuery } from '../core/people-by-name.js';
import type { Client } from './client.js';
import { createNip05Resolver, type Nip05Resolver } from './nip05.js';

/** The resolver for a client's run: its clock, environment and web requests, answers remembered in its data directory. */
export const nip05For = (client: Pick<Client, 'clock' | 'env' | 'paths'> & Partial<Pick<Client, 'fetch'>>): Nip05Resolver =>
  createNip05Resolver({ clock: client.clock, env: client.env, dataDir: client.paths.dataDir, ...(client.fetch ? { fetch: client.fetch } : {}) });

/**
 * The hex key `input` names; a secret key is refused as in parsePublicKey. With `named`, what is
 * neither a key nor an address is a name, which `named` looks up (people-named.ts).
 */
export async function resolvePublicKey(
  input: string,
  ownPubkey: string | undefined,
  nip05: () => Nip05Resolver,
  named?: (name: string) => Promise<string>,
): Promise<string> {
  const text = input.trim();
  // A secret anywhere in it is refused before any request: `nsec1…@domain` is a valid address,
  // and looking it up would send the key to that domain.
  if (holdsSecretKey(text, ownPubkey)) throw secretWherePublic();
  const name = named && nameQuery(text);
  if (name) return named(name);
  if (!text.includes('@') || !isNip05(text)) return parsePublicKey(text, ownPubkey, 'an npub1…, nprofile1…, 64 hex characters or a name@domain address');
  return nip05().resolve(text);
}
