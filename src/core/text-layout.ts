// Width-aware text layout for the terminal: CJK and emoji take two columns,
// combining marks none. Widths come from string-width, per grapheme cluster.
import stringWidth from 'string-width';

/**
 * The width Ink draws (issue #16 item 8): Ink's output grid gives each grapheme
 * max(1, string-width) cells (ink/build/output.js), with the same string-width (the project
 * depends on the version Ink does, so npm shares one copy). A grapheme string-width calls zero
 * columns (a bidi mark kept beside right-to-left text, a zero-width space the sanitiser put
 * between skin tones) therefore counts one here too: layout measuring less than Ink draws made
 * Ink cut the end of a line that layout had fitted. Only such graphemes need the slow path.
 */
const MAYBE_ZERO_WIDTH = /[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Cs}]/u;
const graphemeWidth = (segment: string): number => (segment === '' ? 0 : Math.max(1, stringWidth(segment)));

/** Width of a slice (at most a few hundred characters) as Ink draws it. */
function sliceWidth(slice: string): number {
  if (!MAYBE_ZERO_WIDTH.test(slice)) return stringWidth(slice);
  let width = 0;
  for (const { segment } of graphemes(slice)) width += graphemeWidth(segment);
  return width;
}

// Made on first use, not as the module loads: the first Segmenter of a process is the costly one
// (src/start.ts has a thread make it first).
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string) => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text);

/**
 * Hostile notes hold words of 100,000 characters. V8's Intl.Segmenter (and string-width, which
 * segments all it is given) spends time proportional to the whole string on every step, so
 * segmenting one such word took seconds, and measuring a 160,000-character line minutes (issue #6).
 * Text is therefore measured and segmented in slices of about SLICE characters, cut before a
 * character that starts a grapheme; should a cut still split one, each half is measured alone,
 * which can only count more columns, never fewer, so lines still fit.
 */
const SLICE = 256;
const GRAPHEME_START = /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u;
const NEVER_STARTS = /^[\p{Emoji_Modifier}\u{1f1e6}-\u{1f1ff}]$/u;

function startsGrapheme(text: string, at: number): boolean {
  const char = String.fromCodePoint(text.codePointAt(at)!);
  return GRAPHEME_START.test(char) && !NEVER_STARTS.test(char) && text.charCodeAt(at - 1) !== 0x200d;
}

function* slices(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > SLICE) {
    let cut = start + SLICE;
    const limit = Math.min(text.length, cut + 64);
    while (cut < limit && !startsGrapheme(text, cut)) cut++;
    if (cut === limit) cut = start + SLICE;
    if ((text.charCodeAt(cut) & 0xfc00) === 0xdc00) cut++; // never split a surrogate pair
    yield text.slice(start, cut);
    start = cut;
  }
  yield text.slice(start);
}

/** Grapheme clusters, in slices, so a hostile 100,000-character line costs linear time. */
export function* graphemesOf(text: string): Generator<string> {
  for (const slice of slices(text)) for (const { segment } of graphemes(slice)) yield segment;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const slice of slices(text)) width += sliceWidth(slice);
  return width;
}

/** Whether `text` fits in `width` columns; stops measuring once it does not. */
export function fits(text: string, width: number): boolean {
  let used = 0;
  for (const slice of slices(text)) if ((used += sliceWidth(slice)) > width) return false;
  return true;
}

/**
 * Lines of at most `width` columns: words wrap at spaces (and before a URL), a word longer than
 * the line is broken between graphemes, explicit newlines are kept. Stops after
 * `maxLines` (the last line then ends in `…`) so a huge note costs no more than
 * what is shown.
 */
export function wrapText(text: string, width: number, maxLines = Infinity): string[] {
  const columns = Math.max(1, width);
  const lines: string[] = [];
  // One line past the limit tells us there is more to hide.
  const done = () => lines.length > maxLines;
  for (const paragraph of text.replace(/\t/g, '  ').split('\n')) {
    let line = '';
    let used = 0;
    const breakLine = () => {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    };
    // A URL starts a token of its own even when glued to a word (`see:https://…`), so one that
    // fits on a line moves to the next line whole instead of being broken (issue #13).
    for (const token of paragraph.split(/(?<= )|(?=https?:\/\/)/i)) {
      if (done()) break;
      // `fits` stops measuring at the edge: a 100,000-character word costs one line's work.
      const word = token.trimEnd();
      if (fits(word, columns - used)) {
        line += token;
        used += textWidth(token);
        continue;
      }
      if (fits(word, columns)) {
        breakLine();
        line = token;
        used = textWidth(token);
        continue;
      }
      // Wider than a whole line: break it between graphemes.
      for (const segment of graphemesOf(token)) {
        const w = graphemeWidth(segment);
        if (used + w > columns && used > 0 && segment !== ' ') breakLine();
        if (done()) break;
        line += segment;
        used += w;
      }
    }
    if (done()) break;
    breakLine();
  }
  if (lines.length <= maxLines) return lines;
  const shown = lines.slice(0, maxLines);
  shown[maxLines - 1] = ellipsize(shown[maxLines - 1]!, columns);
  return shown;
}

/** The line with ` …` at its end, cut to fit. */
function ellipsize(line: string, width: number): string {
  const parts = [...graphemesOf(line)];
  while (parts.length > 0 && textWidth(parts.join('').trimEnd() + ' …') > width) parts.pop();
  return truncate(parts.join('').trimEnd() + ' …', width);
}

/** At most `width` columns; cut text ends in `…`. */
export function truncate(text: string, width: number): string {
  if (fits(text, width)) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const segment of graphemesOf(text)) {
    const w = graphemeWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}

/** At most `width` columns; cut text starts with `…` and keeps its end (where a cursor is typing). */
export function truncateStart(text: string, width: number): string {
  if (fits(text, width)) return text;
  if (width <= 0) return '';
  const parts = [...graphemesOf(text)];
  let start = parts.length;
  let used = 0;
  while (start > 0 && used + graphemeWidth(parts[start - 1]!) <= width - 1) used += graphemeWidth(parts[--start]!);
  return '…' + parts.slice(start).join('');
}

/** `text` padded with spaces to exactly `width` columns (truncated if longer). */
export function padToWidth(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}
