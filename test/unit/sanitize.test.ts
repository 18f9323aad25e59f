import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { MAX_CONJUNCT_LINKS, MAX_EMOJI_JOINS, MAX_MARKS_PER_BASE, sanitize, sanitizeLine } from '../../src/core/sanitize.js';
import { Fuzz } from '../helpers/fuzz.js';
import {
  hostileStrings,
  hugeText,
  invalidUtf8,
  legitimateText,
  unsafeCharacters,
} from '../helpers/hostile-strings.js';

const marks = (text: string) => text.match(/\p{M}/gu)?.length ?? 0;

describe('sanitize: the hostile corpus', () => {
  it.each(hostileStrings)('$name', ({ text, safe }) => {
    const shown = sanitize(text);
    expect(shown).toBe(safe);
    expect(unsafeCharacters(shown)).toEqual([]);
  });

  it.each(hostileStrings)('sanitizeLine keeps one line: $name', ({ text }) => {
    const shown = sanitizeLine(text);
    expect(shown).not.toMatch(/[\n\t]/);
    expect(unsafeCharacters(shown)).toEqual([]);
  });
});

describe('sanitize: real writing and emoji pass unchanged', () => {
  it.each(legitimateText)('$name', ({ text }) => {
    expect(sanitize(text)).toBe(text);
  });

  it('keeps newlines and tabs in sanitize, and folds each run of them to one space in sanitizeLine', () => {
    expect(sanitize('a\n\tb')).toBe('a\n\tb');
    expect(sanitizeLine('Alice\n\n\tSmith\r\nJr')).toBe('Alice Smith Jr');
  });
});

describe('sanitize: invalid UTF-8 from a relay', () => {
  it.each(invalidUtf8)('$name becomes U+FFFD, never a control', ({ bytes }) => {
    // A socket decodes frames the way TextDecoder does without `fatal`.
    const received = new TextDecoder().decode(Uint8Array.from(bytes));
    const shown = sanitize(received);
    expect(unsafeCharacters(shown)).toEqual([]);
    expect(shown).not.toContain('\u009b');
  });

  it('turns each invalid sequence into U+FFFD', () => {
    expect(sanitize(new TextDecoder().decode(Uint8Array.from([0x61, 0xff, 0x62])))).toBe('a\ufffdb');
  });
});

describe('sanitize: text hostile by size', () => {
  it(`caps a Zalgo tower at ${MAX_MARKS_PER_BASE} marks on its base`, () => {
    expect(sanitize(hugeText.zalgo)).toBe(`Z${'\u0301'.repeat(MAX_MARKS_PER_BASE)}algo`);
  });

  it('caps spacing marks, which terminals give a column each', () => {
    expect(sanitize(hugeText.zalgoSpacingMarks)).toBe(`a${'\u0903'.repeat(MAX_MARKS_PER_BASE)}`);
  });

  it('is not fooled by zero-width spaces between the marks', () => {
    expect(marks(sanitize(hugeText.zalgoInterleaved))).toBe(MAX_MARKS_PER_BASE);
  });

  it('breaks an emoji chain longer than any real sequence, keeping every emoji', () => {
    const shown = sanitize(hugeText.emojiChain);
    expect(shown.match(/\u200d/g)).toHaveLength(MAX_EMOJI_JOINS);
    expect(shown.replace(/\u200d/g, '')).toBe('👩'.repeat(50));
    // One four-person group, then 46 single emoji: what a terminal draws, and what layout measures.
    expect(stringWidth(shown)).toBe(2 + 46 * 2);
  });

  it('separates repeated skin-tone modifiers so each is measured as the emoji it is', () => {
    const shown = sanitize(hugeText.skinTones);
    expect(shown).toBe(`👩🏽${'\u200b🏽'.repeat(49)}`);
    expect(stringWidth(shown)).toBe(2 + 49 * 2);
  });

  it('ends a virama conjunct chain past any real conjunct, so each consonant is measured', () => {
    const shown = sanitize(hugeText.conjunctChain);
    expect(shown.replace(/\u200b/g, '')).toBe(hugeText.conjunctChain);
    // The first five consonants stay one conjunct; every later one stands alone.
    expect(stringWidth(shown)).toBe(1 + (1_001 - (MAX_CONJUNCT_LINKS + 1)));
  });

  it('splits a run of Hangul leading jamo, each drawn two columns wide', () => {
    const shown = sanitize(hugeText.jamoRun);
    expect(shown.replace(/\u200b/g, '')).toBe(hugeText.jamoRun);
    expect(stringWidth(shown)).toBe(2 * 1_000);
  });

  it('counts marks per base: every letter may carry its own', () => {
    const text = `a${'\u0301'.repeat(5)}e${'\u0301'.repeat(5)}`;
    expect(sanitize(text)).toBe(text);
  });

  it.each(Object.entries(hugeText))('is idempotent on %s', (_, text) => {
    const once = sanitize(text);
    expect(sanitize(once) === once).toBe(true);
  });

  it('does not cut long words or lines (layout does, it knows the width)', () => {
    expect(sanitize(hugeText.longWord)).toBe(hugeText.longWord);
    expect(sanitize(hugeText.longLine)).toBe(hugeText.longLine);
    expect(sanitize(hugeText.wideWord)).toBe(hugeText.wideWord);
    expect(sanitize(hugeText.manyLines)).toBe(hugeText.manyLines);
  });
});

describe('sanitize: properties over generated input', () => {
  const CASES = 5_000;
  const SEED = 0x5a71;

  it(`leaves nothing unsafe, is idempotent and adds nothing visible (${CASES} cases, seed ${SEED})`, () => {
    const fuzz = new Fuzz(SEED);
    let run = 0;
    for (; run < CASES; run++) {
      const text = run % 3 === 0 ? fuzz.codeUnits(60) : run % 3 === 1 ? fuzz.decodedBytes(60) : fuzz.hostileText(80);
      const shown = sanitize(text);
      const context = `case ${run}: ${JSON.stringify(text)}`;
      expect(unsafeCharacters(shown), context).toEqual([]);
      expect(sanitize(shown), context).toBe(shown);
      // It only removes, but for the zero-width spaces that split skin-tone runs.
      const withoutZwsp = (s: string) => s.replace(/\u200b/g, '').length;
      expect(withoutZwsp(shown), context).toBeLessThanOrEqual(withoutZwsp(text));
      expect(unsafeCharacters(sanitizeLine(text)), context).toEqual([]);
    }
    expect(run).toBe(CASES);
  });

  it('shows a value that is not a string instead of throwing', () => {
    expect(sanitize(42 as unknown as string)).toBe('42');
    expect(sanitize(null as unknown as string)).toBe('');
    expect(sanitize(undefined as unknown as string)).toBe('');
    expect(sanitizeLine({ name: 'x' } as unknown as string)).toBe('[object Object]');
  });
});
