// NIP-27 mentions (NIP-21 `nostr:` URIs) in note text, shown the way a person
// reads them: `@name` for a profile, a short reference for a note.
import { npubEncode, noteEncode } from 'nostr-tools/nip19';
import { parse as parseContent } from 'nostr-tools/nip27';
import { isHex64 } from './event-shape.js';
import { RecentMap } from './recent.js';

// A key or id is 64 lowercase hex characters (NIP-01); anything else from a tag is not one.
/** What is shown for a tag value that is not a key or id: never the value itself (issue #16 item 4). */
export const NOT_A_KEY = '(invalid key)';

/**
 * Short npubs made lately: a list names each author (and the layout asks twice per note when
 * there is no profile name), and bech32 encoding is the costliest part of a note's header
 * (about a third of the first frame's feed render: 100 encodes for 50 notes).
 */
const shortKeys = new RecentMap<string, string>(2_000);

/** `npub1abcd…wxyz`: enough to tell keys apart in a list. */
export function shortKey(pubkey: string): string {
  return shortKeys.remember(pubkey, encodeShortKey);
}

function encodeShortKey(pubkey: string): string {
  if (!isHex64(pubkey)) return NOT_A_KEY;
  const npub = npubEncode(pubkey);
  return `${npub.slice(0, 9)}…${npub.slice(-4)}`;
}

/** `note1abcd…wxyz` for an event id. */
export function shortNoteRef(id: string): string {
  if (!isHex64(id)) return '(invalid id)';
  const note = noteEncode(id);
  return `${note.slice(0, 9)}…${note.slice(-4)}`;
}

/**
 * The text with every `nostr:npub…`/`nostr:nprofile…` replaced by `@name`
 * (or `@npub1…` until the profile is known) and every `nostr:note…`/
 * `nostr:nevent…`/`nostr:naddr…` by a short reference. Everything else is kept.
 * A note the screen shows boxed as a quote (`boxed`, issue #13) leaves the text instead.
 */
export function renderMentions(content: string, nameOf: (pubkey: string) => string | undefined, boxed?: (id: string) => boolean): string {
  if (!content.includes('nostr:')) return content;
  let out = '';
  let cursor = 0;
  for (const block of parseContent(content)) {
    if (block.type !== 'reference' || block.start < cursor) continue;
    out += content.slice(cursor, block.start);
    cursor = block.end;
    const pointer = block.pointer;
    if ('identifier' in pointer) out += `[${pointer.kind}:${pointer.identifier.slice(0, 24)}]`;
    else if ('id' in pointer) out += boxed?.(pointer.id) ? '' : `[${shortNoteRef(pointer.id)}]`;
    else out += `@${nameOf(pointer.pubkey) ?? shortKey(pointer.pubkey)}`;
  }
  return out + content.slice(cursor);
}

/** The people a note's text mentions (`nostr:npub1…`, `nostr:nprofile1…`), whom renderMentions shows as `@name`. */
export function mentionedPeople(content: string): string[] {
  if (!content.includes('nostr:')) return [];
  const people: string[] = [];
  for (const block of parseContent(content)) {
    if (block.type === 'reference' && 'pubkey' in block.pointer && isHex64(block.pointer.pubkey)) people.push(block.pointer.pubkey);
  }
  return people;
}
