// Private messages (NIP-17): the kind-14 rumor, who a conversation is with, and
// the user's DM relay list (kind 10050). Pure: no keys, no I/O, time passed in.
import type { Event } from 'nostr-tools';
import { getEventHash } from 'nostr-tools/pure';
import { isHex64 } from './event-shape.js';
import { acceptRelayUrl, MAX_RELAYS_PER_LIST, type RelayListRules } from './relay-list.js';

export const DM_KIND = 14;
export const SEAL_KIND = 13;
export const GIFT_WRAP_KIND = 1059;
export const DM_RELAYS_KIND = 10050;
/** NIP-59: a wrap's and a seal's created_at are randomised up to two days into the past. */
export const WRAP_JITTER_SEC = 2 * 24 * 3600;

/** An unsigned event (NIP-59 "rumor"): deniable, it carries no signature. */
export interface Rumor {
  id: string;
  pubkey: string;
  created_at: number;
  kind: number;
  tags: string[][];
  content: string;
}

/** A kind-14 chat message from `sender` to `recipients` (one `p` tag each, NIP-17). */
export function dmRumor(sender: string, recipients: readonly string[], text: string, createdAt: number): Rumor {
  const base = { pubkey: sender, created_at: createdAt, kind: DM_KIND, tags: [...new Set(recipients)].map((p) => ['p', p]), content: text };
  return { ...base, id: getEventHash(base) };
}

/** Everyone in the rumor's room: its author and every `p` tag (NIP-17: the set of pubkeys is the room). */
export function participants(rumor: Pick<Rumor, 'pubkey' | 'tags'>): string[] {
  const keys = new Set<string>([rumor.pubkey]);
  for (const tag of rumor.tags) if (tag[0] === 'p' && isHex64(tag[1])) keys.add(tag[1]);
  return [...keys].sort();
}

/** The others in the room, as the user sees it; the user alone when writing to themselves. */
export function peersOf(rumor: Pick<Rumor, 'pubkey' | 'tags'>, me: string): string[] {
  const others = participants(rumor).filter((key) => key !== me);
  return others.length > 0 ? others : [me];
}

/** One id per room: its other members, sorted, joined by commas. */
export const conversationId = (peers: readonly string[]): string => [...peers].sort().join(',');

/**
 * A decrypted rumor from the network, checked for shape: hex keys, whole
 * numbers, string tags, and an id that is its hash (computed when absent).
 * Undefined when it is not a well-formed event.
 */
export function checkRumor(value: unknown): Rumor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (!isHex64(r.pubkey) || !Number.isSafeInteger(r.created_at) || !Number.isSafeInteger(r.kind) || typeof r.content !== 'string') return undefined;
  if (!Array.isArray(r.tags) || !r.tags.every((tag) => Array.isArray(tag) && tag.every((item) => typeof item === 'string'))) return undefined;
  const base = { pubkey: r.pubkey, created_at: r.created_at as number, kind: r.kind as number, tags: r.tags as string[][], content: r.content };
  const id = getEventHash(base);
  if (r.id !== undefined && r.id !== id) return undefined;
  return { ...base, id };
}

/** The relays a kind-10050 list names (`["relay", url]`), each once, unsafe ones left out. */
export function parseDmRelays(tags: readonly (readonly string[])[], rules: RelayListRules = {}): string[] {
  const urls = new Set<string>();
  for (const tag of tags) {
    if (urls.size >= MAX_RELAYS_PER_LIST) break;
    if (tag[0] !== 'relay' || typeof tag[1] !== 'string') continue;
    const url = acceptRelayUrl(tag[1], rules);
    if (url) urls.add(url);
  }
  return [...urls];
}

/**
 * A kind-10050 list's tags with `url` added or removed, every other tag kept
 * as it was (a list edited elsewhere may hold tags this client does not know).
 * `url` is already normalised; matching tags are compared normalised too.
 */
export function editDmRelayTags(tags: readonly (readonly string[])[], url: string, action: 'add' | 'remove'): string[][] {
  const same = (tag: readonly string[]) => tag[0] === 'relay' && typeof tag[1] === 'string' && acceptRelayUrl(tag[1], { allowPrivate: true }) === url;
  const kept = tags.filter((tag) => !same(tag)).map((tag) => [...tag]);
  return action === 'add' ? [...kept, ['relay', url]] : kept;
}

/** True when the list already names `url`. */
export const namesDmRelay = (event: Pick<Event, 'tags'> | undefined, url: string): boolean =>
  parseDmRelays(event?.tags ?? [], { allowPrivate: true }).includes(url);
