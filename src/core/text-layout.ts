// Width-aware text layout for the terminal: CJK and emoji take two columns,
// combining marks none. Widths come from string-width, per grapheme cluster.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const textWidth = (text: string): number => stringWidth(text);

/**
 * Lines of at most `width` columns: words wrap at spaces, a word longer than
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
    for (const token of paragraph.split(/(?<= )/)) {
      if (done()) break;
      const wordWidth = stringWidth(token.trimEnd());
      if (used + wordWidth <= columns) {
        line += token;
        used += stringWidth(token);
        continue;
      }
      if (wordWidth <= columns) {
        breakLine();
        line = token;
        used = stringWidth(token);
        continue;
      }
      // Wider than a whole line: break it between graphemes.
      for (const { segment } of graphemes.segment(token)) {
        const w = stringWidth(segment);
        if (used + w > columns && used > 0 && segment !== ' ') breakLine();
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
  const parts = [...graphemes.segment(line)].map((s) => s.segment);
  while (parts.length > 0 && stringWidth(parts.join('').trimEnd() + ' …') > width) parts.pop();
  return truncate(parts.join('').trimEnd() + ' …', width);
}

/** At most `width` columns; cut text ends in `…`. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}

/** `text` padded with spaces to exactly `width` columns (truncated if longer). */
export function padToWidth(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}
