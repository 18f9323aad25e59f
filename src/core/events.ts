// Unsigned event templates for what the user writes. Pure: the caller passes the time.
import type { Event, EventTemplate } from 'nostr-tools';
import { tagNote, type NoteTagOptions } from './note-tags.js';

/** A short text note (NIP-01 kind 1), with the tags its text calls for (src/core/note-tags.ts). */
export function noteTemplate(text: string, now: number, opts: Pick<NoteTagOptions, 'authorOf' | 'relayOf' | 'self'> = {}): EventTemplate {
  const { content, tags } = tagNote(text, opts);
  return { kind: 1, created_at: now, tags, content };
}

/**
 * `created_at` for a new version of a replaceable event. NIP-01 keeps the
 * newest version, and on equal timestamps the one with the lowest id, so an edit
 * made in the same second as the previous one could lose to it: never go back
 * to or below the previous version's time.
 */
export function replaceableCreatedAt(now: number, previous?: Pick<Event, 'created_at'>): number {
  return previous ? Math.max(now, previous.created_at + 1) : now;
}

/**
 * The next version of a replaceable list (NIP-51, NIP-65): `tags`, dated after the newest copy,
 * its content kept byte for byte (a NIP-51 list's encrypted private items are there).
 */
export function nextListVersion(kind: number, tags: string[][], now: number, previous?: Pick<Event, 'created_at' | 'content'>): EventTemplate {
  return { kind, created_at: replaceableCreatedAt(now, previous), tags, content: previous?.content ?? '' };
}

/**
 * A follow list (NIP-02 kind 3) with `tags`, keeping the previous version's
 * content exactly (some clients keep data there).
 */
export function followListTemplate(tags: string[][], now: number, previous?: Event): EventTemplate {
  return nextListVersion(3, tags.map((tag) => [...tag]), now, previous);
}

/**
 * The version of a replaceable event that wins (NIP-01): the newest
 * `created_at`, and on a tie the lowest id.
 */
export function newestReplaceable<T extends Pick<Event, 'created_at' | 'id'>>(events: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const event of events) {
    if (!best || event.created_at > best.created_at || (event.created_at === best.created_at && event.id < best.id)) best = event;
  }
  return best;
}

/** Each author's winning version among `events`, one kind of replaceable event (see newestReplaceable). */
export function newestByAuthor<T extends Pick<Event, 'pubkey' | 'created_at' | 'id'>>(events: Iterable<T>): Map<string, T> {
  const newest = new Map<string, T>();
  for (const event of events) {
    const known = newest.get(event.pubkey);
    if (!known || newestReplaceable([known, event]) === event) newest.set(event.pubkey, event);
  }
  return newest;
}
