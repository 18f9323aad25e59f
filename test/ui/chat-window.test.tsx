// The chat over the real services and the real relay at 80x24: fourteen messages from Carol,
// more than fit. It opens on the newest, scrolls back with the list keys (PgUp while the composer
// is open too), draws exactly 24 rows with the composer closed and after a resize, and marks read
// only what has been on screen.
import { render } from 'ink-testing-library';
import * as nip59 from 'nostr-tools/nip59';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';
import { keys, waitForFrame } from './frames.js';

const me = generateSecretKey();
const carol = generateSecretKey();
const [ME, CAROL] = [getPublicKey(me), getPublicKey(carol)];
// The real time: the inbox is watched from two days before the clock (NIP-59 wraps are dated up to two days back by the real time).
const nowSec = Math.floor(Date.now() / 1000);

let relay: TestRelay;
let run: RealServices | undefined;
beforeAll(async () => {
  relay = await startRelay();
  await relay.seed(
    finalizeEvent({ kind: 0, created_at: nowSec - 5000, tags: [], content: JSON.stringify({ name: 'carol' }) }, carol),
    // Message i written (60 - i) minutes ago.
    ...Array.from({ length: 14 }, (_, i) =>
      nip59.wrapEvent({ kind: 14, created_at: nowSec - 3600 + (i + 1) * 60, tags: [['p', ME]], content: `carol msg ${i + 1}` }, carol, ME),
    ),
  );
});
afterEach(async () => {
  await run?.close();
  run = undefined;
});
afterAll(async () => {
  await relay?.stop();
});

/** Message i as the chat draws it: its name line and its text. */
const msg = (i: number) => [` carol · ${60 - i}m`, ` carol msg ${i}`];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => msg(from + k)).flat();
const unread = (f: string) => f.split('\n').find((line) => line.includes('carol msg'))?.match(/\((\d+)\)/)?.[1];
const rows = (f: string) => f.split('\n');
/** The rows between the header and the footer's two. */
const messages = (f: string) => rows(f).slice(1, -2);

/** The app at 80x24 on a fresh home (its own read marks), in Carol's chat once she has `count` unread. */
async function openChat(count: string) {
  run = realServices({ pubkey: ME, secretKey: me, relays: [relay.url], nowSec, prefix: 'nostr-tui-chat-window-', configured: true });
  const services = run.services;
  const app = render(<App services={services} size={{ columns: 80, rows: 24 }} color={false} />);
  const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);
  await frame((f) => f.includes(' · Global'));
  app.stdin.write('M');
  await frame((f) => unread(f) === count);
  app.stdin.write(keys.enter);
  const opened = await frame((f) => f.includes('── To carol (private, NIP-17)') && f.includes(count === '15' ? 'carol msg new' : 'carol msg 14'));
  const resize = (columns: number, height: number) => app.rerender(<App services={services} size={{ columns, rows: height }} color={false} />);
  return { app, frame, opened, resize, unreadNow: () => services.dms!.conversations()[0]!.unread };
}

describe('a chat longer than the screen', () => {
  it('is 24 rows exactly with the composer closed, the newest at the bottom; a resize and back draws the same', async () => {
    const { app, frame, opened, resize } = await openChat('14');
    expect(rows(opened)).toHaveLength(24);
    // The composer closed: its rows are the messages'.
    app.stdin.write(keys.escape);
    const closed = await frame((f) => !f.includes('── To carol'));
    expect(rows(closed)).toHaveLength(24);
    expect(rows(closed)[0]).toMatch(/^ you · Chat: carol\s/);
    expect(messages(closed)).toEqual([' carol msg 4', ...range(5, 14)]);
    resize(60, 15);
    const small = await frame((f) => rows(f).length === 15 && f.includes('carol msg 14'));
    expect(messages(small)).toEqual(range(9, 14));
    resize(80, 24);
    expect(await frame((f) => rows(f).length === 24)).toBe(closed);
    // Opened again, the composer takes its rows back from the messages.
    app.stdin.write('n');
    const again = await frame((f) => f.includes('── To carol'));
    expect(rows(again)).toHaveLength(24);
    expect(rows(again).slice(1, 22)).toEqual([' carol msg 5', ...range(6, 14), '── To carol (private, NIP-17) ' + '─'.repeat(50), '  ▏']);
    app.unmount();
  });

  it('scrolls back through older messages with the list keys (PgUp while writing too); scrolled back, what arrives below waits', async () => {
    const { app, frame, opened } = await openChat('14');
    // 19 rows over the composer: the newest whole, message 5's text with its name line above the screen.
    expect(messages(opened).slice(0, 19)).toEqual([' carol msg 5', ...range(6, 14)]);
    expect(rows(opened).at(-1)).toBe(' Enter send  Alt+Enter line break  PgUp earlier  Esc back');
    // PgUp while writing: a page back, one line of the last kept; PgDn back to the newest.
    app.stdin.write(keys.pageUp);
    const paged = await frame((f) => messages(f)[0] === msg(1)[0]);
    expect(messages(paged).slice(0, 19)).toEqual([...range(1, 9), msg(10)[0]]);
    expect(paged).toContain('── To carol');
    app.stdin.write(keys.pageDown);
    await frame((f) => messages(f)[0] === ' carol msg 5');
    // Space, the lists' other page key, is the composer's.
    for (const key of ['a', ' ', 'b']) app.stdin.write(key);
    await frame((f) => f.includes('  a b▏'));
    app.stdin.write(keys.backspace.repeat(3));
    await frame((f) => f.includes('\n  ▏'));

    // The composer closed: up a line, k, g to the oldest, G back to the newest, k and j.
    app.stdin.write(keys.escape);
    await frame((f) => messages(f)[0] === ' carol msg 4');
    app.stdin.write(keys.up);
    expect(messages(await frame((f) => messages(f)[0] === msg(4)[0]))).toEqual([...range(4, 13), msg(14)[0]]);
    app.stdin.write('k');
    expect(messages(await frame((f) => messages(f)[0] === ' carol msg 3'))).toEqual([' carol msg 3', ...range(4, 13)]);
    app.stdin.write('g');
    expect(messages(await frame((f) => messages(f)[0] === msg(1)[0]))).toEqual([...range(1, 10), msg(11)[0]]);
    app.stdin.write('G');
    expect(messages(await frame((f) => messages(f)[0] === ' carol msg 4'))).toEqual([' carol msg 4', ...range(5, 14)]);
    app.stdin.write('k');
    await frame((f) => messages(f)[0] === msg(4)[0]);
    app.stdin.write('j');
    await frame((f) => messages(f)[0] === ' carol msg 4');

    // Scrolled back to the oldest, a new message arrives below: the view stays where it is.
    app.stdin.write('g');
    const top = await frame((f) => messages(f)[0] === msg(1)[0]);
    await relay.seed(nip59.wrapEvent({ kind: 14, created_at: nowSec - 30, tags: [['p', ME]], content: 'carol msg new' }, carol, ME));
    await until(() => run!.services.dms!.thread([CAROL]).length === 15, 'the new message', 15_000);
    expect(await frame(() => true)).toBe(top);
    // Back: everything was on screen but the new message, which is unread.
    app.stdin.write(keys.escape);
    const list = await frame((f) => f.includes(' · Messages') && f.includes('carol msg new'));
    expect(unread(list)).toBe('1');
    app.unmount();
  });

  it('marks read what has been on screen, not the messages above it', async () => {
    const { app, frame, opened, unreadNow } = await openChat('15');
    // Message 6's text, 7..14 and the new one whole; 1..5 were not (not even before the composer showed).
    expect(messages(opened).slice(0, 19)).toEqual([' carol msg 6', ...range(7, 14), ' carol · 30s', ' carol msg new']);
    await until(() => unreadNow() <= 5, 'the marks', 15_000);
    expect(unreadNow()).toBe(5);
    // Closing the composer shows message 5's text too.
    app.stdin.write(keys.escape);
    await frame((f) => messages(f)[0] === ' carol msg 5');
    app.stdin.write(keys.escape);
    const list = await frame((f) => f.includes(' · Messages') && unread(f) !== '15');
    expect(unread(list)).toBe('4');
    app.unmount();
  });
});
