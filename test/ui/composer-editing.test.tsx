// The composer's editing keys as readline has them, grapheme-correct (issue #11, point 2),
// and one draft per target (point 5): through the reducer, then through the whole App.
import { render } from 'ink-testing-library';
import { noteEncode } from 'nostr-tools/nip19';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { composerReducer, type ComposerAction, type ComposerState } from '../../src/ui/composer/composer-state.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const at = (text: string, cursor = text.length): ComposerState => ({ text, cursor });
const run = (state: ComposerState, ...actions: ComposerAction['type'][]) =>
  actions.reduce((s, type) => composerReducer(s, { type } as ComposerAction), state);
/** The draft with the cursor drawn as |. */
const show = (s: ComposerState) => `${s.text.slice(0, s.cursor)}|${s.text.slice(s.cursor)}`;

describe('composer editing (reducer)', () => {
  it('Backspace, Delete and the arrows take whole graphemes: emoji with modifiers, flags, ZWJ families, combining marks, CJK', () => {
    for (const g of ['👍🏽', '🇯🇵', '👨‍👩‍👧', 'é', 'ñ', '字']) {
      expect(show(run(at(`a${g}`), 'backspace')), g).toBe('a|');
      expect(show(run(at(`${g}b`, 0), 'delete')), g).toBe('|b');
      expect(show(run(at(`a${g}b`), 'left', 'left')), g).toBe(`a|${g}b`);
      expect(show(run(at(`a${g}b`, 1), 'right')), g).toBe(`a${g}|b`);
    }
  });

  it('Ctrl-W deletes back to the previous whitespace; Ctrl-U to the line start; Ctrl-K to the line end', () => {
    expect(show(run(at('hello big world  '), 'deleteWordBack'))).toBe('hello big |');
    expect(show(run(at('hello big-world'), 'deleteWordBack'))).toBe('hello |');
    expect(show(run(at('日本語 テキスト'), 'deleteWordBack'))).toBe('日本語 |');
    expect(show(run(at('first\nsecond line', 12), 'killToStart'))).toBe('first\n| line');
    expect(show(run(at('first\nsecond line', 3), 'killToEnd'))).toBe('fir|\nsecond line');
    // At the end of a line, Ctrl-K joins the next one (as Emacs).
    expect(show(run(at('first\nsecond', 5), 'killToEnd'))).toBe('first|second');
  });

  it('Alt-B / Alt-F move by words, over punctuation and emoji; Home/End (Ctrl-A/E) to the line ends', () => {
    const s = at('say: héllo, wörld 👍 ok');
    expect(show(run(s, 'wordLeft'))).toBe('say: héllo, wörld 👍 |ok');
    expect(show(run(s, 'wordLeft', 'wordLeft'))).toBe('say: héllo, |wörld 👍 ok');
    expect(show(run(s, 'wordLeft', 'wordLeft', 'wordLeft'))).toBe('say: |héllo, wörld 👍 ok');
    expect(show(run(at(s.text, 0), 'wordRight', 'wordRight'))).toBe('say: héllo|, wörld 👍 ok');
    expect(show(run(at('one\ntwo three', 6), 'home'))).toBe('one\n|two three');
    expect(show(run(at('one\ntwo three', 6), 'end'))).toBe('one\ntwo three|');
  });

  it('a key on a hostile 100,000-character line costs a window, not the line', () => {
    const long = at('x'.repeat(100_000) + ' 👍🏽');
    const started = performance.now();
    for (let i = 0; i < 50; i++) composerReducer(long, { type: 'backspace' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(show(run(long, 'backspace'))).toBe('x'.repeat(100_000) + ' |');
  });
});

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start() {
  const hello = alice.note('hello world', now - 300);
  const other = bob.note('other note', now - 600);
  const fake = fakeServices({ now, follows: [alice.pubkey, bob.pubkey], profiles: { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' } }, feeds: { home: new MemoryFeed([hello, other]) } });
  let drafts: string[] = [];
  const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} onDrafts={(d) => (drafts = d)} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, frame, press: (k: string) => app.stdin.write(k), drafts: () => drafts, hello };
}

/** The composer's text (cursor as ▏), from a frame. */
const composerText = (f: string) => {
  const lines = f.split('\n');
  const head = lines.findIndex((l) => l.startsWith('── '));
  return head < 0 ? undefined : lines.slice(head + 1, lines.length - 2).filter((l) => l.startsWith('  ')).map((l) => l.slice(2)).join('\n');
};

describe('composer editing (whole App, keys as the terminal sends them)', () => {
  it('Ctrl-W, Ctrl-U, Ctrl-A, Ctrl-E, Ctrl-K, Alt-B, Alt-F, Delete, Home and End', async () => {
    const { frame, press } = start();
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => composerText(f) === '▏');
    press('one two three');
    await frame((f) => composerText(f) === 'one two three▏');
    press('\x17'); // Ctrl-W
    await frame((f) => composerText(f) === 'one two ▏');
    press('\x01X\x05Y'); // Ctrl-A, X, Ctrl-E, Y
    await frame((f) => composerText(f) === 'Xone two Y▏');
    press('\x1bb\x1bb'); // Alt-B twice
    await frame((f) => composerText(f) === 'Xone ▏two Y');
    press('\x0b'); // Ctrl-K
    await frame((f) => composerText(f) === 'Xone ▏');
    press('\x1b[H\x1b[3~\x1bf'); // Home, Delete, Alt-F (the frame trims the space after the cursor)
    await frame((f) => composerText(f) === 'one▏');
    press('!');
    await frame((f) => composerText(f) === 'one!▏');
    press('\x1b[F?'); // End, then text: the space was kept
    await frame((f) => composerText(f) === 'one! ?▏');
    press('\x15'); // Ctrl-U
    await frame((f) => composerText(f) === '▏');
  });

  it('keeps one draft per target: a new-note draft never shows in a reply, each reply keeps its own', async () => {
    const { frame, press, published, drafts, hello } = start();
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => composerText(f) === '▏');
    press('for my followers');
    await frame((f) => composerText(f) === 'for my followers▏');
    press(keys.escape);
    await frame((f) => composerText(f) === undefined);
    press('r');
    const reply = await frame((f) => f.includes('── Reply to alice'));
    expect(composerText(reply)).toBe('▏');
    press('to alice');
    await frame((f) => composerText(f) === 'to alice▏');
    // Esc and the next key in the same tick would be Alt+key, as from a terminal: wait for the frame.
    press(keys.escape);
    await frame((f) => composerText(f) === undefined);
    press('jr');
    await frame((f) => f.includes('── Reply to bob') && composerText(f) === '▏');
    press(keys.escape);
    await frame((f) => composerText(f) === undefined);
    press('kr');
    await frame((f) => f.includes('── Reply to alice') && composerText(f) === 'to alice▏');
    press(keys.escape);
    await frame((f) => composerText(f) === undefined);
    press('n');
    await frame((f) => f.includes('── New note') && composerText(f) === 'for my followers▏');
    expect(published).toHaveLength(0);
    // A reply's draft says which note it answers, so it can be sent later (`post --reply`).
    expect([...drafts()].sort()).toEqual(['for my followers', `to alice\n(a reply to ${noteEncode(hello.id)})`]);
  });
});
