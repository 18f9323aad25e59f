// Secrets must never reach logs, errors or crash messages, even when a library
// echoes its input back in an error message (nostr-tools' NIP-19 decoder quotes what it got).

// Bech32 data characters (BIP-173): the lower-case alphabet and digits without 1, b, i, o.
// NIP-19 nsec and NIP-49 ncryptsec are case-insensitive like all bech32.
const BECH32_SECRET = /(?:nsec|ncryptsec)1[02-9ac-hj-np-z]+/gi;

const REDACTED = '[redacted secret]';

/**
 * `text` with every nsec / ncryptsec replaced, and every value in `known` (a hex secret key,
 * a passphrase) too: a hex secret looks like any event id, so only the caller can name it.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text.replace(BECH32_SECRET, REDACTED);
  for (const secret of known) {
    // Case-insensitive: hex may be printed in upper case; over-redacting a passphrase costs nothing.
    if (secret.length > 0) out = out.replace(new RegExp(escapeRegExp(secret), 'gi'), REDACTED);
  }
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
