// A notification in words, for the Notifications view and `nostr-tui
// notifications`: `♥ Alice, Bob and 3 others liked: "first words of your note"`.
// Network text (note content, reactions, zap comments) is sanitised here;
// names come from the caller already safe to print.
import type { Event } from 'nostr-tools';
import { contentWarning } from './content-warning.js';
import { renderMentions } from './mentions.js';
import { actorsOf, compactAmount, namesList, type NotificationGroup } from './notifications.js';
import { sanitizeLine } from './sanitize.js';
import { truncate } from './text-layout.js';

const GLYPH = { reply: '↩', mention: '@', quote: '❝', repost: '↻', reaction: '♥', zap: '⚡' } as const;

/** Enough of a note for its first words, whatever its length. */
const SNIPPET_SOURCE = 1_000;

/**
 * The first words of a note, on one line, quoted: `"first words of your note"` (at most `width` columns),
 * mentions shown as in the note itself (`@Alice`, NIP-27), not as `nostr:npub1…`.
 */
export function snippet(note: Event | undefined, nameOf: (pubkey: string) => string, width = 40): string {
  if (!note) return 'your note';
  const text = sanitizeLine(renderMentions(note.content.slice(0, SNIPPET_SOURCE), nameOf)).replace(/\s+/g, ' ').trim();
  return text ? `"${truncate(text, width)}"` : 'your note';
}

/** A reaction's content shown after the names when it is not a plain like ("+" or empty): an emoji, a word. */
function reactionText(group: NotificationGroup): string {
  const contents = [...new Set(group.items.map((n) => sanitizeLine(n.text ?? '').trim()).filter((c) => c && c !== '+'))];
  return contents.length > 0 ? ` (${truncate(contents.slice(0, 3).join(' '), 12)})` : '';
}

/** The summary line of a group: who did what to which note; `mentionName` names the people the note mentions (`nameOf` by default). */
export function describeGroup(
  group: NotificationGroup,
  nameOf: (pubkey: string) => string,
  noteOf: (id: string) => Event | undefined,
  mentionName: (pubkey: string) => string = nameOf,
): string {
  const names = namesList(actorsOf(group).map(nameOf));
  const note = group.target ? noteOf(group.target) : undefined;
  const glyph = GLYPH[group.type];
  switch (group.type) {
    case 'reaction':
      return `${glyph} ${names} liked${reactionText(group)}: ${snippet(note, mentionName)}`;
    case 'repost':
      return `${glyph} ${names} reposted: ${snippet(note, mentionName)}`;
    case 'reply':
      return `${glyph} ${names} replied to ${snippet(note, mentionName)}`;
    case 'quote':
      return `${glyph} ${names} quoted ${snippet(note, mentionName)}`;
    case 'mention':
      return `${glyph} ${names} mentioned you`;
    case 'zap': {
      const sats = group.items[0]?.sats ?? 0;
      return `${glyph} ${names} zapped ${compactAmount(sats)} sat${sats === 1 ? '' : 's'}${group.target ? `: ${snippet(note, mentionName)}` : ''}`;
    }
  }
}

/** The text shown under the summary: what a reply, mention or quote says, or a zap's comment. '' for none. */
export function groupBody(group: NotificationGroup): string {
  const first = group.items[0];
  if (!first) return '';
  if (group.type === 'zap') return first.text ?? '';
  if (group.type === 'reply' || group.type === 'mention' || group.type === 'quote') return first.event.content;
  return '';
}

/** The content warning (NIP-36) on the note a reply, mention or quote is; undefined for none. */
export function groupWarning(group: NotificationGroup): string | undefined {
  const first = group.items[0];
  if (!first || (group.type !== 'reply' && group.type !== 'mention' && group.type !== 'quote')) return undefined;
  return contentWarning(first.event);
}
