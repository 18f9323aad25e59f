// A thread as rows to show: the root (or the oldest ancestor we have), its
// replies depth-first, oldest first, each with its depth. Parent links come from
// NIP-10 tags, read by nostr-tools' nip10 parser (marked or positional tags).
import type { Event } from 'nostr-tools';
import { parse as parseThread } from 'nostr-tools/nip10';

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
