import { npubEncode } from 'nostr-tools/nip19';
import { render } from 'ink-testing-library';
import { parse } from 'nostr-tools/nip10';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { bindings } from '../../src/ui/keys/bindings.js';
import { replyTemplate } from '../../src/core/interactions.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { until } from '../helpers/until.js';
import { keys, screen, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
const carol = author(3);
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' } };

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(opts: FakeOptions & { columns?: number; rows?: number; color?: boolean } = {}) {
  const fake = fakeServices({ now, follows: [alice.pubkey, bob.pubkey], profiles: names, ...opts });
  const size = { columns: opts.columns ?? 80, rows: opts.rows ?? 24 };
  const app = render(<App services={fake.services} size={size} color={opts.color ?? false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, app, frame, press: (k: string) => app.stdin.write(k) };
}

const hello = alice.note('hello world', now - 300);
const feedOf = (...events: Parameters<typeof alice.note> extends never ? never : ReturnType<typeof alice.note>[]) => new MemoryFeed(events);

describe('composing', () => {
  it('n opens the composer; Alt+Enter breaks the line; Enter publishes and the note shows at once', async () => {
    const { frame, press, published } = start({ feeds: { home: feedOf(hello) } });
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('── New note'));
    press('first line');
    press(keys.altEnter);
    press('second');
    const editing = await frame((f) => f.includes('second▏'));
    expect(editing.split('\n').slice(-5)).toEqual([
      '── New note ────────────────────────────────────────────────────────────────────',
      '  first line',
      '  second▏',
      '',
      ' Enter send  Alt+Enter line break  Alt-W warning  Esc close (draft kept)',
    ]);
    press(keys.enter);
    const sent = await frame((f) => f.includes('post: sent to 1/1 relays') && f.includes('▌ first line'));
    expect(published).toHaveLength(1);
    expect(published[0]!.content).toBe('first line\nsecond');
    expect(published[0]!.kind).toBe(1);
    expect(sent).toContain('▌ first line');
    expect(sent).not.toContain('New note');
  });

  it('Esc cancels but keeps the draft for the next n; backspace edits', async () => {
    const { frame, press, published } = start({ feeds: { home: feedOf(hello) } });
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('New note'));
    press('draftx');
    press(keys.backspace);
    await frame((f) => f.includes('draft▏'));
    press(keys.escape);
    await frame((f) => !f.includes('New note'));
    press('n');
    await frame((f) => f.includes('draft▏'));
    expect(published).toHaveLength(0);
  });

  it('r replies with NIP-10 tags to the selected note', async () => {
    const { frame, press, published } = start({ feeds: { home: feedOf(hello) } });
    await frame((f) => f.includes('hello world'));
    press('r');
    await frame((f) => f.includes('── Reply to alice'));
    press('hi alice');
    press(keys.enter);
    await frame((f) => f.includes('reply to alice: sent to 1/1 relays'));
    const reply = published[0]!;
    expect(parse(reply).root?.id).toBe(hello.id);
    expect(reply.tags).toContainEqual(['p', alice.pubkey]);
  });

  it('r on a row that is not a short note (an article from search, a like) says so and opens no composer', async () => {
    const article = alice.note('# An essay\n\nLong words.', now - 200, [['d', 'essay'], ['title', 'An essay']], 30023);
    const { frame, press, published } = start({ feeds: { home: feedOf(article) } });
    await frame((f) => f.includes('An essay') && f.includes('▌'));
    press('r');
    const said = await frame((f) => f.includes('only short notes can be replied to here (this is a kind 30023 event)'));
    expect(said).not.toContain('── Reply to');
    expect(published).toEqual([]);
  });

  it('shows the failure per relay when no relay accepts; the note is kept (outbox) and shown', async () => {
    const { frame, press } = start({
      feeds: { home: feedOf(hello) },
      publishResults: () => [{ url: 'ws://fake', ok: false, outcome: 'rejected', message: 'blocked: \u001b[31mspam\u001b[0m' }],
    });
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('New note'));
    press('x');
    press(keys.enter);
    const f = await frame((f) => f.includes('post failed'));
    expect(f).toContain(' post failed: fake: rejected (blocked: spam) (kept in the outbox to retry)');
    expect(f).not.toContain('New note');
    expect(f).not.toContain('new post');
    expect(f).toContain('▌ x');
  });
});

describe('acting on the selected note', () => {
  it('l likes (NIP-25) and t reposts (NIP-18) the selected note, with the result in the footer', async () => {
    const { frame, press, published } = start({ feeds: { home: feedOf(hello) } });
    await frame((f) => f.includes('hello world'));
    press('l');
    await frame((f) => f.includes("like alice's note: sent to 1/1 relays"));
    press('t');
    await frame((f) => f.includes(' repost? y/n'));
    press('y');
    await frame((f) => f.includes("repost alice's note: sent to 1/1 relays"));
    expect(published.map((e) => e.kind)).toEqual([7, 6]);
    expect(published[0]!.content).toBe('+');
    expect(JSON.parse(published[1]!.content).id).toBe(hello.id);
  });

  it('f follows and u unfollows the author, saying so when nothing needs to change; the open Home hears of it', async () => {
    const home = feedOf(hello);
    const { frame, press, followCalls } = start({ follows: [bob.pubkey], feeds: { home } });
    await frame((f) => f.includes('hello world'));
    press('f');
    await frame((f) => f.includes(' follow alice: sent to 1/1 relays'));
    press('f');
    await frame((f) => f.includes(' you already follow alice'));
    press('u');
    await frame((f) => f.includes(' unfollow alice: sent to 1/1 relays'));
    press('u');
    await frame((f) => f.includes(' you do not follow alice'));
    expect(followCalls.map((c) => c.following)).toEqual([true, true, false, false]);
    expect(home.followChanges).toEqual([
      [alice.pubkey, true],
      [alice.pubkey, false],
    ]);
  });

  it('a newer follow list from the relays changes the open Home once, even right after its first frame; a later u holds, Tab and back included', async () => {
    const home = feedOf(hello);
    const { frame, press, updateFollows } = start({ follows: [bob.pubkey], feeds: { home } });
    await frame((f) => f.includes('hello world'));
    // Alice was followed on another device; the list comes at once after Home's first frame.
    updateFollows([bob.pubkey, alice.pubkey]);
    press('u');
    await frame((f) => f.includes(' unfollow alice: sent to 1/1 relays'));
    for (const title of ['Notifications', 'Global', 'Messages', 'Home']) {
      press(keys.tab);
      await frame((f) => f.split('\n')[0]!.includes(` · ${title}`));
    }
    // Home was opened again on the way, from the list as it is now: alice stays out.
    press('u');
    await frame((f) => f.includes(' you do not follow alice'));
    expect(home.followChanges).toEqual([
      [alice.pubkey, true],
      [alice.pubkey, false],
    ]);
  });

  it('Enter opens the thread, indented by depth, the opened note selected; Esc goes back', async () => {
    const root = bob.note('the root', now - 900);
    const reply = alice.note('a reply', now - 600, replyTemplate('', root, 0).tags);
    const deeper = bob.note('deeper', now - 300, replyTemplate('', reply, 0).tags);
    const { frame, press } = start({ feeds: { home: feedOf(reply) }, thread: [deeper, root, reply] });
    await frame((f) => f.includes('a reply'));
    press(keys.enter);
    const thread = await frame((f) => f.includes('3 notes in this thread'));
    expect(thread.split('\n').slice(0, 12)).toEqual([
      expect.stringMatching(/ · Thread +relays 0\/1$/),
      '  3 notes in this thread',
      '  bob · 15m',
      '  the root',
      '',
      '▌   alice · 10m  ↳ reply to bob',
      '▌   a reply',
      '',
      '      bob · 5m  ↳ reply to alice',
      '      deeper',
      '',
      '',
    ]);
    press(keys.escape);
    await frame((f) => f.includes(' · Home'));
  });

  it('a note taller than the screen is opened whole and read by j and Space to its last line, then j moves to its reply', async () => {
    const long = bob.note(Array.from({ length: 60 }, (_, i) => `line ${i + 1} of a long note`).join('\n'), now - 900);
    const reply = alice.note('a reply under it', now - 600, replyTemplate('', long, 0).tags);
    const { frame, press, app } = start({ feeds: { home: feedOf(long) }, thread: [long, reply] });
    // Home shows the first lines only, cut.
    const home = await frame((f) => f.includes('line 1 of a long note'));
    expect(home).not.toContain('line 60 of a long note');
    press(keys.enter);
    const opened = await frame((f) => f.includes('2 notes in this thread') && f.includes('line 1 of a long note'));
    expect(opened).not.toContain('line 30 of');
    press('j');
    // One row further: the header scrolled away, line 1 at the top.
    await frame((f) => !f.includes('bob · 15m') && f.split('\n')[2] === '▌ line 1 of a long note');
    press(' ');
    await frame((f) => f.includes('line 30 of a long note') && !f.includes('line 1 of a long note'));
    // A screen at a time, each page waited for, until the note's last line shows.
    let end = app.lastFrame() ?? '';
    const topRow = (f: string) => f.split('\n')[2];
    for (let page = 0; page < 5 && !end.includes('line 60 of a long note'); page++) {
      const before = topRow(end);
      press(' ');
      end = await frame((f) => topRow(f) !== before);
    }
    expect(end).toContain('▌ line 60 of a long note');
    expect(end).not.toContain('a reply under it');
    press('j');
    await frame((f) => f.includes('▌   a reply under it'));
    // k comes back to the long note's end, to read it upwards.
    press('k');
    await frame((f) => f.includes('▌ line 60 of a long note'));
  });

  it('replies arriving while a thread is open join it, once each; leaving stops the watch', async () => {
    const root = bob.note('the root', now - 900);
    const reply = alice.note('a reply', now - 600, replyTemplate('', root, 0).tags);
    const { frame, press, reply: arrive, watchingThreads } = start({ feeds: { home: feedOf(root) }, thread: [root, reply] });
    await frame((f) => f.includes('the root'));
    press(keys.enter);
    await frame((f) => f.includes('2 notes in this thread'));
    const late = carol.note('a late reply', now - 10, replyTemplate('', root, 0).tags);
    expect(arrive(late)).toBe(1);
    arrive(reply); // already shown
    arrive(late); // from a second relay
    const f = await frame((f) => f.includes('3 notes in this thread'));
    expect(f.match(/a late reply/g)).toHaveLength(1);
    expect(f.match(/a reply$/gm)).toHaveLength(1);
    press(keys.escape);
    await frame((f) => f.includes(' · Home'));
    // React runs the thread's cleanup after the Home frame is drawn: wait for it, then nothing watches.
    await until(() => watchingThreads() === 0, 'the watch stopped');
    expect(arrive(late)).toBe(0);
  });

  it('p shows the author: name, npub, about, and their notes', async () => {
    const { frame, press } = start({
      feeds: { home: feedOf(hello) },
      profiles: { ...names, [alice.pubkey]: { name: 'alice', about: 'I write \u001b]0;pwned\u0007notes', nip05: 'alice@example.com' } },
      authorNotes: { [alice.pubkey]: [hello, alice.note('older note', now - 4000)] },
    });
    await frame((f) => f.includes('hello world'));
    press('p');
    const f = await frame((f) => f.includes('older note'));
    expect(f).toContain('Profile: alice');
    // Her kind 0 names alice@example.com, but no domain verified it: never shown as her identity (issue 13).
    expect(f).toContain('  alice  · followed');
    expect(f).not.toContain('alice@example.com');
    expect(f).toContain('  I write notes');
    expect(f).not.toContain('pwned');
  });
});

describe('screens and views', () => {
  it('Tab cycles Home, Notifications (in place of Mentions), Global and Messages', async () => {
    const { frame, press, opened } = start({
      feeds: { home: feedOf(hello), global: feedOf(carol.note('from anyone', now - 60)) },
    });
    await frame((f) => f.includes(' · Home') && f.includes('hello world'));
    press(keys.tab);
    await frame((f) => f.includes(' · Notifications') && f.includes('nobody has replied to, mentioned or reacted to you'));
    press(keys.tab);
    await frame((f) => f.includes(' · Global') && f.includes('from anyone'));
    press(keys.tab);
    await frame((f) => f.includes(' · Messages') && f.includes('private messages are not available here'));
    press(keys.tab);
    await frame((f) => f.includes(' · Home') && f.includes('hello world'));
    expect(opened).toEqual(['home', 'notifications', 'global', 'messages', 'home']);
  });

  it('a feed switched to is drawn with the notes it already holds in its first frame, not a frame later', async () => {
    const { app, frame, press } = start({
      feeds: { home: feedOf(hello), global: feedOf(carol.note('from anyone', now - 60)) },
    });
    await frame((f) => f.includes(' · Home') && f.includes('hello world'));
    press(keys.tab);
    await frame((f) => f.includes(' · Notifications'));
    const before = app.frames.length;
    press(keys.tab);
    await frame((f) => f.includes(' · Global') && f.includes('from anyone'));
    const global = app.frames.slice(before).filter((f) => f.includes(' · Global'));
    expect(global.filter((f) => !f.includes('from anyone'))).toEqual([]);
  });

  it('R shows each relay: state, counts and its last error, sanitised', async () => {
    const { frame, press } = start({
      feeds: { home: feedOf(hello) },
      relays: [{ url: 'ws://one', read: true, write: true }, { url: 'ws://two', read: true, write: false }],
      status: [
        { url: 'ws://one', state: 'eose', rttMs: 12, counts: { received: 5, duplicates: 2, invalid: 1, offFilter: 0, malformed: 0, oversize: 0 } },
        { url: 'ws://two', state: 'error', error: 'refused\u001b[2J\nnow', counts: { received: 0, duplicates: 0, invalid: 0, offFilter: 0, malformed: 0, oversize: 0 } },
      ],
    });
    await frame((f) => f.includes('relays 1/2'));
    press('R');
    const f = await frame((f) => f.includes(' · Relays'));
    expect(f.split('\n').slice(1, 6)).toEqual([
      '  ws://one  eose  12 ms  read+write',
      '    events 5 · dupes 2 · invalid 1 · off-filter 0 · malformed 0 · oversize 0',
      '  ws://two  error  read',
      '    events 0 · dupes 0 · invalid 0 · off-filter 0 · malformed 0 · oversize 0',
      '    error: refused now',
    ]);
  });

  it('the header counts your relays and, apart, the others a view connected to; R says why each other one is used', async () => {
    const counts = { received: 0, duplicates: 0, invalid: 0, offFilter: 0, malformed: 0, oversize: 0 };
    const { frame, press } = start({
      feeds: { home: feedOf(hello) },
      relays: [{ url: 'ws://mine', read: true, write: true }],
      status: [
        { url: 'ws://mine', roles: ['user'], state: 'eose', counts },
        { url: 'ws://alice-out', roles: ['outbox'], state: 'eose', counts },
        { url: 'ws://index', roles: ['discovery'], state: 'connected', counts },
      ],
    });
    const home = await frame((f) => f.includes('hello world'));
    expect(home.split('\n')[0]).toMatch(/ relays 1\/1 \+2$/);
    press('R');
    const f = await frame((f) => f.includes(' · Relays'));
    expect(f).toContain('  ws://alice-out  eose  outbox (not in your list)');
    expect(f).toContain('  ws://index  connected  discovery (not in your list)');
  });

  it('a relay asked for the user\'s relay list but not in this run\'s list is not counted as one of its relays', async () => {
    const counts = { received: 0, duplicates: 0, invalid: 0, offFilter: 0, malformed: 0, oversize: 0 };
    // Started with no relays; one being added (before the edit is saved) was asked for the user's relay list.
    const { frame } = start({ feeds: { home: feedOf(hello) }, relays: [], status: [{ url: 'ws://added', roles: ['user'], state: 'eose', counts }] });
    const home = await frame((f) => f.includes('hello world'));
    expect(home.split('\n')[0]).toMatch(/ relays 0\/0 \+1$/);
  });

  it('? lists every key of the key table', async () => {
    // One page as tall as the table (issues #13-#15 added o, y, Y, m, e, M, / and #, then c, P and Alt-W; the next test walks a small terminal's pages).
    const { frame, press } = start({ feeds: { home: feedOf(hello) }, rows: 32 });
    await frame((f) => f.includes('hello world'));
    press('?');
    const page = await frame((f) => f.includes(' · Keys'));
    for (const b of bindings.filter((b) => b.scope !== 'offer')) expect(page).toContain(`${b.label.padEnd(11)} ${b.description}`);
    press('?');
    await frame((f) => f.includes(' · Home'));
  });

  it('help taller than a small terminal scrolls with the list keys, and every key can be reached', async () => {
    const { frame, press } = start({ feeds: { home: feedOf(hello) }, columns: 60, rows: 15 });
    await frame((f) => f.includes('hello world'));
    press('?');
    const listed = bindings.filter((b) => b.scope !== 'offer').map((b) => `${b.label.padEnd(11)} ${b.description}`);
    const top = await frame((f) => f.includes(' · Keys'));
    const lastKey = listed[listed.length - 1]!;
    expect(top).toContain(listed[0]);
    expect(top).not.toContain(lastKey);
    press('G');
    const bottom = await frame((f) => f.includes(lastKey));
    expect(bottom).not.toContain(listed[0]);
    // Everything was on one of the two pages (top and bottom) or in between: walk it line by line.
    const seen = new Set<string>();
    press('g');
    await frame((f) => f.includes(listed[0]!));
    for (let i = 0; i < listed.length && !seen.has(lastKey); i++) {
      const f = await frame(() => true);
      for (const line of listed) if (f.includes(line)) seen.add(line);
      press('j');
      await frame((f2) => f2 !== f || seen.has(lastKey));
    }
    expect([...seen].sort()).toEqual([...listed].sort());
  });

  it('first run without a key offers to create one, saying where it is stored', async () => {
    const { frame, press, services } = start({ withKey: false, feeds: { global: feedOf(hello) } });
    const offer = await frame((f) => f.includes('You have no Nostr key yet.'));
    expect(offer).toContain('/home/test/.config/nostr-tui/keys.json');
    expect(offer).toContain('nostr-tui key import');
    press('c');
    // Over the footer's two rows.
    const created = await frame((f) => f.includes('key created and stored in /home/test/.config/nostr-tui/keys.json;'));
    expect(created.split('\n').slice(-2).map((line) => line.trim()).join(' ')).toContain('keys.json; P shows your profile, where e sets your name');
    expect(services.publicKey()).toMatch(/^[0-9a-f]{64}$/);
    // With no note of their own yet, P is where a new user finds their profile, and e edits it there.
    press('P');
    const own = await frame((f) => f.includes(' · Profile') && f.includes('· you (e edits your profile)'));
    expect(own).toContain(npubEncode(services.publicKey()!));
  });

  it('P without a key says how to get one', async () => {
    const { frame, press } = start({ withKey: false, feeds: { global: feedOf(hello) } });
    await frame((f) => f.includes('You have no Nostr key yet.'));
    press('s');
    await frame((f) => f.includes(' · Global') && f.includes('hello world'));
    press('P');
    await frame((f) => f.includes('you have no key: restart and press c to create one'));
  });

  it('following nobody shows Global and says how to follow', async () => {
    const { frame, press } = start({ follows: [], feeds: { global: feedOf(hello) } });
    const f = await frame((f) => f.includes(' · Global') && f.includes('hello world'));
    expect(f).toContain(' You follow nobody yet: press f on a note, or run `nostr-tui follow npub…`');
    // Home, empty, says the same over two lines, both indented.
    press(keys.tab); // Messages
    press(keys.tab);
    const home = await frame((f) => f.includes(' · Home') && f.includes('you follow nobody yet'));
    const body = home.split('\n').slice(2, 4);
    expect(body).toEqual(['  you follow nobody yet: press f on a note in Global (Tab), or run `nostr-tui', '  follow npub…`']);
  });

  it('shows mentions as @name, reposts and replies marked, and no escape sequences from notes', async () => {
    const { npubEncode } = await import('nostr-tools/nip19');
    const mention = bob.note(`hey nostr:${npubEncode(alice.pubkey)} \u001b[2J\u001b]8;;http://x\u0007look`, now - 60);
    const repost = bob.note(JSON.stringify(hello), now - 30, [['e', hello.id, ''], ['p', alice.pubkey]], 6);
    const { frame } = start({ feeds: { home: feedOf(mention, repost) } });
    const f = await frame((f) => f.includes('hey @alice'));
    expect(f.split('\n').slice(2, 9)).toEqual([
      '▌ ↻ bob reposted',
      '▌ alice · 5m',
      '▌ hello world',
      '',
      '  bob · 1m',
      '  hey @alice look',
      '',
    ]);
  });

  it('reflows when the terminal is resized', async () => {
    const fake = fakeServices({ now, follows: [alice.pubkey], profiles: names, feeds: { home: feedOf(alice.note('word '.repeat(20).trim(), now - 60)) } });
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const wide = await waitForFrame(app.lastFrame, (f) => f.includes('word'));
    expect(wide.split('\n')[3]).toBe('▌ ' + 'word '.repeat(15).trim());
    app.rerender(<App services={fake.services} size={{ columns: 40, rows: 12 }} color={false} />);
    const narrow = await waitForFrame(app.lastFrame, (f) => f.split('\n').length === 12);
    expect(narrow.split('\n')[3]).toBe('▌ ' + 'word '.repeat(7).trim());
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('shows service warnings in the footer instead of writing over the frame', async () => {
    const { frame, notice } = start({ feeds: { home: feedOf(hello) } });
    await frame((f) => f.includes('hello world'));
    notice('warning: the local cache /x/nostr-tui.db is damaged\u001b[2J; it will be rebuilt');
    const f = await frame((f) => f.includes('damaged'));
    expect(f.split('\n')[22]).toBe(' warning: the local cache /x/nostr-tui.db is damaged; it will be rebuilt');
  });

  it('NO_COLOR: no colour codes in the frame, selection still marked', async () => {
    const { app, frame } = start({ feeds: { home: feedOf(hello) } });
    await frame((f) => f.includes('hello world'));
    expect(app.lastFrame()).not.toMatch(/\u001b\[(3|4|9|10)\dm/);
    const colored = start({ feeds: { home: feedOf(hello) }, color: true });
    await colored.frame((f) => f.includes('hello world'));
    // Chalk may be off in a test process; when it is on, colours appear only with color=true.
    expect(screen(colored.app.lastFrame())).toContain('▌ hello world');
    colored.app.unmount();
  });
});
