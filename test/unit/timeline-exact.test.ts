// Timeline model edges the mutation run found untested (npm run mutate): an unfollow
// removes exactly that author's entries, released and expired entries leave their
// waiting lists (so they are neither released twice nor kept), and a later expiration
// still comes after an earlier one has gone.
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { newestFirst, Timeline } from '../../src/core/timeline.js';

const NOW = 1_700_000_000;
const hex = (n: number) => n.toString(16).padStart(64, '0');
const ev = (n: number, created_at: number, pubkey = hex(1000), tags: string[][] = []): Event => ({
  id: hex(n), pubkey, created_at, kind: 1, tags, content: `n${n}`, sig: '0'.repeat(128),
});
const clockAt = (sec: number) => {
  const clock = { t: sec * 1000, now: () => clock.t };
  return clock;
};
const ids = (t: Timeline) => t.entries().map((e) => e.event.id);

describe('Timeline edges', () => {
  it('removeAuthor removes exactly that author’s entries, shown or held back', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    const alice = hex(1);
    const bob = hex(2);
    t.add(ev(1, NOW - 1, alice));
    t.add(ev(2, NOW - 2, bob));
    t.add(ev(3, NOW + 3_600, alice)); // held back
    t.add(ev(4, NOW - 4, bob));
    expect(t.removeAuthor(alice)).toBe(2);
    expect(ids(t)).toEqual([hex(2), hex(4)]);
    expect(t.has(hex(3))).toBe(false);
    expect(t.removeAuthor(alice)).toBe(0);
    // Later notes by the author are still let in.
    expect(t.add(ev(5, NOW, alice))).toBe(true);
    expect(ids(t)).toEqual([hex(5), hex(2), hex(4)]);
  });

  it('releases a held-back entry once, and keeps the ones still ahead', () => {
    const clock = clockAt(NOW);
    const t = new Timeline({ clock, futureSkewSec: 60 });
    t.add(ev(1, NOW + 120));
    t.add(ev(2, NOW + 600));
    expect(ids(t)).toEqual([]);
    clock.t = (NOW + 60) * 1000;
    expect(t.releaseDue()).toBe(1);
    expect(t.releaseDue()).toBe(0);
    expect(ids(t)).toEqual([hex(1)]);
    expect(t.size).toBe(1);
    clock.t = (NOW + 540) * 1000;
    expect(t.releaseDue()).toBe(1);
    expect(ids(t)).toEqual([hex(2), hex(1)]);
    expect(t.size).toBe(2);
  });

  it('expires each entry at its own time, once', () => {
    const clock = clockAt(NOW);
    const t = new Timeline({ clock });
    t.add(ev(1, NOW - 1, hex(9), [['expiration', String(NOW + 10)]]));
    t.add(ev(2, NOW - 2, hex(9), [['expiration', String(NOW + 20)]]));
    t.add(ev(3, NOW - 3));
    clock.t = (NOW + 10) * 1000;
    expect(t.expireDue()).toBe(1);
    expect(t.expireDue()).toBe(0);
    expect(ids(t)).toEqual([hex(2), hex(3)]);
    clock.t = (NOW + 20) * 1000;
    expect(t.expireDue()).toBe(1);
    expect(ids(t)).toEqual([hex(3)]);
  });

  it('a view reads nothing outside its length', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    t.add(ev(1, NOW - 1));
    t.add(ev(2, NOW - 2));
    const view = t.view();
    expect(view.length).toBe(2);
    expect(view.at(0)!.event.id).toBe(hex(1));
    expect(view.at(1)!.event.id).toBe(hex(2));
    expect(view.at(2)).toBeUndefined();
    expect(view.at(-1)).toBeUndefined();
  });

  it('get: the event the timeline holds under an id, nothing for another', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    const note = ev(1, NOW - 1);
    t.add(note);
    expect(t.get(hex(1))).toBe(note);
    expect(t.get(hex(2))).toBeUndefined();
  });

  it('a repeat without a relay adds no relay to the entry', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    t.add(ev(1, NOW - 1), 'wss://a');
    expect(t.add(ev(1, NOW - 1))).toBe(false);
    expect(t.entries()[0]!.seenOn).toEqual(['wss://a']);
  });

  it('newestFirst is a consistent comparator: 0 for the same event, opposite signs for two with the same time', () => {
    const low = ev(1, NOW);
    const high = ev(2, NOW);
    expect(newestFirst(low, low)).toBe(0);
    expect(newestFirst(low, { ...low })).toBe(0);
    expect(newestFirst(low, high)).toBeLessThan(0);
    expect(newestFirst(high, low)).toBeGreaterThan(0);
    expect(newestFirst(ev(3, NOW - 1), low)).toBeGreaterThan(0);
  });

  it('past maxEntries the oldest leave, also when every entry is new since the last read', () => {
    const t = new Timeline({ clock: clockAt(NOW), maxEntries: 3 });
    for (let n = 1; n <= 5; n++) t.add(ev(n, NOW - 10 * n));
    expect(ids(t)).toEqual([hex(1), hex(2), hex(3)]);
    expect(t.has(hex(4))).toBe(false);
    expect(t.get(hex(5))).toBeUndefined();
    // Forgotten from memory only: a relay sending one again brings it back, in its place.
    t.add(ev(0, NOW));
    expect(t.add(ev(4, NOW - 40))).toBe(true);
    expect(ids(t)).toEqual([hex(0), hex(1), hex(2)]);
  });

  it('an expiring entry that survives a trim still expires on time', () => {
    const clock = clockAt(NOW);
    const t = new Timeline({ clock, maxEntries: 2 });
    t.add(ev(1, NOW - 1, hex(9), [['expiration', String(NOW + 10)]]));
    t.add(ev(2, NOW - 2));
    t.add(ev(3, NOW - 3));
    expect(ids(t)).toEqual([hex(1), hex(2)]);
    clock.t = (NOW + 10) * 1000;
    expect(t.expireDue()).toBe(1);
    expect(ids(t)).toEqual([hex(2)]);
  });

  it('a removed entry that was held back does not come back when its time comes', () => {
    const clock = clockAt(NOW);
    const t = new Timeline({ clock, futureSkewSec: 60 });
    const alice = hex(1);
    t.add(ev(1, NOW + 600, alice));
    t.add(ev(2, NOW + 600, hex(2)));
    t.add(ev(3, NOW - 1, hex(3)));
    expect(t.removeAuthor(alice)).toBe(1);
    const deletion = { ...ev(4, NOW, hex(2)), kind: 5, tags: [['e', hex(2)]] };
    expect(t.applyDeletion(deletion)).toBe(1);
    clock.t = (NOW + 600) * 1000;
    expect(t.releaseDue()).toBe(0);
    expect(ids(t)).toEqual([hex(3)]);
  });

  it('a removal that removes nothing keeps the view handed out (nothing to redraw)', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    t.add(ev(1, NOW - 1, hex(7)));
    const view = t.view();
    expect(t.removeAuthor(hex(8))).toBe(0);
    expect(t.applyDeletion({ ...ev(2, NOW, hex(7)), kind: 5, tags: [['e', hex(99)]] })).toBe(0);
    expect(t.view()).toBe(view);
    expect(t.removeAuthor(hex(7))).toBe(1);
    expect(t.view()).not.toBe(view);
  });

  it('a stream nobody reads is trimmed to its cap every 4,096 additions', () => {
    const t = new Timeline({ clock: clockAt(NOW), maxEntries: 100 });
    for (let n = 1; n < 4_096; n++) t.add(ev(n, NOW - n));
    expect(t.size).toBe(4_095);
    t.add(ev(4_096, NOW - 4_096));
    expect(t.size).toBe(100);
    expect(t.has(hex(100))).toBe(true);
    expect(t.has(hex(101))).toBe(false);
  });

  it('remembers the last 100,000 deletion targets (timeline.ts MAX_DELETED), forgetting the oldest', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    const author = hex(5);
    const targets = Array.from({ length: 100_001 }, (_, n) => hex(1_000_000 + n));
    t.applyDeletion({ ...ev(1, NOW, author), kind: 5, tags: targets.map((id) => ['e', id]) });
    const note = (id: string): Event => ({ ...ev(0, NOW - 1, author), id });
    // The first target was forgotten, so its note is let in; the second one is still refused.
    expect(t.add(note(targets[0]!))).toBe(true);
    expect(t.add(note(targets[1]!))).toBe(false);
    expect(t.add(note(targets[100_000]!))).toBe(false);
  });
});
