// The order tests expect, stated here rather than imported from src (a test that sorts its
// expected answer with the sort under test cannot fail on that sort). NIP-01: newest
// first (created_at descending); for equal created_at, the lowest id first (lexical).
import type { Event } from 'nostr-tools';

/** Sort key: created_at counted down from the largest safe integer, then the id. */
const key = (e: { created_at: number; id: string }) => `${String(Number.MAX_SAFE_INTEGER - e.created_at).padStart(16, '0')}:${e.id}`;

/** `events` in NIP-01 order, as a new array. */
export function inNip01Order<T extends Pick<Event, 'created_at' | 'id'>>(events: readonly T[]): T[] {
  return events
    .map((event) => ({ event, k: key(event) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ event }) => event);
}
