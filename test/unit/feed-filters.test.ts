import { describe, expect, it } from 'vitest';
import { globalFilters, homeFilters, mentionFilters } from '../../src/core/feed-filters.js';
import { parseSince } from '../../src/core/since.js';
import { UserError } from '../../src/core/errors.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');

describe('feed filters', () => {
  it('splits 2,000 follows into 8 filters of 250, each notes, reposts and deletions with the window and limit', () => {
    const authors = Array.from({ length: 2_000 }, (_, i) => hex(i));
    const filters = homeFilters(authors, 1_000, 300);
    expect(filters).toHaveLength(8);
    for (const f of filters) expect(f).toMatchObject({ kinds: [1, 6, 5], since: 1_000, limit: 300 });
    expect(filters.map((f) => f.authors!.length)).toEqual(Array(8).fill(250));
    expect(filters.flatMap((f) => f.authors)).toEqual(authors);
  });

  it('home: duplicates are asked once, a short list is one filter, none is none', () => {
    expect(homeFilters([hex(1), hex(2), hex(1)], 5, 10)).toEqual([{ kinds: [1, 6, 5], authors: [hex(1), hex(2)], since: 5, limit: 10 }]);
    expect(homeFilters([], 5, 10)).toEqual([]);
    expect(homeFilters(Array.from({ length: 251 }, (_, i) => hex(i)), 5, 10).map((f) => f.authors!.length)).toEqual([250, 1]);
  });

  it('mentions tag the user; global asks for everything recent', () => {
    expect(mentionFilters(hex(7), 5, 10)).toEqual([{ kinds: [1, 6], '#p': [hex(7)], since: 5, limit: 10 }]);
    expect(globalFilters(5, 10)).toEqual([{ kinds: [1, 6], since: 5, limit: 10 }]);
  });
});

describe('--since', () => {
  const now = 1_700_000_000;
  it('reads durations and unix times', () => {
    expect(parseSince('2h', now)).toBe(now - 7_200);
    expect(parseSince('1d', now)).toBe(now - 86_400);
    expect(parseSince('30m', now)).toBe(now - 1_800);
    expect(parseSince('45s', now)).toBe(now - 45);
    expect(parseSince('2w', now)).toBe(now - 1_209_600);
    expect(parseSince(' 1699990000 ', now)).toBe(1_699_990_000);
    expect(parseSince('0', now)).toBe(0);
  });
  it('refuses anything else with a usage error (exit 2)', () => {
    for (const bad of ['', 'yesterday', '2 h', '-1d', '1.5h', '2y', `${now + 10}`, '2h\u001b[31m']) {
      let error: unknown;
      try {
        parseSince(bad, now);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(UserError);
      expect((error as UserError).exitCode).toBe(2);
      expect((error as UserError).message).not.toContain('\u001b');
    }
  });
});
