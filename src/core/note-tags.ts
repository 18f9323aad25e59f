// The tags a note carries, read from what its text says, so other clients see
// what the user meant: whom it mentions (NIP-27 -> `p`, the mentioned person is
// notified), which notes it quotes (NIP-18 quote -> `q`, and `p` for their author
// when known), its hashtags (NIP-24
// -> `t`, lower case, so hashtag feeds find it) and, for a reply, the NIP-10
// marked `e` tags and the thread's people. Pure: no I/O, the caller passes the
// parent event and the user's key.
import type { Event } from 'nostr-tools';
import { parse as parseThread } from 'nostr-tools/nip10';
import { decode } from 'nostr-tools/nip19';
import { normalizeRelayUrl } from './relay-url.js';
import { isHex64 } from './event-shape.js';
import { isPrivateHost } from './relay-list.js';

export interface NoteTagOptions {
  /** The user's public key: never tagged as one of the thread's people. */
  self?: string | undefined;
  /** The note answered, for a reply (NIP-10). */
  replyTo?: Event | undefined;
  /** Where the parent was seen, as the relay hint of its `e` tag. */
  relayHint?: string | undefined;
  /** The author of a quoted note when a `note1…` does not say it (e.g. from the cache). */
  authorOf?: ((id: string) => string | undefined) | undefined;
  /** A relay a quoted note was seen on, when a `note1…` names none (e.g. from the cache): the `q` tag's hint (NIP-18). */
  relayOf?: ((id: string) => string | undefined) | undefined;
}

export interface TaggedNote {
  /** The text, with bare `npub1…`/`note1…`/`nprofile1…`/`nevent1…`/`naddr1…` written as `nostr:` URIs (NIP-21). */
  content: string;
  tags: string[][];
}

const BECH32_CHARS = '023456789acdefghjklmnpqrstuvwxyz';
/** An optional `nostr:` (or `@`) before a NIP-19 entity that can be mentioned. */
const ENTITY = new RegExp(`(nostr:|@)?\\b((?:npub|note|nprofile|nevent|naddr)1[${BECH32_CHARS}]{6,})`, 'g');
/** Letters (any script, with their marks), digits and underscore; at least one letter or underscore. */
const HASHTAG = /#([\p{L}\p{M}\p{N}_]+)/gu;
const URL_SPAN = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

type Pointer =
  | { type: 'profile'; pubkey: string; relay: string }
  | { type: 'event'; id: string; relay: string; author?: string | undefined }
  | { type: 'address'; address: string; relay: string };

/** A relay hint fit for a tag: the first that is a ws(s) URL, normalised; else ''. */
function firstRelay(relays: readonly string[] | undefined): string {
  for (const relay of relays ?? []) {
    try {
      return normalizeRelayUrl(relay);
    } catch {
      // Not a relay URL: no hint rather than a bad one.
    }
  }
  return '';
}

/** What a NIP-19 entity points at; undefined when it is not valid bech32 (left as text). */
function pointerOf(entity: string): Pointer | undefined {
  let decoded;
  try {
    decoded = decode(entity);
  } catch {
    return undefined;
  }
  switch (decoded.type) {
    case 'npub':
      return isHex64(decoded.data) ? { type: 'profile', pubkey: decoded.data, relay: '' } : undefined;
    case 'nprofile':
      return { type: 'profile', pubkey: decoded.data.pubkey, relay: firstRelay(decoded.data.relays) };
    case 'note':
      return isHex64(decoded.data) ? { type: 'event', id: decoded.data, relay: '' } : undefined;
    case 'nevent':
      return { type: 'event', id: decoded.data.id, relay: firstRelay(decoded.data.relays), author: decoded.data.author };
    case 'naddr': {
      const { kind, pubkey, identifier, relays } = decoded.data;
      return { type: 'address', address: `${kind}:${pubkey}:${identifier}`, relay: firstRelay(relays) };
    }
    default:
      return undefined;
  }
}

/** [start, end) of each URL, where nothing is a mention or a hashtag (`…/page#part`, `…/npub1…`). */
function urlSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(URL_SPAN)].map((m) => [m.index, m.index + m[0].length]);
}

const inside = (spans: Array<[number, number]>, at: number) => spans.some(([start, end]) => at >= start && at < end);
/** A mention or hashtag starts a word: not glued to a letter, digit or word-ish character before it. */
const startsWord = (text: string, at: number) => at === 0 || !/[\p{L}\p{M}\p{N}_&/=?.:#-]/u.test(text[at - 1]!);

/** One tag list with no repeats of (name, value); a later `p` with a relay hint fills an empty one. */
class TagList {
  readonly tags: string[][] = [];
  private readonly index = new Map<string, string[]>();
  add(tag: string[]): void {
    const key = `${tag[0]}\u0000${tag[1]}`;
    const known = this.index.get(key);
    if (!known) {
      this.index.set(key, tag);
      this.tags.push(tag);
    } else if (tag[2] && !known[2]) {
      known[2] = tag[2];
    }
  }
}

/**
 * The content and tags of a note (kind 1) the user wrote. Order: a reply's
 * `e` tags (root, reply), then `p` (the replied-to author, the parent's `p`
 * tags, mentions in order, then the quoted notes' authors), `q` (quotes in order),
 * `t` (hashtags in order).
 */
export function tagNote(text: string, opts: NoteTagOptions = {}): TaggedNote {
  const spans = urlSpans(text);
  const mentions: Pointer[] = [];
  // Bare entities become `nostr:` URIs (NIP-27 says mentions are written that way).
  const content = text.replace(ENTITY, (match: string, prefix: string | undefined, entity: string, at: number) => {
    if (inside(spans, at) || !startsWord(text, at)) return match;
    const pointer = pointerOf(entity);
    if (!pointer) return match;
    mentions.push(pointer);
    return `nostr:${entity}`;
  });

  const list = new TagList();
  const { replyTo, self } = opts;
  if (replyTo) {
    for (const tag of replyTags(replyTo, opts.relayHint ?? '', opts.relayOf)) list.add(tag);
    for (const pubkey of threadPubkeys(replyTo)) if (pubkey !== self) list.add(['p', pubkey]);
  }
  for (const m of mentions) if (m.type === 'profile') list.add(m.relay ? ['p', m.pubkey, m.relay] : ['p', m.pubkey]);
  const authorOf = (m: Pointer): string | undefined => {
    const author = m.type === 'address' ? m.address.split(':')[1] : m.type === 'event' ? (m.author ?? opts.authorOf?.(m.id)) : undefined;
    return author && isHex64(author) ? author : undefined;
  };
  // A quoted note's author is told too, as a mention (NIP-27: reference tags are how the person is
  // notified; clients find what concerns them by `#p`, which a `q` tag's fourth field is not).
  for (const m of mentions) {
    const author = authorOf(m);
    if (author && author !== self) list.add(['p', author]);
  }
  for (const m of mentions) {
    if (m.type === 'event') {
      const author = authorOf(m);
      const relay = m.relay || opts.relayOf?.(m.id) || '';
      list.add(author ? ['q', m.id, relay, author] : ['q', m.id, relay]);
    } else if (m.type === 'address') {
      list.add(['q', m.address, m.relay]);
    }
  }
  for (const tag of hashtags(content)) list.add(['t', tag]);
  return { content, tags: list.tags };
}

/** NIP-24: `#Tag` -> "tag", once each, not inside URLs, not all digits (`#1` is a rank, not a topic). */
export function hashtags(text: string): string[] {
  const spans = urlSpans(text);
  const found: string[] = [];
  for (const match of text.matchAll(HASHTAG)) {
    if (inside(spans, match.index) || !startsWord(text, match.index)) continue;
    const tag = match[1]!.toLowerCase();
    if (/^\p{N}+$/u.test(tag) || found.includes(tag)) continue;
    found.push(tag);
  }
  return found;
}

/**
 * NIP-10 marked `e` tags: the thread's root gets "root", the note answered
 * "reply"; a reply to a root note carries only the "root" tag.
 */
function replyTags(parent: Event, relayHint: string, relayOf: NoteTagOptions['relayOf']): string[][] {
  const { root } = parseThread(parent);
  if (root && root.id !== parent.id) {
    return [
      ['e', root.id, rootHint(root.relays, root.id, relayOf), 'root', root.author ?? ''],
      ['e', parent.id, relayHint, 'reply', parent.pubkey],
    ];
  }
  return [['e', parent.id, relayHint, 'root', parent.pubkey]];
}

/**
 * The root's relay hint, which the parent's author wrote and we would sign: a ws(s) URL,
 * normalised as mentions' hints are, and not on a private network (a hint others' clients would
 * follow into their own LAN, as src/core/relay-list.ts hintsToFollow refuses to); else a relay we
 * saw the root on; else none.
 */
function rootHint(claimed: readonly string[] | undefined, rootId: string, relayOf: NoteTagOptions['relayOf']): string {
  return publicRelayHint(claimed?.[0]) || (relayOf?.(rootId) ?? '');
}

/** A relay hint someone else wrote, fit for a tag we sign: a ws(s) URL, normalised, not on a private network; else ''. */
export function publicRelayHint(claimed: string | undefined): string {
  const hint = firstRelay(claimed === undefined ? [] : [claimed]);
  return hint && !isPrivateHost(new URL(hint).hostname) ? hint : '';
}

/**
 * The parent's author first, then its p tags, each once ("the reply event's p
 * tags should contain all of E's p tags as well as the pubkey of the event
 * being replied to", NIP-10).
 */
function threadPubkeys(parent: Event): string[] {
  const keys = [parent.pubkey];
  for (const tag of parent.tags) {
    if (tag[0] === 'p' && isHex64(tag[1])) keys.push(tag[1]);
  }
  return [...new Set(keys)];
}
