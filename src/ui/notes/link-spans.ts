// Where the web links of a note fall on its wrapped lines (issue #13): layout wraps the
// sanitised text into lines (core/text-layout.ts), and each line is a piece of that text, so
// a link's offsets in the text become spans on the lines it covers. A URL broken over two
// lines (only when it is longer than a line) gives a span on each, both to the whole URL.
import type { LinkMatch } from '../../core/links.js';

export interface LineLink {
  /** UTF-16 offsets in the line's text. */
  start: number;
  end: number;
  url: string;
}

/**
 * The link spans of each line. `lines` must come from wrapping `text` (wrapText only trims
 * spaces at line ends and cuts the last line shown with ` …`), so each line is found in `text`
 * from where the previous one ended; a line that is not found simply gets no links.
 */
export function linkSpans(text: string, lines: readonly string[], links: readonly LinkMatch[]): LineLink[][] {
  if (links.length === 0) return lines.map(() => []);
  let cursor = 0;
  return lines.map((line) => {
    let at = text.indexOf(line, cursor);
    let length = line.length;
    if (at < 0) {
      // The last line shown ends in ` …` where the note was cut.
      const shown = line.replace(/ ?\u2026$/u, '');
      at = text.indexOf(shown, cursor);
      length = shown.length;
    }
    if (at < 0) return [];
    cursor = at + length;
    const spans: LineLink[] = [];
    for (const link of links) {
      const start = Math.max(link.start, at);
      const end = Math.min(link.end, at + length);
      if (start < end) spans.push({ start: start - at, end: end - at, url: link.url });
    }
    return spans;
  });
}
