// The Notifications view and counts on notes, drawn by the UI over the real
// services (src/ui/wire.ts -> client -> pool, store) against the real relay: a
// reaction, repost, reply, quote and zap receipt to the user's note, grouped;
// `Notifications N` in the header until the view is seen, and still seen after
// a restart; `↩ 1  ↻ 1  ♥ 2  ⚡ 2.1k` under the note itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { App } from '../../src/ui/App.js';
import { createServices, type WiredServices } from '../../src/ui/wire.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { notificationScene, person } from '../helpers/notification-events.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { keys, waitForFrame } from './frames.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const scene = notificationScene(NOW);
const profile = (who: { sign: typeof scene.me.sign }, name: string) => who.sign(0, [], JSON.stringify({ name }), NOW - 5000);

describe('Notifications and counts on notes, over the real services and relay', () => {
  let relay: TestRelay;
  let home: string;
  let services: WiredServices | undefined;
  let unmount: (() => void) | undefined;

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-notify-ui-'));
    new KeyStore(home).save({ pubkey: scene.me.pk });
    await relay.seed(
      profile(scene.me, 'dana'), profile(scene.alice, 'alice'), profile(scene.bob, 'bob'), profile(scene.carol, 'carol'),
      scene.note, ...scene.notifications,
    );
  });
  afterEach(async () => {
    unmount?.();
    unmount = undefined;
    await services?.close();
    services = undefined;
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const start = () => {
    const env = { NOSTR_TUI_HOME: home };
    const client = createClient({ paths: resolvePaths(env), env, clock: { now: () => NOW * 1000 }, relayOverride: [relay.url], retryOutbox: false });
    services = createServices(client);
    const app = render(<App services={services} size={{ columns: 80, rows: 30 }} color={false} />);
    unmount = app.unmount;
    return { frame: (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000), press: (k: string) => app.stdin.write(k) };
  };

  it('counts under the note; Tab to Notifications shows each kind grouped; the unread count goes and stays gone after a restart', async () => {
    const { frame, press } = start();
    // Following nobody, the app opens Global: the user's note with its counts, and the header's unread count.
    const global = await frame((f) => f.includes('↩ 1  ↻ 1  ♥ 2  ⚡ 2.1k') && f.includes('Notifications 6') && f.includes(' dana · Global'));
    const lines = global.split('\n');
    // The note itself, not the quote of it another note shows boxed.
    const at = lines.findIndex((l) => l === '  first words of my note, and then some more');
    expect(lines.slice(at - 1, at + 2)).toEqual(['  dana · 1h', '  first words of my note, and then some more', '  ↩ 1  ↻ 1  ♥ 2  ⚡ 2.1k']);
    expect(lines[0]).toMatch(/^ dana · Global +Notifications 6  relays 1\/1$/);

    press(keys.tab); // Messages
    await frame((f) => f.includes(' · Messages'));
    press(keys.tab); // Home (nobody followed)
    await frame((f) => f.includes(' · Home'));
    press(keys.tab);
    const shown = await frame((f) => f.includes(' · Notifications') && f.includes('♥ bob and alice liked: "first words') && !f.includes('Notifications 6'));
    expect(shown.split('\n').slice(0, 17)).toEqual([
      ' dana · Notifications                                                relays 1/1',
      '',
      '▌ • ⚡ carol zapped 2.1k sats: "first words of my note, and then some m…" · 3m',
      '▌ thanks!',
      '',
      '  • ❝ alice quoted "first words of my note, and then some m…" · 5m',
      '  look at this nostr:note1…',
      '',
      '  • ↩ carol replied to "first words of my note, and then some m…" · 6m',
      '  a reply to you',
      '',
      '  • ↻ bob reposted: "first words of my note, and then some m…" · 8m',
      '',
      '  • ♥ bob and alice liked: "first words of my note, and then some m…" · 9m',
      '',
      '',
      '',
    ]);
    // Enter on a like opens the user's note it is about.
    press(keys.down);
    press(keys.down);
    press(keys.down);
    press(keys.down);
    press(keys.enter);
    await frame((f) => f.includes(' · Thread') && f.includes('first words of my note, and then some more'));

    unmount!();
    unmount = undefined;
    await services!.close();
    // A restart: what was seen is remembered (the store's meta table).
    const again = start();
    // The cache paints the counts at once, maybe before the relay is connected: its frame is awaited.
    const first = await again.frame((f) => f.includes('↩ 1  ↻ 1  ♥ 2  ⚡ 2.1k') && f.includes('relays 1/1'));
    expect(first.split('\n')[0]).toMatch(/^ dana · Global +relays 1\/1$/);
    // A new like arrives live: counted under the note and as unread in the header.
    await relay.seed(person().sign(7, [['e', scene.note.id], ['p', scene.me.pk]], '+', NOW - 1));
    const live = await again.frame((f) => f.includes('↩ 1  ↻ 1  ♥ 3  ⚡ 2.1k') && f.includes('Notifications 1'));
    expect(live.split('\n')[0]).toMatch(/^ dana · Global +Notifications 1  relays 1\/1$/);
  });
});

describe('the unread count and the counts under notes leave out muted people', () => {
  it('with bob muted (kind 10000), his like and repost are neither listed nor counted', async () => {
    const relay = await startRelay();
    let real: RealServices | undefined;
    let unmount: (() => void) | undefined;
    try {
      const muteList = scene.me.sign(10000, [['p', scene.bob.pk]], '', NOW - 4000);
      await relay.seed(profile(scene.me, 'dana'), profile(scene.alice, 'alice'), profile(scene.bob, 'bob'), muteList, scene.note, ...scene.notifications);
      real = realServices({ pubkey: scene.me.pk, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-notify-muted-' });
      const app = render(<App services={real.services} size={{ columns: 80, rows: 30 }} color={false} />);
      unmount = app.unmount;
      // Six notifications on the relay; bob's two are muted. The count must settle at 4 with the
      // mute list loaded, and the counts under the note leave him out too (no ↻, one ♥).
      const frame = await waitForFrame(app.lastFrame, (f) => f.includes('Notifications 4') && f.includes('  ↩ 1  ♥ 1  ⚡ 2.1k\n'), 10_000);
      expect(frame.split('\n')[0]).toMatch(/^ dana · Global +Notifications 4  relays 1\/1$/);
      app.stdin.write(keys.tab);
      app.stdin.write(keys.tab);
      app.stdin.write(keys.tab);
      const list = await waitForFrame(app.lastFrame, (f) => f.includes(' · Notifications') && f.includes('alice liked'), 10_000);
      expect(list).not.toContain('bob');
    } finally {
      unmount?.();
      await real?.close();
      await relay.stop();
    }
  });
});

describe('a zap from a muted person (NIP-57: the sender is the zap request\'s author, not the wallet that signed the receipt)', () => {
  it('with carol muted, her zap is neither listed, nor unread, nor counted', async () => {
    const relay = await startRelay();
    let real: RealServices | undefined;
    let unmount: (() => void) | undefined;
    try {
      const muteList = scene.me.sign(10000, [['p', scene.carol.pk]], '', NOW - 4000);
      await relay.seed(profile(scene.me, 'dana'), profile(scene.alice, 'alice'), profile(scene.bob, 'bob'), muteList, scene.note, ...scene.notifications);
      real = realServices({ pubkey: scene.me.pk, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-notify-muted-zap-' });
      const app = render(<App services={real.services} size={{ columns: 80, rows: 30 }} color={false} />);
      unmount = app.unmount;
      // Six notifications; carol's reply and zap are muted: two likes, the repost and the quote remain.
      const frame = await waitForFrame(app.lastFrame, (f) => f.includes('Notifications 4') && f.split('\n').includes('  ↻ 1  ♥ 2'), 10_000);
      expect(frame.split('\n')[0]).toMatch(/^ dana · Global +Notifications 4  relays 1\/1$/);
      app.stdin.write(keys.tab.repeat(3));
      const list = await waitForFrame(app.lastFrame, (f) => f.includes(' · Notifications') && f.includes('bob and alice liked'), 10_000);
      expect(list).not.toMatch(/zapped|thanks!/);
    } finally {
      unmount?.();
      await real?.close();
      await relay.stop();
    }
  });
});

describe('a notification line the reader has, updated live', () => {
  it('a new like of a note already listed updates its line in place (another line selected); g moves it up; the banner counts notifications', async () => {
    const relay = await startRelay();
    let real: RealServices | undefined;
    let unmount: (() => void) | undefined;
    try {
      await relay.seed(profile(scene.me, 'dana'), profile(scene.alice, 'alice'), profile(scene.bob, 'bob'), profile(scene.carol, 'carol'), scene.note, ...scene.notifications);
      real = realServices({ pubkey: scene.me.pk, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-notify-live-' });
      // Lines keep their places once the relays have answered (before, the order is still coming
      // in): the view's feed is caught as it opens, so the test waits for that, not for a frame.
      const feeds: Array<ReturnType<typeof real.services.openFeed>> = [];
      const openFeed = real.services.openFeed.bind(real.services);
      real.services.openFeed = (kind, follows) => {
        const feed = openFeed(kind, follows);
        if (kind === 'notifications') feeds.push(feed);
        return feed;
      };
      const app = render(<App services={real.services} size={{ columns: 80, rows: 30 }} color={false} />);
      unmount = app.unmount;
      const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);
      await frame((f) => f.includes('Notifications 6'));
      app.stdin.write(keys.tab.repeat(3));
      await frame((f) => f.includes(' · Notifications') && f.includes('♥ bob and alice liked'));
      await until(() => feeds.length > 0, 'the Notifications feed to open');
      await feeds.at(-1)!.settled;
      // React takes the settled state in its next render: a turn of the loop, before any relay message.
      await new Promise((resolve) => setImmediate(resolve));
      // On the reply, two lines above the likes.
      app.stdin.write('jj');
      // The likes line names the note liked once that note is known (it comes after the line itself).
      const before = await frame((f) => f.includes('▌ • ↩ carol replied') && f.includes('liked: "first words'));
      const likes = before.split('\n').findIndex((l) => l.includes('liked: "first words'));

      const erin = person();
      await relay.seed(profile(erin, 'erin'), erin.sign(7, [['e', scene.note.id], ['p', scene.me.pk], ['k', '1']], '+', NOW - 5));
      const after = await frame((f) => /erin, bob and alice liked|\w+…\w+, bob and alice liked/.test(f));
      const lines = after.split('\n');
      expect(lines.findIndex((l) => /, bob and alice liked: "first words/.test(l))).toBe(likes);
      expect(lines.find((l) => l.startsWith('▌ '))).toMatch(/^▌ • ↩ carol replied/);
      expect(after).not.toContain('new post');

      // A notification new to the view waits above, counted as what it is.
      await relay.seed(erin.sign(1, [['p', scene.me.pk]], 'hello dana', NOW - 2));
      const waiting = await frame((f) => f.includes('1 new notification · g to show'));
      expect(waiting).not.toContain('hello dana');
      app.stdin.write('g');
      const top = await frame((f) => f.includes('hello dana') && !f.includes('new notification'));
      const order = top.split('\n').filter((l) => /^(▌ |  )• /.test(l));
      expect(order[0]).toMatch(/mentioned you|hello dana|erin/);
      expect(order[1]).toMatch(/, bob and alice liked/);
    } finally {
      unmount?.();
      await real?.close();
      await relay.stop();
    }
  });
});

describe('the counts under a note leave out what its author deleted', () => {
  it('a reply whose author deleted it on another relay is not counted (as the thread does not show it)', async () => {
    const [r1, r2] = await Promise.all([startRelay(), startRelay()]);
    let real: RealServices | undefined;
    let unmount: (() => void) | undefined;
    try {
      await r1.seed(profile(scene.me, 'dana'), scene.note, ...scene.notifications);
      // Carol deleted her reply (NIP-09): the request is on r2, while r1 still holds the reply.
      await r2.keepDeletion(scene.carol.sign(5, [['e', scene.reply.id], ['k', '1']], '', NOW - 50));
      real = realServices({ pubkey: scene.me.pk, relays: [r1.url, r2.url], nowSec: NOW, prefix: 'nostr-tui-counts-deleted-' });
      const app = render(<App services={real.services} size={{ columns: 80, rows: 30 }} color={false} />);
      unmount = app.unmount;
      // r1 sends the reply before the repost and the likes (newest first): this line is the settled count.
      const frame = await waitForFrame(app.lastFrame, (f) => f.split('\n').includes('  ↻ 1  ♥ 2  ⚡ 2.1k'), 10_000);
      expect(frame).not.toContain('↩');
    } finally {
      unmount?.();
      await real?.close();
      await Promise.all([r1.stop(), r2.stop()]);
    }
  });
});
