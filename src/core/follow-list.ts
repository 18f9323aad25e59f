// Editing a follow list (NIP-02) one person at a time. Only `p` tags naming that
// person change; every other tag (other people with their relay hints and
// petnames, tags other clients added) stays exactly as it was, in its place.
import { isHexKey } from './identifiers.js';

type Tags = readonly (readonly string[])[];

const names = (tag: readonly string[], pubkey: string): boolean => tag[0] === 'p' && tag[1]?.toLowerCase() === pubkey;

/** The people followed, in list order, each once; malformed p tags are skipped. */
export const followedPubkeys = (tags: Tags): string[] => followEntries(tags).map((entry) => entry.pubkey);

export const isFollowing = (tags: Tags, pubkey: string): boolean => tags.some((tag) => names(tag, pubkey));

/** `tags` plus `["p", pubkey]` at the end; the same tags when already followed. */
export function addFollow(tags: Tags, pubkey: string): string[][] {
  const copy = tags.map((tag) => [...tag]);
  return isFollowing(tags, pubkey) ? copy : [...copy, ['p', pubkey]];
}

/** `tags` without any p tag naming `pubkey`. */
export function removeFollow(tags: Tags, pubkey: string): string[][] {
  return tags.filter((tag) => !names(tag, pubkey)).map((tag) => [...tag]);
}

/** One followed person with what the list says about them (NIP-02: relay hint, petname). */
export interface FollowEntry {
  pubkey: string;
  relay?: string;
  petname?: string;
}

export function followEntries(tags: Tags): FollowEntry[] {
  const seen = new Set<string>();
  const entries: FollowEntry[] = [];
  for (const tag of tags) {
    const pubkey = tag[0] === 'p' ? tag[1]?.toLowerCase() : undefined;
    if (!pubkey || !isHexKey(pubkey) || seen.has(pubkey)) continue;
    seen.add(pubkey);
    const entry: FollowEntry = { pubkey };
    if (tag[2]) entry.relay = tag[2];
    if (tag[3]) entry.petname = tag[3];
    entries.push(entry);
  }
  return entries;
}
