// Screen manners (issue #11): q goes back one screen and quits only from the top
// view, Q and Ctrl-C quit from anywhere, each screen's footer names its keys,
// a first run with no relay reachable says what to do, and the relays panel edits
// the saved list through the same code as `nostr-tui relay add/remove`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { addRelay, removeRelay } from '../../src/client/relay-list.js';
import type { RelayStatus } from '../../src/net/types.js';
import { ConfigStore } from '../../src/store/config.js';
import { App } from '../../src/ui/App.js';
import type { RelayConfigLike } from '../../src/ui/services.js';
import { until } from '../helpers/until.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const hello = alice.note('hello world', now - 300);

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function start(opts: FakeOptions = {}) {
  const home = new MemoryFeed([hello]);
  const fake = fakeServices({ now, follows: [alice.pubkey], profiles: { [alice.pubkey]: { name: 'alice' } }, feeds: { home }, thread: [hello], ...opts });
  const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
  cleanup.push(app.unmount);
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  const lines = (f: string) => f.split('\n');
  // Quitting unmounts the app, which closes the feed it showed.
  const quit = () => until(() => (fake.feeds.home ?? home).closed, 'the app to quit');
  return { ...fake, home, frame, lines, quit, press: (k: string) => app.stdin.write(k) };
}

const failed = (url: string): RelayStatus => ({
  url, state: 'error', error: 'connect ECONNREFUSED',
  counts: { received: 0, duplicates: 0, invalid: 0, offFilter: 0, malformed: 0, oversize: 0 },
});

describe('q, Q and Ctrl-C', () => {
  it('q goes back one screen at a time and quits only from the top view', async () => {
    const { frame, press, home, quit } = start();
    await frame((f) => f.includes('hello world'));
    press(keys.enter);
    await frame((f) => f.includes(' · Thread'));
    press('?');
    await frame((f) => f.includes(' · Keys'));
    press('q');
    await frame((f) => f.includes(' · Thread'));
    press('q');
    await frame((f) => f.includes(' · Home'));
    expect(home.closed).toBe(false);
    press('q');
    await quit();
  });

  it('Q quits from a thread at once', async () => {
    const { frame, press, quit } = start();
    await frame((f) => f.includes('hello world'));
    press(keys.enter);
    await frame((f) => f.includes(' · Thread'));
    press('Q');
    await quit();
  });

  it('Ctrl-C quits from the help screen, and from the composer', async () => {
    const first = start();
    await first.frame((f) => f.includes('hello world'));
    first.press('?');
    await first.frame((f) => f.includes(' · Keys'));
    first.press('\x03');
    await first.quit();
    const second = start();
    await second.frame((f) => f.includes('hello world'));
    second.press('nQ');
    await second.frame((f) => f.includes('Q▏'));
    second.press('\x03');
    await second.quit();
  });
});

describe('footers', () => {
  it('every screen names the keys that work there', async () => {
    const { frame, press, lines } = start();
    const feed = await frame((f) => f.includes('hello world'));
    expect(lines(feed)[23]).toBe(' j/k move  Enter thread  r reply  l like  n new  Tab feed  ? help  q quit');
    press(keys.enter);
    const thread = await frame((f) => f.includes(' · Thread'));
    expect(lines(thread)[23]).toBe(' j/k move  Enter thread  r reply  l like  p profile  Esc back  ? help');
    press('?');
    const help = await frame((f) => f.includes(' · Keys'));
    expect(lines(help)[23]).toBe(' j/k move  Esc back  Q/Ctrl-C quit');
    press('R');
    const relays = await frame((f) => f.includes(' · Relays'));
    expect(lines(relays)[23]).toBe(' j/k move  a add  d remove  r read  w write  Esc back  Q/Ctrl-C quit');
  });
});

describe('no relay reachable', () => {
  it('says so and what to do, in the footer and in the empty feed', async () => {
    const { frame, relayStatus } = start({ follows: [], feeds: { global: new MemoryFeed([]) }, relays: [{ url: 'wss://a.example', read: true, write: true }] });
    await frame((f) => f.includes(' · Global'));
    relayStatus([failed('wss://a.example')]);
    const text = 'no relay reachable: check your network, or press R to add a relay';
    const f = await frame((f) => f.split('\n').includes(`  ${text}`));
    expect(f.split('\n')[22]).toBe(` ${text}`);
    expect(f.split('\n')[0]).toMatch(/relays 0\/1$/);
  });
});

describe('the relays panel', () => {
  function realConfig(): { editor: RelayConfigLike; store: ConfigStore } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-relays-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const store = new ConfigStore(dir);
    store.setRelays([{ url: 'wss://one.example', read: true, write: true }]);
    const editor: RelayConfigLike = {
      list: () => store.relays(),
      set: (url, marks) => addRelay(store, url, marks),
      remove: (url) => removeRelay(store, url),
      overridden: false,
    };
    return { editor, store };
  }

  it('a adds a typed relay, w and r toggle, d asks and removes: the saved list changes', async () => {
    const { editor, store } = realConfig();
    const { frame, press } = start({ relayConfig: editor });
    await frame((f) => f.includes('hello world'));
    // R and the typed URL in one read: the URL goes to the field.
    press('Ra');
    await frame((f) => f.includes('add relay: ▏'));
    press('wss://Two.Example/');
    await frame((f) => f.includes('add relay: wss://Two.Example/▏'));
    press(keys.enter);
    await frame((f) => f.includes('added wss://two.example: saved; in use now'));
    expect(store.relays()).toEqual([
      { url: 'wss://one.example', read: true, write: true },
      { url: 'wss://two.example', read: true, write: true },
    ]);
    press('jw');
    await frame((f) => f.includes('wss://two.example  idle  read') && !f.includes('wss://two.example  idle  read+write'));
    expect(store.relays()[1]).toEqual({ url: 'wss://two.example', read: true, write: false });
    press('r');
    await frame((f) => f.includes('a relay neither read nor written is removed with d instead'));
    expect(store.relays()[1]).toEqual({ url: 'wss://two.example', read: true, write: false });
    press('d');
    await frame((f) => f.includes('remove wss://two.example? y/n'));
    press('n');
    await frame((f) => f.includes(' kept'));
    expect(store.relays()).toHaveLength(2);
    press('dy');
    await frame((f) => f.includes('removed wss://two.example') && !f.includes('wss://two.example  idle'));
    expect(store.relays()).toEqual([{ url: 'wss://one.example', read: true, write: true }]);
  });

  it('a bad URL is refused with a sentence, nothing saved', async () => {
    const { editor, store } = realConfig();
    const { frame, press } = start({ relayConfig: editor });
    await frame((f) => f.includes('hello world'));
    press('Ra');
    await frame((f) => f.includes('add relay: ▏'));
    // The URL pasted (one read): a paste goes into the field, never to the panel's keys.
    press('http://nope');
    await frame((f) => f.includes('add relay: http://nope▏'));
    press(keys.enter);
    await frame((f) => f.includes('is not a relay URL: it must start with wss://'));
    expect(store.relays()).toEqual([{ url: 'wss://one.example', read: true, write: true }]);
  });
});
