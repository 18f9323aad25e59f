// NIP-36 (sensitive content): an event whose author tagged it `content-warning` (with an optional
// reason) asks readers to act before its content is shown. The UI's lists show the warning in its
// place, and the note itself where the reader opened it.
import type { Event } from 'nostr-tools';
import { sanitizeLine } from './sanitize.js';
import { truncate } from './text-layout.js';

/** The warning's reason ('' when none is given), or undefined when the event carries no warning. */
export function contentWarning(event: Pick<Event, 'tags'>): string | undefined {
  const tag = event.tags.find((t) => t[0] === 'content-warning');
  if (!tag) return undefined;
  return typeof tag[1] === 'string' ? truncate(sanitizeLine(tag[1]).trim(), 80) : '';
}

/** `⚠ content warning: <reason>`, one line, safe to print. */
export function warningText(reason: string): string {
  return `⚠ content warning${reason ? `: ${reason}` : ''}`;
}
