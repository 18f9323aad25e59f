// The composer's text and cursor as a pure reducer, with readline's editing keys.
// The cursor moves and deletes by grapheme cluster (an emoji with its skin tone, a
// letter with its combining accent, a CJK character), never inside one. Esc hides
// the composer but keeps this state: one draft per target (see use-composer.ts).
import { graphemesOf, textWidth } from '../../core/text-layout.js';

export interface ComposerState {
  text: string;
  /** Cursor position in UTF-16 units, always on a grapheme boundary. */
  cursor: number;
}

export type ComposerAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  /** Ctrl-W: back to the previous whitespace (readline's unix-word-rubout). */
  | { type: 'deleteWordBack' }
  /** Ctrl-U: from the line's start to the cursor. */
  | { type: 'killToStart' }
  /** Ctrl-K: from the cursor to the line's end (at the end, joins the next line). */
  | { type: 'killToEnd' }
  /** Alt-B / Alt-F: to the start of this or the previous word, to the end of this or the next. */
  | { type: 'wordLeft' }
  | { type: 'wordRight' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'clear' };

export const emptyDraft: ComposerState = { text: '', cursor: 0 };

/**
 * Graphemes next to the cursor, nearest first. Only a window around it is
 * segmented, so a key costs the same on a hostile 100,000-character line.
 */
const WINDOW = 512;
function graphemesBefore(text: string, at: number): string[] {
  return [...graphemesOf(text.slice(Math.max(0, at - WINDOW), at))].reverse();
}
function graphemesAfter(text: string, at: number): string[] {
  return [...graphemesOf(text.slice(at, at + WINDOW))];
}
const before = (text: string, at: number): number => graphemesBefore(text, at)[0]?.length ?? 0;
const after = (text: string, at: number): number => graphemesAfter(text, at)[0]?.length ?? 0;

const isWord = (g: string) => /^[\p{L}\p{N}\p{M}_]/u.test(g);
const isSpace = (g: string) => /^\s/u.test(g);

/** UTF-16 length of the run of graphemes: first those matching `skip`, then those matching `take`. */
function run(graphemes: string[], skip: (g: string) => boolean, take: (g: string) => boolean): number {
  let i = 0;
  let n = 0;
  while (i < graphemes.length && skip(graphemes[i]!)) n += graphemes[i++]!.length;
  while (i < graphemes.length && take(graphemes[i]!)) n += graphemes[i++]!.length;
  return n;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
function lineEnd(text: string, at: number): number {
  const next = text.indexOf('\n', at);
  return next === -1 ? text.length : next;
}
const cut = (state: ComposerState, from: number, to: number): ComposerState => ({
  text: state.text.slice(0, from) + state.text.slice(to),
  cursor: from,
});

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
    case 'deleteWordBack': {
      const notSpace = (g: string) => !isSpace(g);
      return cut(state, cursor - run(graphemesBefore(text, cursor), isSpace, notSpace), cursor);
    }
    case 'killToStart':
      return cut(state, lineStart(text, cursor), cursor);
    case 'killToEnd': {
      const end = lineEnd(text, cursor);
      return cut(state, cursor, end === cursor ? cursor + after(text, cursor) : end);
    }
    case 'wordLeft':
      return { text, cursor: cursor - run(graphemesBefore(text, cursor), (g) => !isWord(g), isWord) };
    case 'wordRight':
      return { text, cursor: cursor + run(graphemesAfter(text, cursor), (g) => !isWord(g), isWord) };
    case 'left':
      return { text, cursor: cursor - before(text, cursor) };
    case 'right':
      return { text, cursor: cursor + after(text, cursor) };
    case 'home':
      return { text, cursor: lineStart(text, cursor) };
    case 'end':
      return { text, cursor: lineEnd(text, cursor) };
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

/** A line that is only a note reference (`"` puts them there, NIP-18 / NIP-21). */
const REFERENCE_LINE = /^nostr:(?:nevent1|note1)[02-9ac-hj-np-z]+$/;

/**
 * The draft with `reference` quoted: the references at its end (one a line, after an empty one)
 * gain it, and the cursor goes to the end of the words above them, where the comment goes. A
 * second note quoted into a draft once put its reference after the first and the cursor there.
 */
export function withQuote(draft: ComposerState, reference: string): ComposerState {
  const lines = draft.text.split('\n');
  const references: string[] = [];
  while (lines.length > 0 && (REFERENCE_LINE.test(lines.at(-1)!.trim()) || !lines.at(-1)!.trim())) {
    const line = lines.pop()!.trim();
    if (line) references.unshift(line);
  }
  const words = lines.join('\n').trimEnd();
  return { text: `${words}\n\n${[...references, reference].join('\n')}`, cursor: words.length };
}
