// Other people's relay lists (NIP-65, kind 10002) as untrusted input. A list
// names the relays its author writes to (their outbox, where their notes are)
// and reads from (their inbox, where mentions of them should go): `["r", url]`
// is both, `["r", url, "read"]` / `["r", url, "write"]` one of them.
//
// Anyone can publish any list, so a URL is taken only when it is ws:// or wss://,
// normalised, of sane length, and not on this machine or a private network
// (a list must not make the client probe the user's LAN), unless the caller
// allows that because the user's own relays live there.
import type { RelaySpec } from './relay-spec.js';
import { containsSecret } from './identifiers.js';
import { parseRelayUrl } from './relay-url.js';

export const RELAY_LIST_KIND = 10002;
/** More than any real list holds; the rest of a longer list is ignored. */
export const MAX_RELAYS_PER_LIST = 20;
const MAX_URL_LENGTH = 300;

export interface RelayListRules {
  /** The user's own relays are on loopback or a private network (a home relay, a test network). */
  allowPrivate?: boolean;
  /**
   * The user's public key: a URL holding their secret in hex is left out (connecting would send
   * it to DNS and to the relay), as one holding any nsec always is.
   */
  ownPubkey?: string | undefined;
  /** The most relays taken (default MAX_RELAYS_PER_LIST); the user's own list is taken whole, up to what config.json holds. */
  max?: number;
}

/** The relays a kind-10002 event lists, each once, at most `rules.max` (MAX_RELAYS_PER_LIST), unsafe ones left out. */
export function parseRelayList(tags: readonly (readonly string[])[], rules: RelayListRules = {}): RelaySpec[] {
  const max = rules.max ?? MAX_RELAYS_PER_LIST;
  const byUrl = new Map<string, RelaySpec>();
  for (const tag of tags) {
    if (byUrl.size >= max) break;
    if (tag[0] !== 'r' || typeof tag[1] !== 'string' || tag[1].length > MAX_URL_LENGTH) continue;
    const marker = tag[2];
    if (marker !== undefined && marker !== 'read' && marker !== 'write') continue;
    const url = acceptRelayUrl(tag[1], rules);
    if (!url) continue;
    const spec = byUrl.get(url) ?? { url, read: false, write: false };
    if (marker !== 'write') spec.read = true;
    if (marker !== 'read') spec.write = true;
    byUrl.set(url, spec);
  }
  return [...byUrl.values()];
}

/** The normalised URL when a relay named by someone else may be connected to, else undefined. */
export function acceptRelayUrl(input: string, rules: RelayListRules = {}): string | undefined {
  if (input.length > MAX_URL_LENGTH) return undefined;
  const parsed = parseRelayUrl(input, rules.ownPubkey);
  if ('error' in parsed) return undefined;
  if (!rules.allowPrivate && isPrivateHost(new URL(parsed.url).hostname)) return undefined;
  return parsed.url;
}

/** The tags of the user's own kind 10002 for their configured relays. */
export function relayListTags(relays: readonly RelaySpec[]): string[][] {
  return relays
    .filter((relay) => relay.read || relay.write)
    .map((relay) => (relay.read && relay.write ? ['r', relay.url] : ['r', relay.url, relay.read ? 'read' : 'write']));
}

/** Loopback, private, link-local and shared address space, and names that only resolve locally. */
const isPrivateUrl = (url: string): boolean => {
  try {
    return isPrivateHost(new URL(url).hostname);
  } catch {
    return true;
  }
};

/**
 * Of the relay hints in other people's events (a quote's nevent or q tag), those the client may
 * connect to on its own, as a note scrolls by: none in the user's own network (a router, a
 * service on this machine) unless the user's relays are there too (a home relay, a test network),
 * the rule for people's relay lists.
 */
export function hintsToFollow(userRelays: readonly string[], hints: readonly string[], ownPubkey?: string): string[] {
  // Nor one holding the user's own secret (a relay URL with one is refused wherever it is typed).
  const safe = hints.filter((url) => !containsSecret(url, ownPubkey));
  return userRelays.some(isPrivateUrl) ? safe : safe.filter((url) => !isPrivateUrl(url));
}

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  // .home.arpa is the home network's zone (RFC 8375); .lan is what home routers name their LAN.
  if (host === 'localhost' || ['.localhost', '.local', '.internal', '.home.arpa', '.lan'].some((zone) => host.endsWith(zone))) return true;
  if (!host.includes('.') && !host.includes(':')) return true; // a bare name resolves on the LAN only
  const v4 = ipv4(host) ?? ipv4(host.replace(/^::ffff:/, ''));
  if (v4) {
    const [a, b] = v4;
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
    );
  }
  if (host.includes(':')) {
    // ::a.b.c.d (IPv4-compatible, RFC 4291 2.5.5.1, deprecated; the URL parser writes it ::7f00:1) reaches IPv4.
    const v4Compatible = /^::([0-9a-f]{1,4}:)?[0-9a-f]{1,4}$/.test(host);
    return host === '::' || v4Compatible || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host) || host.startsWith('::ffff:');
  }
  return false;
}

function ipv4(host: string): [number, number] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return [Number(parts[0]), Number(parts[1])];
}
