import { describe, expect, it } from 'vitest';
import { newestByAuthor } from '../../src/core/events.js';

const ev = (pubkey: string, created_at: number, id: string) => ({ pubkey, created_at, id });

describe('newestByAuthor', () => {
  it("keeps each author's newest, the lowest id on a tie (NIP-01), whatever the order", () => {
    const events = [ev('a', 10, 'c1'), ev('b', 5, 'b1'), ev('a', 12, 'f1'), ev('a', 12, 'e1'), ev('b', 4, 'a0')];
    for (const order of [events, [...events].reverse()]) {
      expect(Object.fromEntries([...newestByAuthor(order)].map(([author, event]) => [author, event.id]))).toEqual({ a: 'e1', b: 'b1' });
    }
    expect(newestByAuthor([]).size).toBe(0);
  });
});
