// RecentMap / RecentSet (src/core/recent.ts): what a stream remembers for a while, the oldest
// forgotten past the cap (issue #16 item 5).
import { describe, expect, it } from 'vitest';
import { RecentMap, RecentSet } from '../../src/core/recent.js';

describe('RecentMap', () => {
  it('keeps the last `max` keys: the oldest is forgotten first', () => {
    const map = new RecentMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    expect(map.size).toBe(3);
    expect(map.has('a')).toBe(false);
    expect(map.get('a')).toBeUndefined();
    expect([map.get('b'), map.get('c'), map.get('d')]).toEqual([1, 2, 3]);
  });

  it('setting a remembered key again forgets nothing and makes it the newest: a key in use stays', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    expect(map.size).toBe(2);
    expect([map.get('a'), map.get('b')]).toEqual([10, 2]);
    map.set('c', 3);
    // 'b' is now the oldest, so it goes.
    expect(map.has('b')).toBe(false);
    expect([map.get('a'), map.get('c')]).toEqual([10, 3]);
    expect([...map.keys()]).toEqual(['a', 'c']);
    expect(map.delete('a')).toBe(true);
    expect(map.delete('a')).toBe(false);
    expect(map.size).toBe(1);
  });

  it('setNew remembers a new key as set does, forgetting the oldest past the cap and telling onforget', () => {
    const forgotten: Array<[string, number]> = [];
    const map = new RecentMap<string, number>(2, (key, value) => forgotten.push([key, value]));
    map.setNew('a', 1);
    map.set('b', 2);
    map.setNew('c', 3);
    expect(forgotten).toEqual([['a', 1]]);
    expect([...map.keys()]).toEqual(['b', 'c']);
    map.set('b', 20);
    map.setNew('d', 4);
    expect(forgotten).toEqual([['a', 1], ['c', 3]]);
    expect([...map.keys()]).toEqual(['b', 'd']);
  });

  it('remember makes a value only for a key not remembered, and keeps it within the cap', () => {
    const made: string[] = [];
    const map = new RecentMap<string, string>(2);
    const make = (key: string) => (made.push(key), key.toUpperCase());
    expect(map.remember('a', make)).toBe('A');
    expect(map.remember('a', make)).toBe('A');
    expect(made).toEqual(['a']);
    map.remember('b', make);
    map.remember('c', make);
    expect([...map.keys()]).toEqual(['b', 'c']);
    expect(map.remember('a', make)).toBe('A');
    expect(made).toEqual(['a', 'b', 'c', 'a']);
  });

  it('clear forgets everything', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    map.clear();
    expect(map.size).toBe(0);
    expect(map.has('a')).toBe(false);
  });
});

describe('RecentSet', () => {
  it('add says whether the key was new; past `max` the oldest is forgotten and counts as new again', () => {
    const set = new RecentSet<number>(2);
    expect(set.add(1)).toBe(true);
    expect(set.add(1)).toBe(false);
    expect(set.add(2)).toBe(true);
    expect(set.add(3)).toBe(true);
    expect(set.size).toBe(2);
    expect(set.has(1)).toBe(false);
    expect(set.has(3)).toBe(true);
    expect(set.add(1)).toBe(true);
    expect(set.has(2)).toBe(false);
  });

  it('adding a remembered key again does not make it newer (a stream remembers what came first)', () => {
    const set = new RecentSet<number>(2);
    set.add(1);
    set.add(2);
    expect(set.add(1)).toBe(false);
    set.add(3);
    expect(set.has(1)).toBe(false);
    expect(set.has(2)).toBe(true);
  });
});

describe('RecentMap against a plain model, over long runs of sets, deletes and clears', () => {
  it('forgets exactly the oldest key each time, however many came, went or were touched before', () => {
    // The oldest key is found by a live iterator (V8 keeps deleted slots until it rebuilds the
    // table); a model that searches the whole insertion order says what it must find.
    let seed = 17;
    // mulberry32: a small seeded generator, so a failure replays.
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    const forgotten: string[] = [];
    const recent = new RecentMap<string, number>(50, (key) => forgotten.push(key));
    let model: string[] = [];
    const modelForgotten: string[] = [];
    for (let step = 0; step < 20_000; step++) {
      const op = random(1_000);
      const key = `k${random(400)}`;
      if (op < 100) {
        const remembered = model.includes(key);
        expect(recent.touch(key)).toBe(remembered);
        if (remembered) model = [...model.filter((k) => k !== key), key];
      } else if (op < 850) {
        recent.set(key, step);
        if (model.includes(key)) model = model.filter((k) => k !== key);
        else if (model.length >= 50) modelForgotten.push(model.shift()!);
        model.push(key);
      } else if (op < 998) {
        recent.delete(key);
        model = model.filter((k) => k !== key);
      } else {
        recent.clear();
        model = [];
      }
      if (step % 97 === 0) expect([...recent.keys()]).toEqual(model);
    }
    expect(forgotten).toEqual(modelForgotten);
    expect(forgotten.length).toBeGreaterThan(1_000);
  });
});
