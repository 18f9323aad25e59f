import { describe, expect, it } from 'vitest';
import { padToWidth, textWidth, truncate, truncateStart, wrapText } from '../../src/core/text-layout.js';

describe('wrapText', () => {
  it('wraps words at the width and keeps explicit newlines', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
  });

  it('breaks a word longer than the line between graphemes', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts CJK and emoji at two columns', () => {
    const lines = wrapText('日本語のテキスト', 6);
    expect(lines).toEqual(['日本語', 'のテキ', 'スト']);
    for (const line of wrapText('👍👍👍👍👍 ok', 4)) expect(textWidth(line)).toBeLessThanOrEqual(4);
    expect(wrapText('👩‍👩‍👧👩‍👩‍👧', 2)).toEqual(['👩‍👩‍👧', '👩‍👩‍👧']);
  });

  it('stops at maxLines and marks the cut', () => {
    expect(wrapText('a b c d e f', 3, 2)).toEqual(['a b', 'c …']);
    expect(wrapText('a b', 3, 2)).toEqual(['a b']);
  });
});

describe('truncate and padToWidth', () => {
  it('cut at display width with an ellipsis', () => {
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('日本語', 4)).toBe('日…');
    expect(padToWidth('日本', 6)).toBe('日本  ');
    expect(textWidth(padToWidth('x', 5))).toBe(5);
  });
  it('truncateStart keeps the end, in columns', () => {
    expect(truncateStart('hello world', 6)).toBe('…world');
    expect(truncateStart('日本語', 4)).toBe('…語');
    expect(truncateStart('日本語', 6)).toBe('日本語');
    expect(truncateStart('a👍🏽b', 3)).toBe('…b');
    expect(truncateStart('abc', 0)).toBe('');
  });
});
