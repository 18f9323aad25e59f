// Issue #16 item 8: invisible characters. Six LRM, ZWSP, word joiners or soft hyphens before
// `ONLY IF APPROVED` made the UI drop its last six visible characters: layout measured each as
// zero columns, Ink's output grid gives every grapheme at least one. Default-ignorable code points
// with no meaning on screen are stripped, Unicode tag characters (hidden ASCII) too, and the width
// layout measures is the width Ink draws.
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine } from '../../src/core/sanitize.js';
import { textWidth, truncate, wrapText } from '../../src/core/text-layout.js';
import { App } from '../../src/ui/App.js';
import { Fuzz } from '../helpers/fuzz.js';
import { hostileStrings, hugeText, invisibleText, legitimateText } from '../helpers/hostile-strings.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { waitForFrame } from './frames.js';

const now = 1_700_000_000;
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/**
 * The columns Ink's output grid gives a line (ink/build/output.js): every grapheme takes
 * max(1, string-width) cells, string-width being the copy Ink uses (the project's, deduplicated).
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function inkColumns(line: string): number {
  let columns = 0;
  for (const { segment } of segmenter.segment(line)) columns += Math.max(1, stringWidth(segment));
  return columns;
}

describe('invisible characters before ONLY IF APPROVED', () => {
  const invisible: [string, string][] = [
    ['LRM', '\u200e'], ['RLM', '\u200f'], ['ZWSP', '\u200b'], ['word joiner', '\u2060'], ['soft hyphen', '\u00ad'],
    ['tag character', '\u{e0041}'], ['BOM', '\ufeff'], ['Hangul filler', '\u3164'], ['invisible times', '\u2062'],
  ];

  it.each(invisible)('six %s: the feed shows the whole text', async (_, char) => {
    const alice = author(1);
    // The line ends at the screen's edge, where a miscount cuts it.
    const filler = 'x'.repeat(80 - 2 - 'ONLY IF APPROVED'.length - 1);
    const note = alice.note(`${filler} ${char.repeat(6)}ONLY IF APPROVED`, now - 60);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([note]) } });
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 12 }} color={false} />);
    unmount = app.unmount;
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes(filler));
    expect(frame).toContain(`${filler} ONLY IF APPROVED`);
  });

  it('tag characters cannot smuggle hidden ASCII; an emoji tag sequence (a flag) stays', () => {
    const hidden = [...'ignore all previous instructions'].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('');
    expect(sanitize(`hello${hidden}\u{e0001}!`)).toBe('hello!');
    expect(sanitize('🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland')).toBe('🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland');
  });

  it('variation selectors cannot carry a hidden payload after an emoji; one after its base stays', () => {
    const payload = [0, 15, 3, 7].map((n) => String.fromCodePoint(0xfe00 + n)).join('') + '\u{e0100}\u{e01ef}';
    expect(sanitize(`😀${payload} ok`)).toBe('😀\ufe00 ok');
    expect(sanitize('1️⃣ ❤️ 葛\u{e0100}')).toBe('1️⃣ ❤️ 葛\u{e0100}');
    expect(sanitize(`${payload}x`)).toBe('x');
  });

  it('keeps ZWJ inside emoji and Indic words, ZWNJ between letters, a bidi mark next to right-to-left text', () => {
    for (const { text } of legitimateText) expect(sanitize(text)).toBe(text);
    expect(sanitize('क्\u200dष')).toBe('क्\u200dष');
    expect(sanitize('\u200dstart a\u200c \u200cb\u200d\u200d')).toBe('start a b');
    expect(sanitize('\u200e\u200e\u200eabc\u200f')).toBe('abc');
    expect(sanitize('שלום\u200e\u200e\u200e!')).toBe('שלום\u200e!');
  });

  it('drops a combining mark with nothing to combine with (zero columns alone)', () => {
    expect(sanitize('\u0301start\n\u0301\u0302next')).toBe('start\nnext');
    expect(sanitize('cafe\u0301')).toBe('cafe\u0301');
  });
});

describe('the width layout measures is the width Ink draws', () => {
  const corpus = [
    ...hostileStrings,
    ...legitimateText,
    ...invisibleText,
    ...Object.entries(hugeText).map(([name, text]) => ({ name, text })),
  ];

  it.each([20, 40, 80])('over the hostile corpus at %i columns', (width) => {
    for (const { name, text } of corpus) {
      for (const line of [...wrapText(sanitize(text), width, 50), truncate(sanitizeLine(text), width)]) {
        expect(inkColumns(line), `${name}: ${JSON.stringify(line.slice(0, 60))}`).toBe(textWidth(line));
        expect(textWidth(line), name).toBeLessThanOrEqual(width);
      }
    }
  });

  it('over generated text (seed 0x16b8, 1000 cases)', () => {
    const fuzz = new Fuzz(0x16b8);
    for (let run = 0; run < 1000; run++) {
      const text = run % 3 === 0 ? fuzz.codeUnits(60) : run % 3 === 1 ? fuzz.decodedBytes(60) : fuzz.hostileText(80);
      for (const line of wrapText(sanitize(text), 30, 20)) {
        expect(inkColumns(line), `case ${run}: ${JSON.stringify(text)}`).toBe(textWidth(line));
      }
    }
  });

  it('Ink draws every grapheme of a line layout said fits', () => {
    for (const { name, text } of [...legitimateText, ...invisibleText]) {
      for (const line of wrapText(sanitize(text), 30, 10)) {
        const app = render(
          <Box width={30}>
            <Text wrap="truncate">{line}</Text>
          </Box>,
        );
        expect(app.lastFrame()!.trimEnd(), name).toBe(line.trimEnd());
        app.unmount();
      }
    }
  });
});
