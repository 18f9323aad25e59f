// Turns what the terminal sends into key events, pure and without I/O. Each
// read can hold many keys ("nlol" typed fast, five Backspaces from auto-repeat,
// three arrows), half an escape sequence (the rest comes in the next read), or a
// bracketed paste (xterm mode 2004: ESC[200~ … ESC[201~), possibly split over
// many reads. The keypress provider feeds reads in and hands out one key at a
// time, so a key that changes the mode changes where the following keys go.
import type { Key } from 'ink';

export interface KeyEvent {
  /** The character typed (one code point); the letter for Ctrl/Alt+letter; the text of a paste; '' for named keys. */
  input: string;
  key: Key;
  /** A bracketed paste: text, never commands. */
  paste?: boolean;
}

export const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;

/** How long a lone ESC waits for the rest of a sequence before it counts as the Esc key. */
export const ESC_TIMEOUT_MS = 40;
/** How long an unfinished paste waits for its end marker before what came is taken as pasted. */
export const PASTE_TIMEOUT_MS = 500;
/**
 * A terminal that does not bracket pastes (GNU screen, tmux's paste-buffer without -p, a serial
 * console) writes the text as if typed, and a pasted line break is Enter: a paste into the composer
 * sent its first line as a note, and one into a list was a string of commands (like, follow,
 * repost then `y`). A person's keys come one a read, two or three when the app was busy (its
 * frames stall at most ~50 ms, bench `frame-stall`); a read of this many characters (not one
 * held-down key), or one going on past a line break, is a paste. Shorter pastes stay keys.
 */
export const UNBRACKETED_PASTE_CHARS = 5;
/**
 * An unbracketed paste this long may have been cut by the terminal's buffer (4 KiB on Linux,
 * 1 KiB on some systems): the next read is the rest of it, even a short one ending in Enter.
 */
export const PASTE_PIECE_CHARS = 1_000;

type Named = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'delete' | 'tab';

const csiLetter: Record<string, Named> = { A: 'upArrow', B: 'downArrow', C: 'rightArrow', D: 'leftArrow', H: 'home', F: 'end', Z: 'tab' };
const csiTilde: Record<string, Named> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '5': 'pageUp', '6': 'pageDown' };

const named = (name: Named, mods: { meta?: boolean; ctrl?: boolean; shift?: boolean } = {}): KeyEvent => ({
  input: '',
  key: { ...noKey, [name]: true, meta: !!mods.meta, ctrl: !!mods.ctrl, shift: !!mods.shift },
});

/** The key for one character outside any escape sequence. */
function charKey(char: string, meta = false): KeyEvent {
  const code = char.codePointAt(0)!;
  if (char === '\r' || char === '\n') return { input: '', key: { ...noKey, return: true, meta } };
  if (char === '\t') return { input: '', key: { ...noKey, tab: true, meta } };
  // Terminals send DEL (0x7f) for Backspace, some BS (0x08, also Ctrl-H).
  if (char === '\u007f' || char === '\b') return { input: '', key: { ...noKey, backspace: true, meta } };
  if (code === 0) return { input: ' ', key: { ...noKey, ctrl: true, meta } };
  if (code < 0x20) return { input: String.fromCharCode(code + 0x60), key: { ...noKey, ctrl: true, meta } };
  return { input: char, key: { ...noKey, meta, shift: /^[A-Z]$/.test(char) } };
}

/**
 * A CSI (ESC [ …) or SS3 (ESC O x) sequence at `at`: its length and key, 'pending'
 * when the read ends inside it, undefined when it is not one.
 */
function sequenceAt(text: string, at: number): { length: number; event?: KeyEvent } | 'pending' | undefined {
  const kind = text[at + 1];
  if (kind === undefined) return 'pending';
  if (kind === 'O') {
    const final = text[at + 2];
    if (final === undefined) return 'pending';
    const name = csiLetter[final];
    return name ? { length: 3, event: named(name) } : undefined;
  }
  if (kind !== '[') return undefined;
  let i = at + 2;
  while (i < text.length && /[0-9;:<=>?]/.test(text[i]!)) i++;
  if (i >= text.length) return 'pending';
  const final = text[i]!;
  if (final < '@' || final > '~') return undefined;
  const params = text.slice(at + 2, i).split(';');
  // xterm modifiers: 1 + (shift 1, alt 2, ctrl 4): ESC[1;3D is Alt+Left.
  const bits = Math.max(0, Number(params[1] ?? 1) - 1);
  const mods = { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 };
  const name = final === '~' ? csiTilde[params[0] ?? ''] : csiLetter[final];
  const event = name ? named(name, final === 'Z' ? { shift: true } : mods) : undefined;
  // Other sequences (F-keys, focus reports, Insert) are swallowed whole, never typed as text.
  return { length: i + 1 - at, event };
}

/** A stateful splitter: push each read, get its keys; `pending` says when to call `flush`. */
export class KeyParser {
  private buffer = '';
  private pasting = false;
  private pasted = '';
  /** The last read was a long unbracketed paste: this one may be its rest. */
  private pasteGoesOn = false;

  /** The keys in this read (with what was held back from earlier reads). */
  push(chunk: string): KeyEvent[] {
    const goesOn = this.pasteGoesOn;
    this.pasteGoesOn = false;
    if (!this.pasting && this.buffer === '' && !chunk.includes(ESC) && (goesOn || looksPasted(chunk))) {
      this.pasteGoesOn = chunk.length >= PASTE_PIECE_CHARS;
      return [{ input: chunk, key: { ...noKey }, paste: true }];
    }
    // A lone ESC held from the last read: only the rest of a sequence continues it.
    // Alt+key comes in one read (ESC b); ESC, then a key in a later read, is Esc then that key.
    const escaped = this.buffer === ESC && !this.pasting && chunk !== '' && !'[O\u001b'.includes(chunk[0]!);
    const before = escaped ? this.drain(true) : [];
    this.buffer += chunk;
    return [...before, ...this.drain(false)];
  }

  /** The wait was long enough: a held ESC is the Esc key (or Alt+…), an unfinished paste is pasted. */
  flush(): KeyEvent[] {
    return this.drain(true);
  }

  /** Milliseconds to wait before `flush`, or undefined when nothing is held. */
  pending(): number | undefined {
    if (this.pasting) return PASTE_TIMEOUT_MS;
    return this.buffer ? ESC_TIMEOUT_MS : undefined;
  }

  private drain(final: boolean): KeyEvent[] {
    const out: KeyEvent[] = [];
    const text = this.buffer;
    let at = 0;
    for (;;) {
      if (this.pasting) {
        const end = text.indexOf(PASTE_END, at);
        if (end === -1) {
          // Keep a tail that may be the start of the end marker for the next read.
          let keep = 0;
          for (let n = Math.min(PASTE_END.length - 1, text.length - at); n > 0; n--) {
            if (PASTE_END.startsWith(text.slice(text.length - n))) {
              keep = n;
              break;
            }
          }
          this.pasted += text.slice(at, text.length - keep);
          at = text.length - keep;
          if (final) {
            this.pasted += text.slice(at);
            at = text.length;
            this.endPaste(out);
          }
          break;
        }
        this.pasted += text.slice(at, end);
        at = end + PASTE_END.length;
        this.endPaste(out);
        continue;
      }
      if (at >= text.length) break;
      const char = String.fromCodePoint(text.codePointAt(at)!);
      if (char !== ESC) {
        out.push(charKey(char));
        at += char.length;
        continue;
      }
      if (text.startsWith(PASTE_START, at)) {
        this.pasting = true;
        at += PASTE_START.length;
        continue;
      }
      // Maybe the start of a paste marker, or of an escape sequence: wait for the next read.
      if (PASTE_START.startsWith(text.slice(at)) && !final) break;
      const seq = sequenceAt(text, at);
      if (seq === 'pending') {
        if (!final) break;
        // Nothing more came: a lone ESC is the Esc key; ESC [ or ESC O alone is Alt+[ / Alt+O.
        if (at + 1 >= text.length) {
          out.push(escapeKey());
          at += 1;
        } else {
          out.push(charKey(text[at + 1]!, true));
          at += 2;
        }
        continue;
      }
      if (seq) {
        if (seq.event) out.push(seq.event);
        at += seq.length;
        continue;
      }
      const next = text[at + 1]!;
      if (next === ESC) {
        // ESC ESC [A is Alt+Up; ESC ESC otherwise is Esc, then whatever the second starts.
        const inner = sequenceAt(text, at + 1);
        if (inner === 'pending' && !final) break;
        if (inner && inner !== 'pending') {
          if (inner.event) out.push({ ...inner.event, key: { ...inner.event.key, meta: true } });
          at += 1 + inner.length;
        } else {
          out.push(escapeKey());
          at += 1;
        }
        continue;
      }
      // ESC then a character: Alt+character (Alt+B, Alt+Enter, Alt+Backspace).
      const alt = String.fromCodePoint(text.codePointAt(at + 1)!);
      out.push(charKey(alt, true));
      at += 1 + alt.length;
    }
    this.buffer = text.slice(at);
    return out;
  }

  private endPaste(out: KeyEvent[]): void {
    this.pasting = false;
    if (this.pasted) out.push({ input: this.pasted, key: { ...noKey }, paste: true });
    this.pasted = '';
  }
}

/**
 * A read no typing makes: many printable characters (not one key held down; Ctrl keys and
 * Backspaces typed ahead are keys), or text going on past a line break.
 */
function looksPasted(chunk: string): boolean {
  const printable = [...chunk].filter((char) => char >= ' ' && char !== '\u007f');
  if (printable.length >= UNBRACKETED_PASTE_CHARS && new Set(printable).size > 1) return true;
  return /[\r\n][^\u0000-\u001f\u007f]/.test(chunk);
}

function escapeKey(): KeyEvent {
  return { input: '', key: { ...noKey, escape: true } };
}

/** All keys of one complete input (tests, and a read known to hold no half sequence). */
export function parseKeys(input: string): KeyEvent[] {
  const parser = new KeyParser();
  return [...parser.push(input), ...parser.flush()];
}
