// Issue #13 keys on the selected note: `o` opens a web link after showing its domain and asking
// (digits choose among several), `y` / `Y` copy the nevent1… / npub1… through OSC 52 and show it.
import { render } from 'ink-testing-library';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { osc52 } from '../../src/ui/hooks/use-note-links.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(events: ReturnType<typeof alice.note>[], opts: FakeOptions = {}) {
  const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed(events) }, profiles: { [alice.pubkey]: { name: 'alice' } }, ...opts });
  const app = render(<App services={fake.services} size={{ columns: 80, rows: 16 }} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  const footer = (f: string) => f.split('\n').slice(-2).join('\n');
  return { ...fake, app, frame, footer, press: (k: string) => app.stdin.write(k) };
}

describe('o opens a link', () => {
  it('shows the domain and opens only after y', async () => {
    const { frame, press, openedUrls } = start([alice.note('read https://example.com/post?id=7 today', now - 60)]);
    await frame((f) => f.includes('read https://'));
    press('o');
    await frame((f) => f.includes(' open example.com? y/n · https://example.com/post?id=7'));
    expect(openedUrls).toEqual([]);
    press('y');
    await frame((f) => f.includes("opened example.com with the system's opener"));
    expect(openedUrls).toEqual(['https://example.com/post?id=7']);
  });

  it('asks which one when the note has several (digits), and any other key cancels', async () => {
    const { frame, press, openedUrls } = start([alice.note('a https://one.example/x b https://two.example/y c https://one.example/x', now - 60)]);
    await frame((f) => f.includes('https://two'));
    press('o');
    await frame((f) => f.includes(' open which link? 1 one.example  2 two.example'));
    press('2');
    await frame((f) => f.includes(' open two.example? y/n · https://two.example/y'));
    press('n');
    await frame((f) => f.includes(' cancelled'));
    press('o');
    await frame((f) => f.includes('open which link?'));
    // q answers the question; it does not quit or go back.
    press('q');
    const f = await frame((f) => f.includes(' cancelled'));
    expect(f).toContain('alice · 1m');
    expect(openedUrls).toEqual([]);
  });

  it('says when a note has no link, and when the opener fails', async () => {
    const fail = start([alice.note('no links here', now - 60), alice.note('https://down.example', now - 120)], {
      openUrl: async () => {
        throw new Error('xdg-open not found: open the link yourself');
      },
    });
    await fail.frame((f) => f.includes('no links here'));
    fail.press('o');
    await fail.frame((f) => f.includes(' this note has no web link'));
    fail.press('j');
    await fail.frame((f) => f.includes('▌ https://down.example'));
    fail.press('o');
    await fail.frame((f) => f.includes('open down.example? y/n'));
    fail.press('y');
    await fail.frame((f) => f.includes(' open down.example failed: xdg-open not found: open the link yourself'));
  });
});

describe('y and Y copy', () => {
  it('y copies the nevent1… (id, author, kind, relay) through OSC 52 and shows it whole in the footer', async () => {
    const note = alice.note('copy me', now - 60);
    const { app, frame, footer, press } = start([note]);
    await frame((f) => f.includes('copy me'));
    press('y');
    const f = await frame((f) => f.includes('copied nevent1'));
    const value = footer(f).replace(/\s+/g, '').replace(/^copied/, '');
    const decoded = decode(value);
    expect(decoded.type).toBe('nevent');
    expect(decoded.data).toMatchObject({ id: note.id, author: alice.pubkey, kind: 1, relays: ['ws://fake'] });
    expect(app.frames).toContain(osc52(value));
  });

  it("Y copies the author's npub1…", async () => {
    const { app, frame, press } = start([alice.note('copy my author', now - 60)]);
    await frame((f) => f.includes('copy my author'));
    press('Y');
    await frame((f) => f.includes(` copied ${npubEncode(alice.pubkey)}`));
    expect(app.frames).toContain(`\u001b]52;c;${Buffer.from(npubEncode(alice.pubkey)).toString('base64')}\u0007`);
  });

  it('the copied value leaves the footer at the next message, and keys work again', async () => {
    const { frame, press } = start([alice.note('one', now - 60), alice.note('two', now - 120)]);
    await frame((f) => f.includes('one'));
    press('y');
    await frame((f) => f.includes('copied nevent1'));
    press('o');
    const f = await frame((f) => f.includes(' this note has no web link'));
    expect(f.split('\n').at(-1)).toContain('j/k move');
    press(keys.down);
    await frame((f) => f.includes('▌ two'));
  });
});
