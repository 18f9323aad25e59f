// Hashtags (NIP-24 `t` tags, NIP-01 `#t` filters): notes carry their hashtags
// lowercased in `t` tags, so a hashtag feed asks relays and the cache for `#t`.
import type { Filter } from 'nostr-tools';
import { usageError } from './errors.js';
import { FEED_KINDS } from './feed-filters.js';
import { sanitizeLine } from './sanitize.js';
import { refuseSecretIn } from './secret-in-text.js';

/** A hashtag as typed (`#Nostr`, `nostr`) as its `t` tag value (`nostr`); usage error when nothing is left. */
export function normalizeHashtag(input: string, ownPubkey?: string): string {
  // Before the message below, which repeats what was typed.
  refuseSecretIn('hashtag', input, ownPubkey);
  const tag = input.trim().replace(/^#+/u, '').normalize('NFKC').toLowerCase();
  if (!tag || /\s/u.test(tag) || tag.length > 100) {
    throw usageError(`"${sanitizeLine(input.slice(0, 40))}" is not a hashtag: give one word, like nostr or #nostr`);
  }
  return tag;
}

/** Notes and reposts with any of these hashtags. */
export function hashtagFilters(tags: readonly string[], since: number, limit: number, until?: number): Filter[] {
  return [{ kinds: [...FEED_KINDS], '#t': [...new Set(tags)], since, ...(until === undefined ? {} : { until }), limit }];
}

/** `#word` in note text: letters, digits, `_` and `-` after a `#` that starts a word. */
const HASHTAG = /(^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_][\p{L}\p{N}_-]*)/gu;

/** The hashtags a note's text shows, in order, lowercased and without repeats. */
export function hashtagsIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(HASHTAG)) found.add(match[2]!.toLowerCase());
  return [...found];
}
