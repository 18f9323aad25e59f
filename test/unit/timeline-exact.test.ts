// Timeline model edges the mutation run found untested (npm run mutate): an unfollow
// removes exactly that author's entries, released and expired entries leave their
// waiting lists (so they are neither released twice nor kept), and a later expiration
// still comes after an earlier one has gone.
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/core/timeline.js';

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
});
