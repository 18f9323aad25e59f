// The composer's text and cursor as a pure reducer. Esc hides the composer but
// keeps this state, so a cancelled draft comes back with the next `n`.
import { graphemesOf, textWidth } from '../../core/text-layout.js';

export interface ComposerState {
  text: string;
  /** Cursor position in UTF-16 units, always on a code point boundary. */
  cursor: number;
}

export type ComposerAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'clear' };

export const emptyDraft: ComposerState = { text: '', cursor: 0 };

/** Length of the code point before / after `at` (1 or 2 UTF-16 units). */
const before = (text: string, at: number) => (at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) ? 2 : at > 0 ? 1 : 0);
const after = (text: string, at: number) => (at >= text.length ? 0 : (text.codePointAt(at)! > 0xffff ? 2 : 1));

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert': {
      // Pasted text arrives whole; CR from a pasted CRLF becomes a line break.
      const piece = action.text.replace(/\r\n?/g, '\n');
      return { text: text.slice(0, cursor) + piece + text.slice(cursor), cursor: cursor + piece.length };
    }
    case 'backspace': {
      const n = before(text, cursor);
      return { text: text.slice(0, cursor - n) + text.slice(cursor), cursor: cursor - n };
    }
    case 'delete':
      return { text: text.slice(0, cursor) + text.slice(cursor + after(text, cursor)), cursor };
    case 'left':
      return { text, cursor: cursor - before(text, cursor) };
    case 'right':
      return { text, cursor: cursor + after(text, cursor) };
    case 'home':
      return { text, cursor: text.lastIndexOf('\n', cursor - 1) + 1 };
    case 'end': {
      const next = text.indexOf('\n', cursor);
      return { text, cursor: next === -1 ? text.length : next };
    }
    case 'up':
    case 'down': {
      const start = text.lastIndexOf('\n', cursor - 1) + 1;
      const column = textWidth(text.slice(start, cursor));
      if (action.type === 'up') {
        if (start === 0) return { text, cursor: 0 };
        const above = text.lastIndexOf('\n', start - 2) + 1;
        return { text, cursor: atColumn(text, above, start - 1, column) };
      }
      const next = text.indexOf('\n', cursor);
      if (next === -1) return { text, cursor: text.length };
      const end = text.indexOf('\n', next + 1);
      return { text, cursor: atColumn(text, next + 1, end === -1 ? text.length : end, column) };
    }
    case 'clear':
      return emptyDraft;
  }
}

/**
 * The position in text[from, to) (one line) nearest to display column
 * `column`, never inside a character: CJK and emoji are two columns wide.
 */
function atColumn(text: string, from: number, to: number, column: number): number {
  let at = from;
  let width = 0;
  for (const segment of graphemesOf(text.slice(from, to))) {
    const w = textWidth(segment);
    if (width + w > column) break;
    width += w;
    at += segment.length;
  }
  return at;
}
