import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
const carol = author(3);

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(opts: FakeOptions & { columns?: number; rows?: number } = {}) {
  const fake = fakeServices({ now, ...opts });
  const app = render(<App services={fake.services} size={{ columns: opts.columns ?? 80, rows: opts.rows ?? 24 }} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, app, frame, press: (k: string) => app.stdin.write(k) };
}

const helloNote = alice.note('hello world', now - 300);
const cjkNote = bob.note('日本語のテキスト and emoji 👍 ok', now - 7200);
const homeFeed = () => new MemoryFeed([helloNote, cjkNote]);
const names = { [alice.pubkey]: { name: 'alice' }, [carol.pubkey]: { display_name: 'Carol ✨' } };

describe('the timeline screen at 80x24', () => {
  it('draws header, notes with names and ages, wide characters at their width, and the footer', async () => {
    const { frame } = start({ follows: [alice.pubkey], feeds: { home: homeFeed() }, profiles: names });
    const f = await frame((f) => f.includes('hello world'));
    const lines = f.split('\n');
    expect(lines).toHaveLength(24);
    // The user, with no profile name yet, is `you`: never only an npub (issue 13).
    expect(lines[0]).toMatch(/^ you · Home +relays 0\/1$/);
    expect(lines.slice(1, 8)).toEqual([
      '',
      '▌ alice · 5m',
      '▌ hello world',
      '',
      `  ${bobShort()} · 2h`,
      '  日本語のテキスト and emoji 👍 ok',
      '',
    ]);
    expect(lines[22]).toBe('');
    expect(lines[23]).toBe(' j/k move  Enter thread  r reply  l like  n new  Tab feed  ? help  q quit');
  });

  it('moves the selection with j/k and arrows', async () => {
    const { frame, press } = start({ follows: [alice.pubkey], feeds: { home: homeFeed() }, profiles: names });
    await frame((f) => f.includes('hello world'));
    press('j');
    await frame((f) => f.split('\n')[5] === `▌ ${bobShort()} · 2h` && f.split('\n')[2] === '  alice · 5m');
    press(keys.up);
    await frame((f) => f.split('\n')[2] === '▌ alice · 5m');
  });

  it('keeps the reading position when live notes arrive and counts them; g shows them', async () => {
    const many = Array.from({ length: 30 }, (_, i) => carol.note(`note ${i}`, now - 1000 - i * 60));
    const feed = new MemoryFeed(many);
    const { frame, press } = start({ follows: [carol.pubkey], feeds: { home: feed }, profiles: names });
    await frame((f) => f.includes('note 0'));
    for (let i = 0; i < 10; i++) press('j');
    const reading = await frame((f) => f.includes('▌ note 10'));
    feed.push(alice.note('fresh one', now - 10), alice.note('fresh two', now - 5));
    const after = await frame((f) => f.includes('2 new posts'));
    expect(after.split('\n')[1]).toBe('  ── 2 new posts · g to show ──');
    expect(after).toContain('▌ note 10');
    expect(after).not.toContain('fresh');
    // Nothing under the reader moved: the lines of note 10 are where they were (one row lower for the new-posts line at most).
    expect(after.split('\n').indexOf('▌ note 10')).toBe(reading.split('\n').indexOf('▌ note 10'));
    press('g');
    const top = await frame((f) => f.includes('▌ fresh two'));
    expect(top).not.toContain('new posts');
  });

  it('a note arriving between the top note and the one read does not push it down; g shows it', async () => {
    const notes = Array.from({ length: 6 }, (_, i) => carol.note(`note ${i}`, now - 600 - i * 60));
    const feed = new MemoryFeed(notes);
    const { frame, press } = start({ follows: [carol.pubkey], feeds: { home: feed }, profiles: names });
    await frame((f) => f.includes('note 0'));
    press('g');
    press('j');
    press('j');
    const reading = await frame((f) => f.includes('▌ note 2'));
    const row = reading.split('\n').indexOf('▌ note 2');
    expect(row).toBe(9);
    // Older than the top note, newer than the one read.
    feed.push(alice.note('in between', now - 630));
    const after = await frame((f) => f.includes('in between'));
    const lines = after.split('\n');
    expect(lines.indexOf('▌ note 2')).toBe(row);
    // The top note gave way: the arrival and note 1 are above the one read, as they are in the feed.
    expect(lines.slice(1, 10)).toEqual(['', '  alice · 10m', '  in between', '', '  Carol ✨ · 11m', '  note 1', '', '▌ Carol ✨ · 12m', '▌ note 2']);
    // Moving on does not make the window jump; up goes through what is above.
    press('j');
    const next = await frame((f) => f.includes('▌ note 3'));
    expect(next.split('\n').indexOf('  note 2')).toBe(row);
    press('k');
    press('k');
    press('k');
    await frame((f) => f.includes('▌ in between'));
    press('g');
    const top = await frame((f) => f.includes('▌ note 0'));
    expect(top.split('\n').indexOf('▌ note 0')).toBe(3);
  });

  it('takes keys that arrive together (auto-repeat, a busy moment) one by one', async () => {
    const many = Array.from({ length: 30 }, (_, i) => carol.note(`note ${i}`, now - 1000 - i * 60));
    const { frame, press } = start({ follows: [carol.pubkey], feeds: { home: new MemoryFeed(many) }, profiles: names });
    await frame((f) => f.includes('note 0'));
    press('jjj');
    await frame((f) => f.includes('▌ note 3'));
    press('\t\t');
    await frame((f) => f.includes(' · Global'));
  });

  it('pages with PgDn/PgUp and jumps to the bottom with G', async () => {
    const many = Array.from({ length: 30 }, (_, i) => carol.note(`note ${i}`, now - 1000 - i * 60));
    const { frame, press } = start({ follows: [carol.pubkey], feeds: { home: new MemoryFeed(many) }, profiles: names });
    await frame((f) => f.includes('note 0'));
    press(keys.pageDown);
    await frame((f) => f.split('\n')[3] === '▌ note 6');
    press('G');
    await frame((f) => f.includes('▌ note 29'));
    press(keys.pageUp);
    await frame((f) => f.split('\n')[3] === '▌ note 18');
  });
});

function bobShort() {
  return shortKeyOf(bob.pubkey);
}
import { shortKey as shortKeyOf } from '../../src/core/mentions.js';
