// Which notes a note quotes (issue #13): `nostr:note1…` / `nostr:nevent1…` in its text (NIP-27,
// NIP-21) and `q` tags (NIP-18 quote reposts: ["q", <id>, <relay>, <pubkey>]), merged by id, with
// the relay hints and author they give. Pure: the fetching is src/client/quotes.ts.
import type { Event } from 'nostr-tools';
import { parse as parseContent } from 'nostr-tools/nip27';
import { isHex64 } from './event-shape.js';
import { normalizeRelayUrl } from './relay-url.js';

export interface QuoteRef {
  id: string;
  /** Relay hints (nevent, q tag), normalised, at most MAX_HINTS; ones that are not ws(s) URLs are dropped. */
  relays: string[];
  author?: string;
}

/** Quotes boxed under one note; further references stay short references in the text. */
export const MAX_QUOTES = 2;
/** Relay hints kept per quote: a hostile note must not make the client connect to a hundred relays. */
export const MAX_HINTS = 3;

function hint(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > 300) return undefined;
  try {
    return normalizeRelayUrl(url);
  } catch {
    return undefined;
  }
}

/** The notes `event` quotes, text references first (in order), then q tags; never itself; at most MAX_QUOTES. */
export function quoteRefs(event: Pick<Event, 'id' | 'content' | 'tags'>): QuoteRef[] {
  const byId = new Map<string, QuoteRef>();
  const add = (id: unknown, relays: unknown[], author: unknown) => {
    if (!isHex64(id) || id === event.id) return;
    let ref = byId.get(id);
    if (!ref) {
      if (byId.size >= MAX_QUOTES) return;
      ref = { id, relays: [] };
      byId.set(id, ref);
    }
    for (const url of relays) {
      const relay = hint(url);
      if (relay && ref.relays.length < MAX_HINTS && !ref.relays.includes(relay)) ref.relays.push(relay);
    }
    if (!ref.author && isHex64(author)) ref.author = author;
  };
  if (typeof event.content === 'string' && event.content.includes('nostr:')) {
    for (const block of parseContent(event.content)) {
      if (block.type === 'reference' && 'id' in block.pointer) add(block.pointer.id, block.pointer.relays ?? [], block.pointer.author);
    }
  }
  for (const tag of event.tags) if (tag[0] === 'q') add(tag[1], [tag[2]], tag[3]);
  return [...byId.values()];
}
