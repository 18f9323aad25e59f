// Bookmarks (NIP-51 standard list, kind 10003): "an uncategorized, global list of things a user
// wants to save". Pure: the notes it names (`e` tags), and editing it one note at a time, every
// other tag (articles `a`, hashtags `t`, URLs `r`…) and the encrypted private part (`content`)
// kept exactly as they were. NIP-51: new items are appended at the end, so the list is in the
// order things were saved.
import { isHex64 } from './event-shape.js';

type Tags = readonly (readonly string[])[];

export const BOOKMARKS_KIND = 10003;

const names = (tag: readonly string[], id: string): boolean => tag[0] === 'e' && tag[1] === id;

/** The notes bookmarked in public tags, in list order (oldest saved first), each once. */
export function bookmarkedNotes(tags: Tags): string[] {
  const ids = tags.filter((tag) => tag[0] === 'e' && isHex64(tag[1])).map((tag) => tag[1]!);
  return [...new Set(ids)];
}

export const isBookmarked = (tags: Tags, id: string): boolean => tags.some((tag) => names(tag, id));

/** `tags` with the note appended (and the relay it was seen on, as an `e` tag's third field). */
export function withBookmark(tags: Tags, id: string, relay = ''): string[][] {
  const copy = tags.map((tag) => [...tag]);
  return isBookmarked(tags, id) ? copy : [...copy, relay ? ['e', id, relay] : ['e', id]];
}

/** `tags` without the note's `e` tags; everything else as it was. */
export const withoutBookmark = (tags: Tags, id: string): string[][] => tags.filter((tag) => !names(tag, id)).map((tag) => [...tag]);
