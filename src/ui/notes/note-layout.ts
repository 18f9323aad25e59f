// How one note is laid out in lines of the terminal: a header (author, age,
// reply or repost marker) and the content wrapped to the width. Every string
// from the network passes through sanitize/sanitizeLine here.
import { format } from 'date-fns';
import type { Event } from 'nostr-tools';
import { contentWarning, warningText } from '../../core/content-warning.js';
import { findLinks } from '../../core/links.js';
import { renderMentions, shortKey, shortNoteRef } from '../../core/mentions.js';
import { quoteRefs, type QuoteRef } from '../../core/quotes.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';
import { repostedNote } from '../../core/reposts.js';
import { repliedTo } from '../../core/thread.js';
import { truncate, wrapText } from '../../core/text-layout.js';
import { isHex64 } from '../../core/event-shape.js';
import { linkSpans, type LineLink } from './link-spans.js';
import { layoutQuote } from './quote-layout.js';

export type LineStyle = 'header' | 'body' | 'meta' | 'quote';

export interface NoteLine {
  text: string;
  style: LineStyle;
  /** Web links on this line (issue #13), drawn as OSC 8 hyperlinks. */
  links?: LineLink[];
}

export interface LayoutOptions {
  width: number;
  /** Content lines shown at most; the rest is cut with `…`. */
  maxLines: number;
  /** Unix seconds, for relative times. */
  now: number;
  /** A display name for a pubkey, already safe to print. */
  nameOf(pubkey: string): string;
  /** A note by id when the screen has it (the thread, the timeline): whom a reply answers is read from it. */
  eventOf?(id: string): Event | undefined;
  /**
   * A quoted note (issue #13): the event, null when the relays do not have it, undefined while
   * it is fetched. Without it quotes stay short references in the text (`[note1…]`).
   */
  quoteOf?(ref: QuoteRef): Event | null | undefined;
  /** The note the reader opened: shown whole, and though it carries a content warning (NIP-36). */
  opened?: string;
}

/** Lines of the opened note's text at most: a whole long note (a relay's 512 KiB cap is ~6,500 lines at 80 columns), within reason. */
const OPENED_MAX_LINES = 10_000;

/** Compact age: `42s`, `5m`, `3h`, `6d`, then the date. */
export function age(createdAt: number, now: number): string {
  const s = now - createdAt;
  if (s < 60) return s < 5 ? 'now' : `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)}d`;
  const date = new Date(createdAt * 1000);
  return format(date, new Date(now * 1000).getFullYear() === date.getFullYear() ? 'd MMM' : 'd MMM yyyy');
}

/** A profile name fit for one line of the screen, or a short npub. */
export function displayName(pubkey: string, raw: string | undefined): string {
  const name = raw ? sanitizeLine(raw).trim() : '';
  return name ? truncate(name, 32) : shortKey(pubkey);
}


export function layoutNote(event: Event, opts: LayoutOptions): NoteLine[] {
  const { width } = opts;
  if (event.kind === 6 || event.kind === 16) {
    const inner = repostedNote(event);
    const who = opts.nameOf(event.pubkey);
    if (!inner) {
      const target = event.tags.find((t) => t[0] === 'e')?.[1];
      const ref = isHex64(target) ? ` [${shortNoteRef(target)}]` : '';
      return [{ text: truncate(`↻ ${who} reposted${ref}`, width), style: 'meta' }];
    }
    return [{ text: truncate(`↻ ${who} reposted`, width), style: 'meta' }, ...layoutNote(inner, opts)];
  }
  let header = `${opts.nameOf(event.pubkey)} · ${age(event.created_at, opts.now)}`;
  const parent = repliedTo(event, opts.eventOf);
  if (parent !== undefined) header += `  ↳ reply to ${parent ? opts.nameOf(parent) : 'a note'}`;
  // NIP-36: the warning stands in for the content (and its quotes) until the reader opens the note.
  const warning = contentWarning(event);
  if (warning !== undefined && event.id !== opts.opened) {
    return [
      { text: truncate(header, width), style: 'header' },
      { text: truncate(`${warningText(warning)} · Enter shows it`, width), style: 'meta' },
    ];
  }
  const warned: NoteLine[] = warning === undefined ? [] : [{ text: truncate(warningText(warning), width), style: 'meta' }];
  const quotes = opts.quoteOf ? quoteRefs(event) : [];
  const boxed = new Set(quotes.map((ref) => ref.id));
  // Tabs as wrapText spaces them, so link offsets in `text` match the wrapped lines.
  const text = sanitize(renderMentions(event.content, opts.nameOf, (id) => boxed.has(id))).replace(/\t/g, '  ').trim();
  // The note the reader opened is shown whole (a list scrolls through a note taller than the screen).
  const body = text ? wrapText(text, width, event.id === opts.opened ? OPENED_MAX_LINES : opts.maxLines) : [];
  const spans = linkSpans(text, body, findLinks(text));
  return [
    { text: truncate(header, width), style: 'header' },
    ...warned,
    ...body.map((line, i): NoteLine => ({ text: line, style: 'body', ...(spans[i]?.length ? { links: spans[i] } : {}) })),
    ...quotes.flatMap((ref) => layoutQuote(ref, opts.quoteOf!(ref), { width, now: opts.now, nameOf: opts.nameOf, age })),
  ];
}
