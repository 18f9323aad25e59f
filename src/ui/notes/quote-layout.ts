// A quoted note drawn inside the note that quotes it (issue #13): a box of a few lines with
// the quoted author's name and age, its text wrapped inside, links kept.
//   ╭─ Bob · 2h ─────────────╮
//   │ the quoted text, cut    │
//   │ after three lines …     │
//   ╰─────────────────────────╯
import type { Event } from 'nostr-tools';
import { contentWarning, warningText } from '../../core/content-warning.js';
import { findLinks } from '../../core/links.js';
import { renderMentions, shortNoteRef } from '../../core/mentions.js';
import type { QuoteRef } from '../../core/quotes.js';
import { sanitize } from '../../core/sanitize.js';
import { padToWidth, textWidth, truncate, wrapText } from '../../core/text-layout.js';
import { linkSpans } from './link-spans.js';
import type { NoteLine } from './note-layout.js';

/** Lines of the quoted text shown in the box. */
export const QUOTE_LINES = 3;
/** Narrower than this, a quote is one line (`» Bob: …`) instead of a box. */
const MIN_BOX = 16;

export interface QuoteLayout {
  width: number;
  now: number;
  nameOf(pubkey: string): string;
  age(createdAt: number, now: number): string;
}

/** `quoted`: the note, null when no relay had it, undefined while it is being fetched. */
export function layoutQuote(ref: QuoteRef, quoted: Event | null | undefined, opts: QuoteLayout): NoteLine[] {
  const { width } = opts;
  // The name gives way to the age (or reference) when the line is short.
  const [who, after] = quoted
    ? [opts.nameOf(quoted.pubkey), ` · ${opts.age(quoted.created_at, opts.now)}`]
    : ref.author
      ? [opts.nameOf(ref.author), ` · ${shortNoteRef(ref.id)}`]
      : [shortNoteRef(ref.id), ''];
  const fit = (room: number) => (textWidth(after) < room - 1 ? truncate(who, room - textWidth(after)) + after : truncate(who + after, room));
  const header = fit(width - 2);
  const warning = quoted ? contentWarning(quoted) : undefined;
  // NIP-36: a quoted note marked sensitive shows its warning; opening it (Enter on the note quoting it, in its thread) shows it.
  const text = quoted === undefined
    ? 'loading the quoted note…'
    : quoted === null
      ? 'quoted note not found on the relays'
      : warning !== undefined
        ? warningText(warning)
        : quoted.kind === 1
          ? sanitize(renderMentions(quoted.content, opts.nameOf)).replace(/\t/g, '  ').trim()
          : `(a kind ${quoted.kind} event)`;
  if (width < MIN_BOX) return [{ text: truncate(`» ${header}`, width), style: 'quote' }];
  const inner = width - 4;
  const top = `╭─ ${fit(inner - 2)} `;
  const lines: NoteLine[] = [{ text: top + '─'.repeat(Math.max(0, width - 1 - textWidth(top))) + '╮', style: 'quote' }];
  const body = text ? wrapText(text, inner, QUOTE_LINES) : [''];
  const spans = quoted ? linkSpans(text, body, findLinks(text)) : [];
  body.forEach((line, i) => {
    const links = (spans[i] ?? []).map((span) => ({ ...span, start: span.start + 2, end: span.end + 2 }));
    lines.push({ text: `│ ${padToWidth(line, inner)} │`, style: 'quote', ...(links.length ? { links } : {}) });
  });
  lines.push({ text: `╰${'─'.repeat(width - 2)}╯`, style: 'quote' });
  return lines;
}
