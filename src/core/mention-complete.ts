// Mention completion in the composer: `@` followed by letters just before the
// cursor offers people by name; picking one writes a NIP-27 `nostr:npub1…`
// (src/core/note-tags.ts then tags them). Pure: names come from the caller.
import { npubEncode } from 'nostr-tools/nip19';

export interface MentionQuery {
  /** Where the `@` is (UTF-16 index). */
  start: number;
  /** The letters typed after it, as typed. */
  query: string;
}

export interface Person {
  pubkey: string;
  name: string;
}

/** `@al` right before the cursor, at the start of a word; undefined otherwise. */
export function mentionQuery(text: string, cursor: number): MentionQuery | undefined {
  const before = text.slice(Math.max(0, cursor - 64), cursor);
  // Most drafts (and the empty one of every start) hold no @: no need to run the Unicode regex, whose first use compiles it (~3 ms).
  if (!before.includes('@')) return undefined;
  const match = /(^|[^\p{L}\p{M}\p{N}_@])@([\p{L}\p{M}\p{N}_.-]{1,40})$/u.exec(before);
  if (!match) return undefined;
  const query = match[2]!;
  return { start: cursor - query.length - 1, query };
}

/** People whose name starts with the query (case-insensitive), then those containing it; at most `limit`. */
export function matchPeople(query: string, people: readonly Person[], limit = 5): Person[] {
  const q = query.toLocaleLowerCase();
  const seen = new Set<string>();
  const prefix: Person[] = [];
  const inner: Person[] = [];
  for (const person of people) {
    if (seen.has(person.pubkey)) continue;
    const name = person.name.toLocaleLowerCase();
    if (name.startsWith(q)) prefix.push(person);
    else if (name.includes(q)) inner.push(person);
    else continue;
    seen.add(person.pubkey);
  }
  const byName = (a: Person, b: Person) => a.name.length - b.name.length || a.name.localeCompare(b.name);
  return [...prefix.sort(byName), ...inner.sort(byName)].slice(0, limit);
}

/** What replaces `@query`: the person's NIP-21 URI and a space. */
export const mentionText = (pubkey: string): string => `nostr:${npubEncode(pubkey)} `;
