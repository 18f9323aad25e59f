import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES, MAX_HELD, newestFirst, Timeline } from '../../src/core/timeline.js';
import { seededRandom } from '../helpers/fuzz.js';
import { inNip01Order } from '../helpers/order.js';

const NOW = 1_700_000_000;
const clockAt = (sec: number) => {
  const clock = { t: sec * 1000, now: () => clock.t };
  return clock;
};
const hex = (n: number) => n.toString(16).padStart(64, '0');
const ev = (n: number, created_at: number): Event => ({
  id: hex(n),
  pubkey: hex(1000),
  created_at,
  kind: 1,
  tags: [],
  content: `n${n}`,
  sig: '0'.repeat(128),
});
const ids = (t: Timeline) => t.entries().map((e) => e.event.id);

describe('Timeline', () => {
  it('orders newest first, ties by id ascending, whatever the insertion order', () => {
    const events = [ev(5, NOW - 10), ev(3, NOW - 10), ev(9, NOW), ev(1, NOW - 20), ev(4, NOW - 10)];
    const expected = [hex(9), hex(3), hex(4), hex(5), hex(1)];
    for (const order of [events, [...events].reverse(), [events[2]!, events[0]!, events[4]!, events[1]!, events[3]!]]) {
      const t = new Timeline({ clock: clockAt(NOW) });
      for (const e of order) t.add(e);
      expect(ids(t)).toEqual(expected);
    }
  });

  it('keeps order across batches added between reads', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    t.add(ev(1, NOW - 5));
    t.add(ev(2, NOW - 1));
    expect(ids(t)).toEqual([hex(2), hex(1)]);
    const first = t.entries();
    t.add(ev(3, NOW - 3));
    t.add(ev(4, NOW));
    expect(ids(t)).toEqual([hex(4), hex(2), hex(3), hex(1)]);
    expect(t.entries()).not.toBe(first);
    expect(t.slice(1, 3).map((e) => e.event.id)).toEqual([hex(2), hex(3)]);
  });

  it('dedupes by id and records every relay it was seen on', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    expect(t.add(ev(1, NOW), 'wss://a')).toBe(true);
    expect(t.add(ev(1, NOW), 'wss://b')).toBe(false);
    expect(t.add(ev(1, NOW), 'wss://a')).toBe(false);
    t.seen(hex(1), 'wss://c');
    t.seen(hex(2), 'wss://c');
    expect(t.size).toBe(1);
    expect(t.has(hex(1))).toBe(true);
    expect(t.has(hex(2))).toBe(false);
    expect(t.entries()[0]!.seenOn).toEqual(['wss://a', 'wss://b', 'wss://c']);
  });

  it('holds back events dated beyond the skew until their time comes', () => {
    const clock = clockAt(NOW);
    const t = new Timeline({ clock, futureSkewSec: 60 });
    t.add(ev(1, NOW));
    t.add(ev(2, NOW + 60));
    t.add(ev(3, NOW + 3600));
    expect(ids(t)).toEqual([hex(2), hex(1)]);
    expect(t.has(hex(3))).toBe(true);
    expect(t.add(ev(3, NOW + 3600), 'wss://x')).toBe(false);
    expect(t.releaseDue()).toBe(0);
    clock.t = (NOW + 3600 - 60) * 1000;
    expect(t.releaseDue()).toBe(1);
    expect(ids(t)).toEqual([hex(3), hex(2), hex(1)]);
    expect(t.entries()[0]!.seenOn).toEqual(['wss://x']);
  });

  it('views stay as they were handed out, and agree with entries() through live notes, folds and older arrivals', () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    const added: Event[] = [];
    const add = (e: Event) => (added.push(e), t.add(e));
    const viewIds = (v: ReturnType<Timeline['view']>) => Array.from({ length: v.length }, (_, i) => v.at(i)!.event.id);
    // A start-up batch, then live notes newer than everything (more than the head holds, so it
    // folds into the body), with an older arrival now and then (merged into the body).
    for (let n = 0; n < 500; n++) add(ev(n, NOW - 100_000 + n));
    const first = t.view();
    const firstIds = viewIds(first);
    let next = 500;
    for (let round = 0; round < 80; round++) {
      for (let k = 0; k < 50; k++) add(ev(next++, NOW - 50_000 + next));
      if (round === 20) add(ev(next++, NOW - 200_000 + round));
      const view = t.view();
      expect(t.view()).toBe(view);
      // Not through entries(), which copies the timeline into one array: the view alone.
      expect(viewIds(view)).toEqual(inNip01Order(added).map((e) => e.id));
    }
    expect(ids(t)).toEqual(inNip01Order(added).map((e) => e.id));
    expect(t.size).toBe(added.length);
    expect(viewIds(first)).toEqual(firstIds);
    const view = t.view();
    expect(view.at(-1)).toBeUndefined();
    expect(view.at(view.length)).toBeUndefined();
  });

  describe('withdrawn by the author', () => {
    const by = (pubkey: string, e: Event): Event => ({ ...e, pubkey });
    const request = (pubkey: string, ...targets: string[]): Event => ({
      ...ev(900, NOW),
      pubkey,
      kind: 5,
      tags: targets.map((id) => ['e', id]),
    });

    it('a deletion removes its author’s own notes it names, now and later, and nothing else (NIP-09)', () => {
      const t = new Timeline({ clock: clockAt(NOW) });
      const alice = hex(1000);
      const mallory = hex(2000);
      t.add(ev(1, NOW - 3));
      t.add(ev(2, NOW - 2));
      t.add(by(mallory, ev(3, NOW - 1)));
      const before = t.view();
      expect(t.applyDeletion(request(mallory, hex(1)))).toBe(0); // not hers
      expect(t.applyDeletion(request(alice, hex(1), hex(3), hex(4)))).toBe(1); // hex(3) is Mallory's
      expect(ids(t)).toEqual([hex(3), hex(2)]);
      expect(t.view()).not.toBe(before);
      expect(before.length).toBe(3); // a view handed out stays as it was
      expect(t.applyDeletion(request(mallory, hex(4)))).toBe(0); // hers comes later: it cannot undo Alice's
      expect(t.add(ev(4, NOW))).toBe(false); // deleted before it arrived
      expect(t.add(by(hex(3000), ev(1, NOW - 3)))).toBe(true); // the same id by someone no request named is not covered
      expect(t.size).toBe(3);
      expect(t.applyDeletion({ ...request(alice, hex(2)), kind: 1 })).toBe(0); // only kind 5 deletes
    });

    it('reposts of a deleted note go with it, now and later; a request by someone else hides none (NIP-09, NIP-18)', () => {
      const t = new Timeline({ clock: clockAt(NOW) });
      const alice = hex(1000); // ev()'s author
      const mallory = hex(2000);
      const repost = (n: number, of: Event, tags = [['e', of.id], ['p', of.pubkey]]): Event => ({
        ...by(hex(3000 + n), ev(n, NOW - 1)),
        kind: 6,
        tags,
        content: JSON.stringify(of),
      });
      const note = ev(1, NOW - 5);
      const other = ev(2, NOW - 4);
      t.add(note);
      t.add(other);
      t.add(repost(10, note));
      t.add(repost(11, note, [['e', note.id]])); // no p tag: the embedded note names the author
      t.add(repost(12, other));
      // Mallory cannot hide reposts of Alice's note by asking to delete it.
      expect(t.applyDeletion(request(mallory, note.id))).toBe(0);
      expect(t.size).toBe(5);
      expect(t.applyDeletion(request(alice, note.id))).toBe(3);
      expect(ids(t)).toEqual([hex(12), hex(2)]);
      expect(t.add(repost(13, note))).toBe(false); // a repost arriving after the deletion
      expect(t.add(repost(14, other))).toBe(true);
    });

    it('an expired note is refused; an expiring one leaves when its time comes (NIP-40)', () => {
      const clock = clockAt(NOW);
      const t = new Timeline({ clock });
      const expiring = (n: number, at: number | string): Event => ({ ...ev(n, NOW - n), tags: [['expiration', String(at)]] });
      expect(t.add(expiring(1, NOW))).toBe(false);
      expect(t.add(expiring(2, NOW + 10))).toBe(true);
      expect(t.add(expiring(3, 'soon'))).toBe(true); // unreadable: no expiration
      expect(t.add(ev(4, NOW - 4))).toBe(true);
      expect(t.expireDue()).toBe(0);
      clock.t = (NOW + 9) * 1000;
      expect(t.expireDue()).toBe(0);
      clock.t = (NOW + 10) * 1000;
      expect(t.expireDue()).toBe(1);
      expect(ids(t)).toEqual([hex(3), hex(4)]);
      expect(t.has(hex(2))).toBe(false);
    });
  });
});


// Issue #16 item 5: memory without bound. 600,000 events streamed into Global grew the process
// to 875 MB; the timeline now keeps the newest MAX_ENTRIES, and MAX_HELD future-dated ones.
describe('Timeline memory caps (a flood of events)', () => {
  it('read between batches of every size, anywhere in its span, it holds exactly the newest events in order', () => {
    // Batches from 1 to 3,000 events, their times spread over the whole span or bunched on top,
    // with ties: every way new entries are merged (a few into many, many into few), against a model.
    const random = seededRandom(2024);
    const t = new Timeline({ clock: clockAt(NOW), maxEntries: 5_000 });
    const all: Event[] = [];
    let n = 0;
    for (let round = 0; round < 60; round++) {
      const size = [1, 3, 40, 300, 3_000][Math.floor(random() * 5)]!;
      const newest = random() < 0.5;
      for (let i = 0; i < size; i++) {
        const event = ev(n++, newest ? NOW - Math.floor(random() * 50) : NOW - Math.floor(random() * 100_000));
        all.push(event);
        t.add(event);
      }
      const expected = [...all].sort(newestFirst).slice(0, 5_000).map((e) => e.id);
      expect(ids(t)).toEqual(expected);
      // What fell off the end is forgotten.
      const kept = new Set(expected);
      all.splice(0, all.length, ...all.filter((e) => kept.has(e.id)));
    }
  });

  it(`a flood of ${MAX_ENTRIES + 5_000} events keeps the newest ${MAX_ENTRIES}, unread or read`, () => {
    const t = new Timeline({ clock: clockAt(NOW) });
    // Oldest first, never read while streaming: trimming does not wait for the UI.
    for (let n = 0; n < MAX_ENTRIES + 5_000; n++) t.add(ev(n, NOW - 1_000_000 + n));
    expect(t.size).toBeLessThanOrEqual(MAX_ENTRIES + 4_096);
    const shown = t.entries();
    expect(shown).toHaveLength(MAX_ENTRIES);
    expect(shown[0]!.event.id).toBe(hex(MAX_ENTRIES + 4_999));
    expect(shown.at(-1)!.event.id).toBe(hex(5_000));
    expect(t.has(hex(4_999))).toBe(false);
  });

  it(`holds back at most ${MAX_HELD} future-dated events, keeping those due soonest`, () => {
    const clock = clockAt(NOW);
    const t = new Timeline({ clock });
    for (let n = 0; n < MAX_HELD + 500; n++) t.add(ev(n, NOW + 3_600 + (MAX_HELD + 500 - n)));
    expect(t.has(hex(MAX_HELD + 499))).toBe(true); // due soonest
    expect(t.has(hex(0))).toBe(false); // furthest ahead, dropped
    clock.t = (NOW + 10 * 86_400) * 1000;
    expect(t.releaseDue()).toBe(MAX_HELD);
  });
});
