// NIP-05 internet identifiers (`name@domain`), the pure part: parsing an
// address, the URL it is checked at, reading the `nostr.json` answer, and how a
// verified address is written. The fetch itself is in src/client/nip05.ts.
import { isHex64 } from './event-shape.js';

export interface Nip05Address {
  /** The local part, lowercase (NIP-05: `a-z0-9-_.`, case-insensitive). */
  name: string;
  /** The domain, lowercase. */
  domain: string;
}

/**
 * A domain name: dot-separated labels of letters, digits and inner hyphens, with a dot (no bare
 * hosts, no ports, no IPs with paths); `localhost` too, the one bare host a user types for a
 * server of their own (a profile's address there is never checked: src/client/nip05.ts).
 */
const DOMAIN = /^(?=.{1,253}$)(?:localhost|([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/;
const LOCAL = /^[a-z0-9._-]{1,64}$/;

/** The address in `text` (`alice@example.com`, any case), or undefined when it is not one. */
export function parseNip05(text: string): Nip05Address | undefined {
  const trimmed = text.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return undefined;
  const name = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (!LOCAL.test(name) || !DOMAIN.test(domain)) return undefined;
  return { name, domain };
}

/** True when `text` looks like a NIP-05 address rather than a key (it has an `@` and parses). */
export const isNip05 = (text: string): boolean => parseNip05(text) !== undefined;

/** `alice@example.com`; the root identifier `_@domain` is written as just `domain` (NIP-05). */
export const nip05Text = (address: Nip05Address): string => (address.name === '_' ? address.domain : `${address.name}@${address.domain}`);

/** How a verified address is shown: `✓ alice@example.com`. Only ever for an address that was verified. */
export const verifiedText = (address: Nip05Address): string => `✓ ${nip05Text(address)}`;

/**
 * Where the address is checked: `https://<domain>/.well-known/nostr.json?name=<name>`.
 * `base` replaces `https://<domain>` in tests only (src/client/nip05.ts decides when).
 */
export function nip05Url(address: Nip05Address, base?: string): string {
  const origin = base ? base.replace(/\/+$/, '') : `https://${address.domain}`;
  return `${origin}/.well-known/nostr.json?name=${encodeURIComponent(address.name)}`;
}

/**
 * The public key `nostr.json` maps `name` to; null when the document does not map
 * the name to 64 hex characters (not listed, or listed as something else); undefined
 * when the answer is not a nostr.json document at all (not JSON, no `names` object:
 * an error page, a cut-off body), which says nothing about the name. The name is
 * matched as asked (lowercase).
 */
export function pubkeyInNostrJson(body: string, name: string): string | null | undefined {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  const names = (data as { names?: unknown }).names;
  if (!names || typeof names !== 'object' || Array.isArray(names)) return undefined;
  const map = names as Record<string, unknown>;
  const value = Object.hasOwn(map, name) ? map[name] : undefined;
  // NIP-05 asks for lowercase hex; an uppercase answer is read, never shown.
  return typeof value === 'string' && isHex64(value.toLowerCase()) ? value.toLowerCase() : null;
}
