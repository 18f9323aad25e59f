// The Notifications view's rows as a note list (NoteSource): one row per group
// (src/core/notifications.ts), keyed by the group, laid out as a summary line
// (`♥ Alice, Bob and 3 others liked: "first words" · 5m`) and, for replies,
// mentions, quotes and zap comments, a few lines of what they say. The row's
// note, which Enter, r and l act on, is the reply or mention itself, or the
// user's note that was liked, reposted or zapped once it is known.
import type { Event } from 'nostr-tools';
import type { NotificationGroup } from '../../core/notifications.js';
import { warningText } from '../../core/content-warning.js';
import { describeGroup, groupBody, groupWarning } from '../../core/notifications-text.js';
import { renderMentions } from '../../core/mentions.js';
import { sanitize } from '../../core/sanitize.js';
import { truncate, wrapText } from '../../core/text-layout.js';
import { age, type NoteLine } from '../notes/note-layout.js';
import type { NoteRow, NoteSource } from '../notes/note-source.js';

/** Lines of what a reply, mention or quote says, at most. */
export const NOTIFICATION_BODY_LINES = 3;

export interface NotificationLayoutOptions {
  width: number;
  now: number;
  nameOf(pubkey: string): string;
  noteOf(id: string): Event | undefined;
  /** Notifications newer than this (unix seconds) are marked new (`•`). */
  seenAt: number;
}

export function layoutGroup(group: NotificationGroup, opts: NotificationLayoutOptions): NoteLine[] {
  const fresh = group.created_at > opts.seenAt ? '• ' : '';
  const summary = `${fresh}${describeGroup(group, opts.nameOf, opts.noteOf)}`;
  const when = ` · ${age(group.created_at, opts.now)}`;
  const header = truncate(summary, Math.max(1, opts.width - when.length)) + when;
  // NIP-36: a reply or mention with a content warning shows the warning; its thread (Enter) shows it.
  const warning = groupWarning(group);
  // A quote's reference to the note it quotes leaves the text, as in the feeds: the summary names that note.
  const quoted = group.type === 'quote' ? group.target : undefined;
  const body = warning !== undefined ? `${warningText(warning)} · Enter shows it` : sanitize(renderMentions(groupBody(group), opts.nameOf, (id) => id === quoted)).trim();
  const lines = body ? wrapText(body, opts.width, NOTIFICATION_BODY_LINES) : [];
  return [{ text: header, style: 'header' }, ...lines.map((text) => ({ text, style: 'body' as const }))];
}

/** The note a row acts on. */
export function rowEvent(group: NotificationGroup, noteOf: (id: string) => Event | undefined): Event {
  const first = group.items[0]!;
  if (group.type === 'reply' || group.type === 'mention' || group.type === 'quote') return first.event;
  return (group.target ? noteOf(group.target) : undefined) ?? first.event;
}

const GAP = 1;

export function groupsSource(groups: readonly NotificationGroup[], layout: (group: NotificationGroup) => NoteLine[], noteOf: (id: string) => Event | undefined): NoteSource {
  const index = new Map(groups.map((group, i) => [group.key, i]));
  const rowAt = (i: number): NoteRow => ({ event: rowEvent(groups[i]!, noteOf), depth: 0 });
  return {
    length: groups.length,
    keyAt: (i) => groups[i]!.key,
    indexOf: (key) => index.get(key) ?? -1,
    heightAt: (i) => layout(groups[i]!).length + GAP,
    rowAt,
    linesAt: (i) => layout(groups[i]!),
  };
}

/**
 * The groups in the order the reader has them: a group keeps the place it had when it was first
 * shown (`placed`: its key -> the time it was placed by), so a new like of a note already listed
 * updates that line where it is, instead of moving it above the reader's window (where it was
 * hidden until `g`); `g` places every group by its newest member again (a fresh `placed`).
 * Groups new to the view are placed by their own time, so they come above as new ones do.
 */
export function keepPlaces(groups: readonly NotificationGroup[], placed: Map<string, number>): NotificationGroup[] {
  const at = (group: NotificationGroup) => {
    let time = placed.get(group.key);
    if (time === undefined) placed.set(group.key, (time = group.created_at));
    return time;
  };
  // Stable: groups placed at the same time keep the order groupNotifications gave them.
  return groups
    .map((group, i) => ({ group, i, time: at(group) }))
    .sort((a, b) => b.time - a.time || a.i - b.i)
    .map(({ group }) => group);
}
