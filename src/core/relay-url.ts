// Relay URLs as the user types them, reduced to one spelling per relay so the
// same relay is never listed (or connected to) twice.
import { usageError } from './errors.js';
import { containsSecret } from './identifiers.js';
import { sanitizeLine } from './sanitize.js';

const MAX_URL = 2_000;

/** What to show of a rejected URL: the user's own input, but never a control sequence. */
const quote = (input: string): string => {
  const line = sanitizeLine(input.trim());
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
};

/**
 * `wss://Relay.Example.com/` -> `wss://relay.example.com`: scheme and host in
 * lower case, default port and trailing slash dropped, fragment dropped.
 * Only ws:// and wss:// (NIP-01: relays speak WebSocket). A URL holding a
 * secret (an nsec, or the user's own secret in hex given `ownPubkey`) is
 * refused before anything else, without quoting it: connecting would send the
 * secret to DNS and to the relay.
 */
export function normalizeRelayUrl(input: string, ownPubkey?: string): string {
  const text = input.trim();
  if (text.length <= MAX_URL && containsSecret(text, ownPubkey)) {
    throw usageError('that relay URL holds a secret key (an nsec, or your own secret in hex): never send it anywhere. Nothing was saved or sent.');
  }
  if (!/^wss?:\/\//i.test(text)) {
    throw usageError(`"${quote(input)}" is not a relay URL: it must start with wss:// (or ws://), e.g. wss://relay.damus.io`);
  }
  let url: URL;
  try {
    if (text.length > MAX_URL) throw new Error('too long');
    url = new URL(text);
  } catch {
    throw usageError(`"${quote(input)}" is not a valid relay URL; check it for typos, e.g. wss://relay.damus.io`);
  }
  if (!url.hostname || url.username || url.password) {
    throw usageError(`"${quote(input)}" is not a valid relay URL: it needs a host name and no user name or password.`);
  }
  // URL already lower-cases the scheme and host and drops the default port.
  // `relay.example.` (the fully qualified spelling) is the same host as `relay.example`.
  const hostname = url.hostname.replace(/\.+$/, '');
  if (!hostname) throw usageError(`"${quote(input)}" is not a valid relay URL: it needs a host name.`);
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ''}${pathname}${url.search}`;
}

/** Normalised, first occurrence kept. */
export function uniqueRelayUrls(inputs: readonly string[], ownPubkey?: string): string[] {
  return [...new Set(inputs.map((input) => normalizeRelayUrl(input, ownPubkey)))];
}

/**
 * For relay URLs that come from the network (relay lists, hints): an error
 * value instead of a usage error, so one bad entry never stops a request.
 * `ownPubkey` as for normalizeRelayUrl.
 */
export function parseRelayUrl(input: string, ownPubkey?: string): { url: string } | { error: string } {
  try {
    return { url: normalizeRelayUrl(input, ownPubkey) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
