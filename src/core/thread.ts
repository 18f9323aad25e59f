// A thread as rows to show: the root (or the oldest ancestor we have), its
// replies depth-first, oldest first, each with its depth. Parent links come from
// NIP-10 tags, read by nostr-tools' nip10 parser (marked or positional tags).
import type { Event } from 'nostr-tools';
import { parse as parseThread } from 'nostr-tools/nip10';
import { isHex64 } from './event-shape.js';

export interface ThreadRow {
  event: Event;
  depth: number;
  /** The note the user opened the thread from. */
  focus: boolean;
  /** Its parent is not among the events we have; shown under the top instead. */
  parentMissing: boolean;
}

/** The note this one answers: the "reply" pointer, else the root (a direct reply to the root). */
export function parentId(event: Event): string | undefined {
  const { reply, root } = parseThread(event);
  const id = reply?.id ?? root?.id;
  return id === event.id ? undefined : id;
}

/** The thread's root id: the "root" pointer, else the parent, else the note itself. */
export function rootId(event: Event): string {
  const { root, reply } = parseThread(event);
  return root?.id ?? reply?.id ?? event.id;
}


/**
 * Whom a note replies to (NIP-10), for "↳ reply to X": the author of the note
 * it answers (the `reply` marker, else the last positional e tag, else the
 * root). Taken from that note itself when `eventOf` knows it; else from the
 * pointer's pubkey field (the 5th element of a marked e tag); else from the p
 * tags, which NIP-10 says hold the parent's p tags plus its author "in no
 * particular order": the author's own key and, below the root, the root's
 * author are set aside when others remain, and of the rest the last is taken
 * (clients that copy the parent's p tags add its author after them).
 * Undefined when the note is not a reply; '' when it is but nobody can be named.
 */
export function repliedTo(event: Event, eventOf: (id: string) => Event | undefined = () => undefined): string | undefined {
  const { reply, root } = parseThread(event);
  const parent = reply ?? root;
  if (!parent || parent.id === event.id) return undefined;
  const known = eventOf(parent.id);
  if (known && known.id === parent.id) return known.pubkey;
  if (parent.author) return parent.author;
  let candidates = [...new Set(event.tags.filter((t) => t[0] === 'p' && isHex64(t[1])).map((t) => t[1]!))];
  const without = (pubkey: string | undefined) => {
    const rest = candidates.filter((candidate) => candidate !== pubkey);
    if (pubkey !== undefined && rest.length > 0) candidates = rest;
  };
  without(event.pubkey);
  if (root && root.id !== parent.id) without(eventOf(root.id)?.pubkey ?? root.author);
  return candidates.at(-1) ?? '';
}

export function buildThread(focusId: string, events: Iterable<Event>): ThreadRow[] {
  const byId = new Map<string, Event>();
  for (const event of events) byId.set(event.id, event);
  const focus = byId.get(focusId);
  if (!focus) return [];

  const parents = new Map<string, string | undefined>();
  const parentOf = (event: Event) => {
    if (!parents.has(event.id)) parents.set(event.id, parentId(event));
    return parents.get(event.id);
  };

  // Climb from the focus to the oldest ancestor we have; a cycle of tags stops the climb.
  let top = focus;
  const climbed = new Set([top.id]);
  for (let up = parentOf(top); up && byId.has(up) && !climbed.has(up); up = parentOf(top)) {
    top = byId.get(up)!;
    climbed.add(up);
  }
  // A missing link in the chain: the root, when we have it, still heads the thread.
  const threadRoot = rootId(top);
  if (threadRoot !== top.id && byId.has(threadRoot)) top = byId.get(threadRoot)!;

  const children = new Map<string, Event[]>();
  for (const event of byId.values()) {
    const parent = parentOf(event);
    if (!parent || event.id === top.id) continue;
    const list = children.get(parent) ?? [];
    list.push(event);
    children.set(parent, list);
  }
  const oldestFirst = (a: Event, b: Event) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1);

  const rows: ThreadRow[] = [];
  const visited = new Set<string>();
  const visit = (event: Event, depth: number, parentMissing: boolean) => {
    if (visited.has(event.id)) return;
    visited.add(event.id);
    rows.push({ event, depth, focus: event.id === focusId, parentMissing });
    for (const child of (children.get(event.id) ?? []).sort(oldestFirst)) visit(child, depth + 1, false);
  };
  visit(top, 0, false);

  // Replies in this thread whose parent we could not fetch still belong here.
  const orphans = [...byId.values()]
    .filter((e) => !visited.has(e.id) && (rootId(e) === threadRoot || parentOf(e) === threadRoot))
    .filter((e) => !byId.has(parentOf(e) ?? ''))
    .sort(oldestFirst);
  for (const orphan of orphans) visit(orphan, 1, true);
  return rows;
}
