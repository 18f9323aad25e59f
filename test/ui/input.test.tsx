// Keys that arrive together (a fast typist, auto-repeat) are taken one by one,
// each by the handler in force at that key (issue #11, point 1 and 2); a read no
// typing makes is an unbracketed paste: text, never keys.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const hello = alice.note('hello world', now - 300);

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(opts: FakeOptions & { size?: { columns: number; rows: number } } = {}) {
  const fake = fakeServices({ now, follows: [alice.pubkey], profiles: { [alice.pubkey]: { name: 'alice' } }, feeds: { home: new MemoryFeed([hello]) }, ...opts });
  let drafts: string[] = [];
  const app = render(<App services={fake.services} size={opts.size ?? { columns: 80, rows: 24 }} color={false} onDrafts={(d) => (drafts = d)} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, app, frame, press: (k: string) => app.stdin.write(k), drafts: () => drafts };
}

/** The composer's text lines (the cursor drawn as ▏), from the last frame. */
const composerText = (f: string) => {
  const lines = f.split('\n');
  const head = lines.findIndex((l) => l.startsWith('── '));
  return lines.slice(head + 1, lines.length - 2).filter((l) => l.startsWith('  ')).map((l) => l.slice(2)).join('\n');
};

describe('typed-ahead keys in one read', () => {
  it('"nlol": the composer opens holding "lol"; nothing is liked or published', async () => {
    const { frame, press, published, followCalls } = start();
    await frame((f) => f.includes('hello world'));
    press('nlol');
    const f = await frame((f) => f.includes('── New note') && composerText(f) === 'lol▏');
    expect(f).not.toContain('like');
    expect(published).toHaveLength(0);
    expect(followCalls).toHaveLength(0);
  });

  it('"n" + "qu" does not quit; the text is in the composer', async () => {
    const { frame, press, published } = start();
    await frame((f) => f.includes('hello world'));
    // Had "q" quit, no later frame would show the rest of the text.
    press('nqu');
    const f = await frame((f) => f.includes('qu▏'));
    expect(composerText(f)).toBe('qu▏');
    press(keys.escape);
    await frame((f) => !f.includes('New note'));
    press('n');
    await frame((f) => f.includes('New note'));
    // The same draft comes back; more typed-ahead text joins it.
    press('iet');
    await frame((f) => composerText(f) === 'quiet▏');
    expect(published).toHaveLength(0);
  });

  it('a read no typing makes is an unbracketed paste: in a list it does nothing, in the composer it is text and Enter sends nothing', async () => {
    const { frame, press, published, followCalls, app } = start();
    await frame((f) => f.includes('hello world'));
    // A terminal without bracketed paste: like, open, like, follow, repost, yes, Enter, as keys.
    press('lolfty\r');
    // The read after it is handled as keys (`?` opens help): the paste was read, and did nothing.
    press('?');
    await frame((f) => f.includes(' · Keys'));
    // No action's result or question in the footer.
    expect(app.lastFrame()!.split('\n').slice(-2).join('\n')).not.toMatch(/like|follow|repost|open|y\/n/);
    expect(published).toHaveLength(0);
    expect(followCalls).toHaveLength(0);
    press(keys.escape);
    await frame((f) => f.includes(' · Home'));
    press('n');
    await frame((f) => f.includes('New note'));
    // A pasted first line is not sent with the line break after it.
    press('first pasted line\rsecond pasted line\r');
    const pasted = await frame((f) => f.includes('second pasted line'));
    expect(composerText(pasted)).toBe('first pasted line\nsecond pasted line\n▏');
    expect(published).toHaveLength(0);
  });

  it('five Backspaces in one read delete five characters; three Left arrows move three', async () => {
    const { frame, press } = start();
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => composerText(f) === '▏');
    press('abcdefgh');
    await frame((f) => composerText(f) === 'abcdefgh▏');
    press('\x7f\x7f\x7f\x7f\x7f');
    await frame((f) => composerText(f) === 'abc▏');
    press('\x1b[D\x1b[D\x1b[D');
    await frame((f) => composerText(f) === '▏abc');
    press('X\x1b[3~');
    await frame((f) => composerText(f) === 'X▏bc');
  });

  it('n + a bracketed paste puts the paste in the composer, Enter and q included, and sends nothing', async () => {
    const { frame, press, published } = start();
    await frame((f) => f.includes('hello world'));
    press('n\x1b[200~line one\rq and lol\x1b[201~');
    const f = await frame((f) => f.includes('q and lol▏'));
    expect(composerText(f)).toBe('line one\nq and lol▏');
    expect(published).toHaveLength(0);
  });

  it('a paste split over reads is still one paste', async () => {
    const { frame, press, published } = start();
    await frame((f) => f.includes('hello world'));
    press('n\x1b[200~first ');
    press('second\x1b[2');
    press('01~!');
    await frame((f) => composerText(f) === 'first second!▏');
    expect(published).toHaveLength(0);
  });

  it('a paste outside the composer runs no command', async () => {
    const many = Array.from({ length: 5 }, (_, i) => alice.note(`note ${i}`, now - 1000 - i * 60));
    const { frame, press, published, followCalls } = start({ feeds: { home: new MemoryFeed(many) } });
    await frame((f) => f.includes('▌ note 0'));
    press('\x1b[200~jjltuqR?\x1b[201~');
    // A key after the paste is still taken (nothing quit), and the paste moved nothing.
    press('j');
    const f = await frame((f) => f.includes('▌ note 1'));
    expect(f).toContain(' · Home');
    expect(f).not.toContain('New note');
    expect(published).toHaveLength(0);
    expect(followCalls).toHaveLength(0);
  });

  it('a key that opens a screen sends the rest of the read there: "Rq" is back on Home, "?G" scrolls the help', async () => {
    const { frame, press } = start({ size: { columns: 60, rows: 12 } });
    await frame((f) => f.includes('hello world'));
    // q on the relays panel goes back (it would quit on Home): the app still answers.
    press('Rq');
    press('n');
    await frame((f) => f.includes(' · Home') && f.includes('New note'));
    press('\x1b');
    await frame((f) => !f.includes('New note'));
    press('?G');
    await frame((f) => f.includes(' · Keys') && f.includes('write to it on/off') && !f.includes('next note'));
  });
});
