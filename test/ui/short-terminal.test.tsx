// In a short terminal the composer (notes, replies, quotes, a chat) and the profile form fit the
// rows they have: fewer text lines (the cursor's line kept in view), fields scrolled to the one
// being edited, never a row drawn over another. At 80x24 they are as before.
import type { Event } from 'nostr-tools';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { DmLike, DmsLike } from '../../src/ui/services.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const hello = alice.note('hello world', now - 300);

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** A chat that holds what is sent, enough for the composer's layout. */
function memoryDms(): DmsLike {
  const sent: DmLike[] = [];
  return {
    conversations: () => [],
    thread: () => sent,
    onChange: () => () => {},
    loaded: () => true,
    problem: () => undefined,
    async send(_peers, text) {
      sent.push({ id: String(sent.length), from: 'me', mine: true, content: text, created_at: now } as DmLike);
      return { ok: true, text: 'message: sent' };
    },
    markRead: () => {},
  };
}

function start(size: { columns: number; rows: number }, events: Event[] = [hello]) {
  const fake = fakeServices({ now, follows: [alice.pubkey], profiles: { [alice.pubkey]: { name: 'alice' } }, feeds: { home: new MemoryFeed(events) } });
  fake.services.dms = memoryDms();
  const app = render(<App services={fake.services} size={size} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, app, frame, press: (k: string) => app.stdin.write(k) };
}

/** Eight lines, typed as one draft: `reply line 1` … `reply line 8`, the cursor after the last. */
function typeLines(press: (k: string) => void) {
  for (let i = 1; i <= 8; i++) press(`${i > 1 ? keys.altEnter : ''}reply line ${i}`);
}

/** The composer's title row and the text rows under it, checked: the title alone on its row, each text row whole. */
function composerRows(f: string, rows: number, title: RegExp): string[] {
  const lines = f.split('\n');
  expect(lines).toHaveLength(rows);
  const head = lines.findIndex((l) => l.startsWith('── '));
  expect(lines[head]).toMatch(title);
  return lines.slice(head + 1, rows - 2);
}

describe('the composer in a short terminal', () => {
  it('80x10: a long reply shows its last lines under a whole title, the cursor line in view', async () => {
    const { frame, press } = start({ columns: 80, rows: 10 });
    await frame((f) => f.includes('hello world'));
    press('r');
    await frame((f) => f.includes('── Reply to alice'));
    typeLines(press);
    const f = await frame((f) => f.includes('reply line 8▏'));
    // Header, one row of the feed, the title, five text rows, the footer's two.
    expect(composerRows(f, 10, /^── Reply to alice ─+$/)).toEqual(['  reply line 4', '  reply line 5', '  reply line 6', '  reply line 7', '  reply line 8▏']);
    // Up to the first line: the draft scrolls, the cursor's line stays shown.
    press(keys.up.repeat(7));
    const top = await frame((f) => f.includes('reply line 1▏'));
    expect(composerRows(top, 10, /^── Reply to alice ─+$/)).toEqual(['  reply line 1▏', '  reply line 2', '  reply line 3', '  reply line 4', '  reply line 5']);
  });

  it('60x8: three text rows; at 80x24 the six it always had', async () => {
    const short = start({ columns: 60, rows: 8 });
    await short.frame((f) => f.includes('hello world'));
    short.press('n');
    await short.frame((f) => f.includes('── New note'));
    typeLines(short.press);
    const f = await short.frame((f) => f.includes('reply line 8▏'));
    expect(composerRows(f, 8, /^── New note ─+$/)).toEqual(['  reply line 6', '  reply line 7', '  reply line 8▏']);
    short.app.unmount();

    const tall = start({ columns: 80, rows: 24 });
    await tall.frame((f) => f.includes('hello world'));
    tall.press('n');
    await tall.frame((f) => f.includes('── New note'));
    typeLines(tall.press);
    const g = await tall.frame((f) => f.includes('reply line 8▏'));
    expect(composerRows(g, 24, /^── New note ─+$/).filter((l) => l.includes('reply line'))).toHaveLength(6);
  });

  it('80x10: a quote draft (its reference on lines of its own) keeps the title whole and the cursor in view', async () => {
    const { frame, press } = start({ columns: 80, rows: 10 });
    await frame((f) => f.includes('hello world'));
    press('"');
    await frame((f) => f.includes('── New note'));
    press(`my words${keys.altEnter}more${keys.altEnter}and more${keys.altEnter}and the last`);
    const f = await frame((f) => f.includes('and the last▏'));
    // The reference waits below, on its own line after an empty one.
    expect(composerRows(f, 10, /^── New note ─+$/)).toEqual(['  my words', '  more', '  and more', '  and the last▏', '']);
    press(keys.down.repeat(2));
    const below = await frame((f) => f.includes('▏nostr:nevent1'));
    expect(composerRows(below, 10, /^── New note ─+$/).at(-1)).toMatch(/^ {2}▏nostr:nevent1/);
  });

  it("80x10: a chat's composer leaves a row for the messages and keeps its title whole", async () => {
    const { frame, press } = start({ columns: 80, rows: 10 });
    await frame((f) => f.includes('hello world'));
    press('c');
    await frame((f) => f.includes('── To alice (private, NIP-17)'));
    typeLines(press);
    const f = await frame((f) => f.includes('reply line 8▏'));
    const lines = f.split('\n');
    expect(lines).toHaveLength(10);
    // Header, one row of messages, the title, five text rows, the footer.
    expect(lines[2]).toMatch(/^── To alice \(private, NIP-17\) ─+$/);
    expect(lines.slice(3, 8)).toEqual(['  reply line 4', '  reply line 5', '  reply line 6', '  reply line 7', '  reply line 8▏']);
  });
});

describe('the profile form in a short terminal', () => {
  it('40x10: the title stays, the fields scroll to the one being edited, none drawn over another', async () => {
    const { frame, press, services, setProfile } = start({ columns: 40, rows: 10 }, []);
    setProfile(services.publicKey()!, { name: 'old', about: 'kept', banner: 'https://b.example' });
    press('P');
    await frame((f) => f.includes('Profile: old'));
    press('e');
    const form = await frame((f) => f.includes('Edit your profile'));
    const body = (f: string) => {
      const lines = f.split('\n');
      expect(lines).toHaveLength(10);
      expect(lines[1]).toBe('  ── Edit your profile ──');
      return lines.slice(2, 8);
    };
    // Six of the eight fields fit under the title.
    expect(body(form).map((l) => l.slice(2, 14).trim())).toEqual(['Name', 'Display name', 'About', 'Website', 'Picture', 'Banner']);
    for (let i = 0; i < 7; i++) press(keys.down);
    const last = await frame((f) => f.includes('▌ Lightning'));
    expect(body(last).map((l) => l.slice(2, 14).trim())).toEqual(['About', 'Website', 'Picture', 'Banner', 'NIP-05', 'Lightning']);
    expect(body(last)).toContain('  Banner        https://b.example');
  });
});
