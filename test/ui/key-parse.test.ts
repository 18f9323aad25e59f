import { describe, expect, it } from 'vitest';
import { ESC_TIMEOUT_MS, KeyParser, parseKeys, type KeyEvent } from '../../src/ui/keys/parse.js';

/** A short name per key, so whole sequences compare in one line. */
function names(events: KeyEvent[]): string[] {
  return events.map(({ input, key, paste }) => {
    if (paste) return `paste:${input}`;
    const mods = `${key.ctrl ? 'C-' : ''}${key.meta ? 'M-' : ''}${key.shift && !input ? 'S-' : ''}`;
    const name = (['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'] as const).find(
      (n) => key[n],
    );
    return mods + (name ?? input);
  });
}

describe('the key parser on whole reads', () => {
  it('splits printable text into one key per character', () => {
    expect(names(parseKeys('nlol'))).toEqual(['n', 'l', 'o', 'l']);
    expect(names(parseKeys('jjr'))).toEqual(['j', 'j', 'r']);
    expect(names(parseKeys('日本👍'))).toEqual(['日', '本', '👍']);
    expect(parseKeys('Q')[0]!.key.shift).toBe(true);
  });

  it('takes a read no typing makes as an unbracketed paste: text, never keys', () => {
    // Five characters or more in one read (a person's keys come one a read, a few when the app is busy).
    expect(names(parseKeys('lolfty\r\r'))).toEqual(['paste:lolfty\r\r']);
    expect(names(parseKeys('n quick question'))).toEqual(['paste:n quick question']);
    // Text going on past a line break: a pasted first line would otherwise be sent with Enter.
    expect(names(parseKeys('hi\rthere'))).toEqual(['paste:hi\rthere']);
    // One key held down (auto-repeat while the app was busy) stays keys, and so does text then Enter.
    expect(names(parseKeys('jjjjjjjjjj'))).toEqual(Array(10).fill('j'));
    expect(names(parseKeys('ok\r'))).toEqual(['o', 'k', 'return']);
    // Escape sequences are keys (arrows typed ahead), never part of a guessed paste.
    expect(names(parseKeys('\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B'))).toEqual(Array(5).fill('downArrow'));
  });

  it('a long unbracketed paste cut by the terminal\'s buffer: its short rest, Enter included, is pasted too', () => {
    const parser = new KeyParser();
    const first = 'a long line of pasted text '.repeat(40);
    expect(names(parser.push(first))).toEqual([`paste:${first}`]);
    expect(names(parser.push('end\r'))).toEqual(['paste:end\r']);
    // A read after a short paste is keys again.
    expect(names(parser.push('x'))).toEqual(['x']);
  });

  it('reads five Backspaces (DEL and BS) as five keys', () => {
    expect(names(parseKeys('\x7f\x7f\x7f\x7f\x7f'))).toEqual(Array(5).fill('backspace'));
    expect(names(parseKeys('\b'))).toEqual(['backspace']);
  });

  it('reads arrows, Home/End, PgUp/PgDn and forward Delete in every common encoding', () => {
    expect(names(parseKeys('\x1b[D\x1b[D\x1b[D'))).toEqual(['leftArrow', 'leftArrow', 'leftArrow']);
    expect(names(parseKeys('\x1b[A\x1b[B\x1b[C\x1bOA\x1bOD'))).toEqual(['upArrow', 'downArrow', 'rightArrow', 'upArrow', 'leftArrow']);
    expect(names(parseKeys('\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[7~\x1b[8~\x1bOH\x1bOF'))).toEqual(['home', 'end', 'home', 'end', 'home', 'end', 'home', 'end']);
    expect(names(parseKeys('\x1b[5~\x1b[6~\x1b[3~'))).toEqual(['pageUp', 'pageDown', 'delete']);
    expect(names(parseKeys('\x1b[1;3D\x1b[1;5C\x1b[Z'))).toEqual(['M-leftArrow', 'C-rightArrow', 'S-tab']);
  });

  it('reads Ctrl keys, Tab, Enter, Alt+letter, Alt+Enter and Alt+Backspace', () => {
    expect(names(parseKeys('\x01\x05\x0b\x15\x17\x03'))).toEqual(['C-a', 'C-e', 'C-k', 'C-u', 'C-w', 'C-c']);
    expect(names(parseKeys('\t\r'))).toEqual(['tab', 'return']);
    expect(names(parseKeys('\x1bb\x1bf\x1b\r\x1b\x7f'))).toEqual(['M-b', 'M-f', 'M-return', 'M-backspace']);
    expect(names(parseKeys('\x1b\x1b[A'))).toEqual(['M-upArrow']);
  });

  it('swallows sequences it does not name (F-keys, focus reports) instead of typing them', () => {
    expect(names(parseKeys('a\x1b[15~b\x1b[Ic'))).toEqual(['a', 'b', 'c']);
  });

  it('reads a bracketed paste as one paste event, Enter and escapes inside included', () => {
    expect(names(parseKeys('n\x1b[200~hello\rworld q\x1b[201~j'))).toEqual(['n', 'paste:hello\rworld q', 'j']);
  });
});

describe('the key parser across reads', () => {
  it('holds a lone ESC until the timeout says it is the Esc key', () => {
    const parser = new KeyParser();
    expect(parser.push('j\x1b')).toHaveLength(1);
    expect(parser.pending()).toBe(ESC_TIMEOUT_MS);
    expect(names(parser.flush())).toEqual(['escape']);
    expect(parser.pending()).toBeUndefined();
  });

  it('joins an escape sequence split over two reads', () => {
    const parser = new KeyParser();
    expect(parser.push('\x1b')).toEqual([]);
    expect(names(parser.push('[D'))).toEqual(['leftArrow']);
    expect(parser.push('\x1b[1;')).toEqual([]);
    expect(names(parser.push('3C'))).toEqual(['M-rightArrow']);
  });

  it('takes ESC then a letter in the same read as Alt+letter, after the timeout as Esc then the letter', () => {
    expect(names(parseKeys('\x1bb'))).toEqual(['M-b']);
    const parser = new KeyParser();
    parser.push('\x1b');
    expect(names([...parser.flush(), ...parser.push('b')])).toEqual(['escape', 'b']);
    // A later read that cannot continue a sequence ends the held ESC at once.
    parser.push('\x1b');
    expect(names(parser.push('jr'))).toEqual(['escape', 'j', 'r']);
  });

  it('joins a paste split over many reads, the end marker split too', () => {
    const parser = new KeyParser();
    expect(parser.push('\x1b[20')).toEqual([]);
    expect(parser.push('0~first ')).toEqual([]);
    expect(parser.push('second\x1b[2')).toEqual([]);
    expect(parser.pending()).toBeGreaterThan(ESC_TIMEOUT_MS);
    expect(names(parser.push('01~x'))).toEqual(['paste:first second', 'x']);
  });

  it('a paste whose end never comes is pasted after the timeout, never typed as keys', () => {
    const parser = new KeyParser();
    parser.push('\x1b[200~qqq');
    expect(names(parser.flush())).toEqual(['paste:qqq']);
    expect(names(parser.push('j'))).toEqual(['j']);
  });
});
