// Issue #13 on screen: a quoted note boxed inside the note that quotes it, with its author's
// name; nprofile mentions as @name; web links whole and drawn as the client's OSC 8 hyperlinks
// (none under NO_COLOR), at their width next to CJK and emoji.
import { render } from 'ink-testing-library';
import { neventEncode, noteEncode, nprofileEncode } from 'nostr-tools/nip19';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, screen, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
const carol = author(3);
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'Bob' }, [carol.pubkey]: { display_name: 'Carol' } };

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(events: ReturnType<typeof alice.note>[], opts: FakeOptions & { columns?: number; color?: boolean } = {}) {
  const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed(events) }, profiles: names, ...opts });
  const app = render(<App services={fake.services} size={{ columns: opts.columns ?? 60, rows: 24 }} color={opts.color ?? false} />);
  unmount = app.unmount;
  return { ...fake, app, frame: (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check), press: (k: string) => app.stdin.write(k) };
}

const quotedNote = bob.note('the original thought, which is long enough to wrap over more than three lines of the quote box so it gets cut short here, with a fourth line that is never shown to anyone', now - 7200);

describe('quoted notes', () => {
  it('are boxed under the note, a few lines, with the quoted author\'s name; the reference leaves the text', async () => {
    const quoting = alice.note(`so true nostr:${neventEncode({ id: quotedNote.id, relays: ['wss://hint.example'], author: bob.pubkey })}`, now - 60, [
      ['q', quotedNote.id, 'wss://hint.example', bob.pubkey],
    ]);
    const { frame, quoteAsks } = start([quoting], { quoted: [quotedNote] });
    const f = await frame((f) => f.includes('the original'));
    expect(f.split('\n').slice(2, 9)).toEqual([
      '▌ alice · 1m',
      '▌ so true',
      '▌ ╭─ Bob · 2h ─────────────────────────────────────────────╮',
      '▌ │ the original thought, which is long enough to wrap     │',
      '▌ │ over more than three lines of the quote box so it gets │',
      '▌ │ cut short here, with a fourth line that is never sho … │',
      '▌ ╰────────────────────────────────────────────────────────╯',
    ]);
    expect(quoteAsks).toEqual([]);
  });

  it('say they are loading, then show the note when it comes; one no relay had says so', async () => {
    const missingId = 'f'.repeat(64);
    const quoting = alice.note(`look nostr:${noteEncode(quotedNote.id)} and nostr:${noteEncode(missingId)}`, now - 60);
    const fake = start([quoting], { quoted: [quotedNote] });
    fake.holdQuotes(true);
    // Asked for during the first layout; held, so the box says it is loading.
    const loading = await fake.frame((f) => f.includes('loading the quoted note…'));
    expect(loading).toContain('▌ look');
    expect(fake.quoteAsks.sort()).toEqual([quotedNote.id, missingId].sort());
    fake.answerQuotes();
    const f = await fake.frame((f) => f.includes('Bob · 2h'));
    expect(f).toContain('│ quoted note not found on the relays');
    expect(f).toMatch(/╭─ note1\w{4}…\w{4} ─+╮/);
  });

  it('keep the box square around CJK, emoji and a long name', async () => {
    const wide = bob.note('日本語のテキストと絵文字 👍👩‍💻 が入った引用です。とても長いので折り返されます。', now - 7200);
    const quoting = alice.note(`nostr:${noteEncode(wide.id)}`, now - 60);
    const { frame } = start([quoting], { quoted: [wide], columns: 41, profiles: { ...names, [bob.pubkey]: { name: 'A very long display name that will not fit' } } });
    const f = await frame((f) => f.includes('日本語'));
    const box = f.split('\n').filter((line) => /[╭│╰]/.test(line));
    expect(box.length).toBeGreaterThanOrEqual(4);
    for (const line of box) expect(stringWidth(line), line).toBe(41);
    // The name gives way; the age stays.
    expect(box).toEqual([
      '▌ ╭─ A very long display name th… · 2h ─╮',
      '▌ │ 日本語のテキストと絵文字 👍👩‍💻 が入  │',
      '▌ │ った引用です。とても長いので折り返  │',
      '▌ │ されます。                          │',
      '▌ ╰─────────────────────────────────────╯',
    ]);
  });

  it('without a quote directory stay short references, as before', async () => {
    const quoting = alice.note(`see nostr:${noteEncode(quotedNote.id)}`, now - 60);
    const { frame } = start([quoting], { quotes: false });
    const f = await frame((f) => f.includes('see ['));
    expect(f).toMatch(/▌ see \[note1\w{4}…\w{4}\]/);
    expect(f).not.toContain('╭');
  });

  it('Enter opens the thread; Enter again on that note opens the quoted note', async () => {
    const quoting = alice.note(`so true nostr:${noteEncode(quotedNote.id)}`, now - 60);
    const { frame, press } = start([quoting], { quoted: [quotedNote] });
    await frame((f) => f.includes('the original'));
    press(keys.enter);
    await frame((f) => f.split('\n')[0]!.includes('Thread') && f.includes('▌ so true'));
    press(keys.enter);
    const opened = await frame((f) => f.includes('▌ Bob · 2h'));
    expect(opened).toContain('▌ the original thought');
    press(keys.escape);
    await frame((f) => f.includes('▌ so true'));
  });
});

describe('mentions', () => {
  it('show nprofile and npub mentions as @name', async () => {
    const note = alice.note(`hi nostr:${nprofileEncode({ pubkey: carol.pubkey, relays: ['wss://r.example'] })} and nostr:${nprofileEncode({ pubkey: bob.pubkey })}!`, now - 60);
    const { frame } = start([note]);
    const f = await frame((f) => f.includes('hi @'));
    expect(f).toContain('▌ hi @Carol and @Bob!');
  });
});

describe('links', () => {
  const url = 'https://example.com/a/long/path/to/a/page';
  const link = `\u001b]8;;${url}\u0007`;
  const end = '\u001b]8;;\u0007';

  it('are written as the client\'s OSC 8 hyperlinks around the URL text, in colour', async () => {
    const note = alice.note(`日本語 👍 read ${url} now`, now - 60);
    const { app, frame } = start([note], { color: true });
    await frame((f) => f.includes('example.com'));
    const raw = app.lastFrame()!;
    const line = raw.split('\n').find((l) => l.includes(link))!;
    expect(line).toBeDefined();
    // The link holds exactly the URL's text (coloured inside), and ends.
    expect(line.slice(line.indexOf(link) + link.length, line.indexOf(end))).toContain(url);
    expect(screen(line)).toBe(`▌ 日本語 👍 read ${url}`);
    // Zero width: every line of the frame still measures the screen's width at most.
    for (const l of raw.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(60);
  });

  it('are never split when they fit on a line: the URL moves to the next line whole', async () => {
    const note = alice.note(`some words before the link:${url}`, now - 60);
    const { frame } = start([note], { columns: 50 });
    const f = await frame((f) => f.includes('example.com'));
    expect(f.split('\n').slice(3, 5)).toEqual(['▌ some words before the link:', `▌ ${url}`]);
  });

  it('are plain text under NO_COLOR (no OSC 8 written)', async () => {
    const note = alice.note(`read ${url}`, now - 60);
    const { app, frame } = start([note], { color: false });
    await frame((f) => f.includes('example.com'));
    expect(app.lastFrame()).not.toContain('\u001b]8');
    expect(app.lastFrame()).toContain(`▌ read ${url}`);
  });

  it('never link a URL hidden in a hostile escape sequence, nor one that is not http(s)', async () => {
    const note = alice.note('\u001b]8;;https://evil.example\u0007click me\u001b]8;;\u0007 javascript://x', now - 60);
    const { app, frame } = start([note], { color: true });
    await frame((f) => f.includes('click me'));
    expect(app.lastFrame()).not.toContain('\u001b]8');
    expect(app.lastFrame()).not.toContain('evil.example');
  });

  it('inside a quote box are links too', async () => {
    const quoted = bob.note(`source: ${url}`, now - 7200);
    const note = alice.note(`nostr:${noteEncode(quoted.id)}`, now - 60);
    const { app, frame } = start([note], { color: true, quoted: [quoted] });
    await frame((f) => f.includes('source:'));
    const line = app.lastFrame()!.split('\n').find((l) => l.includes('source:'))!;
    expect(line).toContain(link);
    expect(screen(line)).toMatch(new RegExp(`^▌ │ source: ${url.replace(/[/.]/g, '\\$&')} +│$`));
  });
});
