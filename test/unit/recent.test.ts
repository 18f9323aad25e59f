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
