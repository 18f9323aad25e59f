// Sanitiser edges the mutation run found untested (stryker.sanitize.config.mjs):
// which neighbours let a joiner or a bidi mark stay, the code point before a
// character when it is a surrogate pair ending in U+DC00 or U+DFFF, marks with
// no base, tag characters outside a flag, the mark cap's format characters, and
// emoji chains with skin tones.
import { describe, expect, it } from 'vitest';
import { MAX_EMOJI_JOINS, MAX_MARKS_PER_BASE, sanitize } from '../../src/core/sanitize.js';

const ZWJ = '\u200d';
const LRM = '\u200e';
const RLM = '\u200f';
const count = (text: string, char: string) => text.split(char).length - 1;

describe('sanitize, exactly', () => {
  it('an ESC with intermediates but no final is dropped with them, at the end or before non-ASCII', () => {
    expect(sanitize('x\u001b(')).toBe('x');
    expect(sanitize('x\u001b(é')).toBe('xé');
  });

  it('LRM, RLM and ALM stay only next to right-to-left text, one per run', () => {
    expect(sanitize(`a${LRM}b`)).toBe('ab');
    expect(sanitize(`a${RLM}1`)).toBe('a1');
    expect(sanitize(`Hello${LRM}`)).toBe('Hello');
    expect(sanitize(`א${LRM}${RLM}ב`)).toBe(`א${LRM}ב`);
    expect(sanitize(`a${RLM}مرحبا`)).toBe(`a${RLM}مرحبا`);
  });

  it('a joiner stays only between two letters or emoji, once', () => {
    expect(sanitize(`a${ZWJ}!`)).toBe('a!');
    expect(sanitize(`!${ZWJ}a`)).toBe('!a');
    expect(sanitize(`a${ZWJ}`)).toBe('a');
    expect(sanitize(`a ${ZWJ}b`)).toBe('a b');
    expect(sanitize(`a!${ZWJ}b`)).toBe('a!b');
    expect(sanitize(`a！${ZWJ}b`)).toBe('a！b');
    // A character outside the BMP (a surrogate pair) that is not a letter: 𝟘, MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO.
    expect(sanitize(`a𝟘${ZWJ}b`)).toBe('a𝟘b');
    expect(sanitize(`👩${ZWJ}${ZWJ}💻`)).toBe(`👩${ZWJ}💻`);
  });

  it('reads the whole code point before a selector or joiner, whatever its low surrogate', () => {
    // 🐀 is U+1F400 (low surrogate U+DC00), 🏿 U+1F3FF (low surrogate U+DFFF).
    expect(sanitize('🐀\ufe0f')).toBe('🐀\ufe0f');
    expect(sanitize(`👩🏿${ZWJ}💻`)).toBe(`👩🏿${ZWJ}💻`);
  });

  it('marks with no base go at the start of the text and of each line; the newline stays', () => {
    expect(sanitize('\u0301a')).toBe('a');
    expect(sanitize('a\n\u0301\u0302b')).toBe('a\nb');
  });

  it('tag characters outside an emoji flag go (they spell hidden ASCII)', () => {
    expect(sanitize('a\u{e0068}\u{e0069}b')).toBe('ab');
  });

  it('past the mark cap, marks go and the joiners between them stay, once each', () => {
    const text = `e${`\u0301${ZWJ}`.repeat(10)}x`;
    const allowed = `\u0301${`${ZWJ}\u0301`.repeat(MAX_MARKS_PER_BASE - 1)}`;
    expect(sanitize(text)).toBe(`e${allowed}${ZWJ.repeat(3)}x`);
  });

  it('caps an emoji chain with skin tones too, keeping every emoji and tone', () => {
    const shown = sanitize(Array(6).fill('👩🏿').join(ZWJ));
    expect(count(shown, ZWJ)).toBe(MAX_EMOJI_JOINS);
    expect(count(shown, '👩')).toBe(6);
    expect(count(shown, '🏿')).toBe(6);
  });

  it('letters joined to emoji are not an emoji chain', () => {
    const text = Array(5).fill('🙂').join(`a${ZWJ}`);
    expect(sanitize(text)).toBe(text);
  });
});
