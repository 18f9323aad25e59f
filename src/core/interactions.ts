// Event templates for answering a note: reply (NIP-10), reaction (NIP-25),
// repost (NIP-18). Pure: the caller passes the time and the relay hint.
import type { Event, EventTemplate } from 'nostr-tools';
import { isAddressableKind } from 'nostr-tools/kinds';
import { addressOf } from './event-shape.js';
import { tagNote, type NoteTagOptions } from './note-tags.js';

/**
 * A reply to `parent` (NIP-10, marked e tags): the thread's root gets the
 * "root" marker, the note answered gets "reply"; a reply to a root note carries
 * only the "root" tag. The p tags are the parent's author plus every p tag of the
 * parent (without the user), then what the text mentions, quotes and hashtags
 * (src/core/note-tags.ts).
 */
export function replyTemplate(text: string, parent: Event, now: number, relayHint = '', opts: Omit<NoteTagOptions, 'replyTo' | 'relayHint'> = {}): EventTemplate {
  const { content, tags } = tagNote(text, { ...opts, replyTo: parent, relayHint });
  return { kind: 1, created_at: now, tags, content };
}

/**
 * A like (NIP-25): kind 7 with content "+", an e tag for the note and a p tag
 * for its author, and a k tag naming the reacted event's kind. An addressable
 * event (an article, NIP-23) is also named by its coordinates in an `a` tag,
 * as NIP-25 asks, so a reaction follows the article across its edits.
 */
export function reactionTemplate(target: Event, now: number, relayHint = '', content = '+'): EventTemplate {
  const d = isAddressableKind(target.kind) ? addressOf(target) : null;
  return {
    kind: 7,
    created_at: now,
    content,
    tags: [
      ['e', target.id, relayHint, target.pubkey],
      ...(d === null ? [] : [['a', `${target.kind}:${target.pubkey}:${d}`, relayHint, target.pubkey]]),
      ['p', target.pubkey, relayHint],
      ['k', String(target.kind)],
    ],
  };
}

/**
 * A repost (NIP-18): kind 6 for a kind-1 note, kind 16 ("generic repost", with
 * a k tag) for anything else. The content is the reposted event as JSON; the e
 * tag MUST carry a relay where it can be fetched. A replaceable or addressable
 * event is also named by its coordinates in an `a` tag, as NIP-18 asks. A
 * protected event (NIP-70 `["-"]`: only its author may publish it) is not copied
 * in: NIP-18 says such reposts SHOULD have empty content.
 */
export function repostTemplate(target: Event, now: number, relayHint: string): EventTemplate {
  const d = addressOf(target);
  const tags = [
    ['e', target.id, relayHint],
    ...(d === null ? [] : [['a', `${target.kind}:${target.pubkey}:${d}`, relayHint]]),
    ['p', target.pubkey],
  ];
  if (target.kind !== 1) tags.push(['k', String(target.kind)]);
  const { id, pubkey, created_at, kind, tags: targetTags, content, sig } = target;
  return {
    kind: target.kind === 1 ? 6 : 16,
    created_at: now,
    tags,
    content: isProtected(target) ? '' : JSON.stringify({ id, pubkey, created_at, kind, tags: targetTags, content, sig }),
  };
}

/** NIP-70: a `["-"]` tag marks an event only its author may publish. */
const isProtected = (event: Event): boolean => event.tags.some((tag) => tag[0] === '-');

/**
 * A deletion request (NIP-09): kind 5 with an `e` tag per event and a `k` tag
 * per kind deleted; the content is the reason, if any. Only the author's own
 * events are affected (relays and clients check), so callers pass only those.
 */
export function deletionTemplate(targets: ReadonlyArray<Pick<Event, 'id' | 'kind'>>, now: number, reason = ''): EventTemplate {
  const tags: string[][] = targets.map((target) => ['e', target.id]);
  for (const kind of new Set(targets.map((target) => target.kind))) tags.push(['k', String(kind)]);
  return { kind: 5, created_at: now, tags, content: reason };
}
