// Sanitised hostile text laid out for the terminal stays inside the width: the
// sanitiser's mark cap and the layout's word breaking together (issue #6).
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/core/sanitize.js';
import { truncate, wrapText } from '../../src/core/text-layout.js';
import { hostileStrings, hugeText, legitimateText, unsafeCharacters } from '../helpers/hostile-strings.js';

/**
 * Columns a terminal may really use: string-width counts a grapheme by its first code point,
 * while terminals (wcwidth) give each spacing mark (Mc) a column of its own.
 */
const terminalColumns = (line: string): number => stringWidth(line) + (line.match(/\p{Mc}/gu)?.length ?? 0);

const corpus = [
  ...hostileStrings,
  ...legitimateText,
  ...Object.entries(hugeText).map(([name, text]) => ({ name, text })),
];

describe.each([20, 40, 80])('sanitised corpus wrapped at %i columns', (width) => {
  it.each(corpus)('$name', ({ text }) => {
    const lines = wrapText(sanitize(text), width, 50);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(unsafeCharacters(line)).toEqual([]);
      expect(terminalColumns(line), JSON.stringify(line.slice(0, 80))).toBeLessThanOrEqual(width);
    }
  });

  it.each(corpus)('one-line truncation: $name', ({ text }) => {
    const line = truncate(sanitize(text).replace(/[\n\t]+/g, ' '), width);
    expect(terminalColumns(line)).toBeLessThanOrEqual(width);
  });
});
