// The feed list remembers the created_at of ids it handed out as keys in a RecentMap (issue #16
// item 5: one entry per note that ever came into view in a long session). An id forgotten is
// still found, one by one, and a gone one still has its place while remembered.
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { RecentMap } from '../../src/core/recent.js';
import { timelineSource } from '../../src/ui/notes/note-source.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const note = (n: number): Event => ({ id: hex(n), pubkey: hex(1), created_at: 1_700_000_000 - n, kind: 1, tags: [], content: `${n}`, sig: '0'.repeat(128) });

describe('timelineSource with a bounded memory of keys', () => {
  it('keeps at most the last keys handed out, and still finds a forgotten one', () => {
    const entries = Array.from({ length: 10 }, (_, n) => ({ event: note(n), seenOn: [] }));
    const known = new RecentMap<string, number>(3);
    const source = timelineSource(entries, () => [], known);
    for (let i = 0; i < 10; i++) source.keyAt(i);
    expect(known.size).toBe(3);
    expect(known.has(hex(0))).toBe(false);
    expect(source.indexOf(hex(0))).toBe(0);
    expect(source.indexOf(hex(9))).toBe(9);
    // A note gone from the list (deleted) keeps its place while its time is remembered.
    const without8 = timelineSource(entries.filter((e) => e.event.id !== hex(8)), () => [], known);
    expect(without8.indexOf(hex(8))).toBe(-1);
    expect(without8.placeOf!(hex(8))).toBe(8);
  });
});
