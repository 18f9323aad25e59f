// Mutes (NIP-51 kind 10000): people (`p`), hashtags (`t`) and words (`word`). Pure: reading the
// list (its public tags, and its private part once the caller decrypted it), editing it one public
// entry at a time (every other tag, and the encrypted private part in `content`, kept exactly as
// they were), and whether an event is muted.
import type { Event } from 'nostr-tools';
import { isHexKey } from './identifiers.js';
import { ZAP_RECEIPT_KIND, zapRequestToCheck } from './zap-receipt.js';

type Tags = readonly (readonly string[])[];

export type MuteKind = 'pubkey' | 'hashtag' | 'word';

export interface MuteEntry {
  type: MuteKind;
  /** Hex public key, hashtag without `#` (lowercase), or word (lowercase). */
  value: string;
}

export const MUTE_LIST_KIND = 10000;

const TAG_OF: Record<MuteKind, string> = { pubkey: 'p', hashtag: 't', word: 'word' };
const KIND_OF: Record<string, MuteKind> = { p: 'pubkey', t: 'hashtag', word: 'word' };

/** NIP-51: hashtags and words are matched without regard to case. */
const normal = (type: MuteKind, value: string): string => (type === 'pubkey' ? value.toLowerCase() : value.trim().toLowerCase());

/** A hashtag or word the user typed: `#Nostr` is the hashtag `nostr`, anything else a word. Keys are parsed elsewhere. */
export function muteTermOf(text: string): MuteEntry | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('#')) {
    const tag = trimmed.slice(1).trim().toLowerCase();
    return tag && !/\s/.test(tag) ? { type: 'hashtag', value: tag } : undefined;
  }
  return trimmed ? { type: 'word', value: trimmed.toLowerCase() } : undefined;
}

const names = (tag: readonly string[], entry: MuteEntry): boolean =>
  tag[0] === TAG_OF[entry.type] && typeof tag[1] === 'string' && normal(entry.type, tag[1]) === entry.value;

/** The public entries, in list order, each once; malformed tags skipped. */
export function muteEntries(tags: Tags): MuteEntry[] {
  const seen = new Set<string>();
  const entries: MuteEntry[] = [];
  for (const tag of tags) {
    const type = KIND_OF[tag[0] ?? ''];
    if (!type || typeof tag[1] !== 'string') continue;
    const value = normal(type, tag[1]);
    if (!value || (type === 'pubkey' && !isHexKey(value))) continue;
    const key = `${type}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ type, value });
  }
  return entries;
}

export const isMutedEntry = (tags: Tags, entry: MuteEntry): boolean => tags.some((tag) => names(tag, entry));

/** `tags` plus the entry at the end; the same tags when it is already there. */
export function addMute(tags: Tags, entry: MuteEntry): string[][] {
  const copy = tags.map((tag) => [...tag]);
  return isMutedEntry(tags, entry) ? copy : [...copy, [TAG_OF[entry.type], entry.value]];
}

/** `tags` without any tag naming the entry. */
export const removeMute = (tags: Tags, entry: MuteEntry): string[][] => tags.filter((tag) => !names(tag, entry)).map((tag) => [...tag]);

/** The list as sets, for matching many events. */
export interface MuteSet {
  pubkeys: ReadonlySet<string>;
  hashtags: ReadonlySet<string>;
  words: readonly string[];
}

export const EMPTY_MUTES: MuteSet = { pubkeys: new Set(), hashtags: new Set(), words: [] };

export function muteSet(entries: readonly MuteEntry[]): MuteSet {
  const of = (type: MuteKind) => entries.filter((entry) => entry.type === type).map((entry) => entry.value);
  return { pubkeys: new Set(of('pubkey')), hashtags: new Set(of('hashtag')), words: of('word') };
}

export const isEmptyMuteSet = (set: MuteSet): boolean => set.pubkeys.size === 0 && set.hashtags.size === 0 && set.words.length === 0;

/** Whether the two hide exactly the same (the order of the list aside). */
export function sameMuteSet(a: MuteSet, b: MuteSet): boolean {
  const same = (x: Iterable<string>, y: Iterable<string>) => {
    const left = new Set(x);
    const right = new Set(y);
    return left.size === right.size && [...left].every((value) => right.has(value));
  };
  return same(a.pubkeys, b.pubkeys) && same(a.hashtags, b.hashtags) && same(a.words, b.words);
}

/** Hashtags in the text itself (`#tag`), for notes whose `t` tags leave one out. */
const HASHTAG = /(?:^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]+)/gu;

/**
 * True when the event is muted: its author, a hashtag it carries (`t` tag or
 * `#tag` in the text) or a word in its text is on the list. A repost is muted
 * when the reposter or the reposted note is (`inner`, when it could be read).
 * A zap receipt is signed by the recipient's wallet: it is muted when the zap
 * request inside it is, by its sender or its comment (NIP-57), provided the
 * request agrees with the receipt (one that does not is no zap at all).
 */
export function isMuted(event: Pick<Event, 'pubkey' | 'tags' | 'content' | 'kind'>, set: MuteSet, inner?: Pick<Event, 'pubkey' | 'tags' | 'content' | 'kind'>): boolean {
  if (isEmptyMuteSet(set)) return false;
  if (set.pubkeys.has(event.pubkey)) return true;
  if (inner && isMuted(inner, set)) return true;
  if (event.kind === ZAP_RECEIPT_KIND) {
    const request = zapRequestToCheck(event);
    return request !== undefined && isMuted(request, set);
  }
  // A repost's own content is the reposted note's JSON: its text is judged through `inner`.
  if (event.kind === 6 || event.kind === 16) return false;
  if (set.hashtags.size > 0) {
    for (const tag of event.tags) if (tag[0] === 't' && typeof tag[1] === 'string' && set.hashtags.has(tag[1].toLowerCase())) return true;
    for (const match of event.content.matchAll(HASHTAG)) if (set.hashtags.has(match[1]!.toLowerCase())) return true;
  }
  if (set.words.length > 0) {
    const text = event.content.toLowerCase();
    if (set.words.some((word) => text.includes(word))) return true;
  }
  return false;
}
