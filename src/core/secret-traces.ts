// An error that quotes what the user typed can give away the user's own secret
// key without ever holding it whole: a message that cuts a bad `--since` value
// to 40 characters keeps 40 of its 64 hex digits, and one that names an event
// id as `note1…` (NIP-19) re-encodes it. redactSecrets only finds what it is
// given, so this finds these traces, knowing the secret from what was typed.
import { decode } from 'nostr-tools/nip19';
import { isSecretOf } from './identifiers.js';

const HEX64 = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;
const NIP19 = /(?:note|npub|nevent|nprofile|naddr)1[02-9ac-hj-np-z]{6,}/gi;
/** Digits in a row that count as a piece of a secret: 32 bits of it, and no chance match in practice. */
const PIECE = 8;

/** The hex values `text` holds: 64-hex words, and the ids and keys in NIP-19 words (note, npub, nevent, nprofile, naddr). */
function hexValuesIn(text: string): string[] {
  const found = [...text.matchAll(HEX64)].map(([hex]) => hex.toLowerCase());
  for (const [word] of text.matchAll(NIP19)) {
    if (word.length > 5_000) continue;
    try {
      const decoded = decode(word.toLowerCase());
      if (decoded.type === 'note' || decoded.type === 'npub') found.push(decoded.data);
      else if (decoded.type === 'nevent') found.push(decoded.data.id, ...(decoded.data.author ? [decoded.data.author] : []));
      else if (decoded.type === 'nprofile' || decoded.type === 'naddr') found.push(decoded.data.pubkey);
    } catch {
      // Not valid bech32: nothing in it.
    }
  }
  return found;
}

/** The secret key of `ownPubkey` wherever `text` holds it, as 64 hex or inside a NIP-19 word, in lower case. */
export function ownSecretsTyped(text: string, ownPubkey: string | undefined): string[] {
  if (!ownPubkey) return [];
  return [...new Set(hexValuesIn(text))].filter((hex) => isSecretOf(hex, ownPubkey));
}

/**
 * What `message` shows of any of `secrets` (lower-case hex), each as written there: a hex run
 * holding 8 or more of a secret's digits in a row (a cut or quoted piece), or a NIP-19 word made
 * from one.
 */
export function secretTracesIn(message: string, secrets: readonly string[]): string[] {
  if (secrets.length === 0) return [];
  const traces: string[] = [];
  for (const [run] of message.matchAll(/[0-9a-f]{8,}/gi)) {
    const lower = run.toLowerCase();
    for (let i = 0; i + PIECE <= lower.length; i++) {
      const piece = lower.slice(i, i + PIECE);
      if (secrets.some((secret) => secret.includes(piece))) {
        traces.push(run);
        break;
      }
    }
  }
  for (const [word] of message.matchAll(NIP19)) {
    if (hexValuesIn(word).some((hex) => secrets.includes(hex))) traces.push(word);
  }
  return traces;
}
