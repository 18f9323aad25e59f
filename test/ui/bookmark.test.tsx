// b: the selected note saved to the user's bookmarks (NIP-51, the list edited from its newest copy
// by the services); on a note already saved, it asks before taking it off, and n leaves it.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { BookmarkOutcome } from '../../src/ui/services.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const accepted = (): BookmarkOutcome => ({ results: [{ url: 'wss://relay.example.com', ok: true, outcome: 'accepted', message: '' }] });

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('b: bookmarks', () => {
  it('saves the selected note with the relay it came from; on a saved one asks, and only y takes it off', async () => {
    const hello = alice.note('keep this one', now - 300);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([hello]) }, profiles: { [alice.pubkey]: { name: 'alice' } } });
    const saved = new Set<string>();
    const calls: string[] = [];
    fake.services.bookmark = async (note: Event, relay: string) => {
      calls.push(`bookmark ${note.id} ${relay}`);
      if (saved.has(note.id)) return { results: [], unchanged: 'already-bookmarked' };
      saved.add(note.id);
      return accepted();
    };
    fake.services.unbookmark = async (id: string) => {
      calls.push(`unbookmark ${id}`);
      saved.delete(id);
      return accepted();
    };
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check);
    await frame((f) => f.includes('keep this one'));

    app.stdin.write('b');
    await frame((f) => f.includes('bookmark: sent to 1/1 relays'));
    // The relay the row came from is the hint (NIP-51 `e` tag).
    expect(calls).toEqual([`bookmark ${hello.id} ws://fake`]);

    app.stdin.write('b');
    await frame((f) => f.includes('already bookmarked: take it off your bookmarks? y/n'));
    app.stdin.write('n');
    await frame((f) => !f.includes('take it off'));
    expect(calls).toHaveLength(2);
    expect(saved.has(hello.id)).toBe(true);

    app.stdin.write('b');
    await frame((f) => f.includes('take it off your bookmarks? y/n'));
    app.stdin.write('y');
    await frame((f) => f.includes('unbookmark: sent to 1/1 relays'));
    expect(calls.at(-1)).toBe(`unbookmark ${hello.id}`);
    expect(saved.size).toBe(0);
  });

  it('a row that is not a note (a like whose note is not loaded) is not bookmarked', async () => {
    const like = alice.note('+', now - 60, [['e', 'ab'.repeat(32)]], 7);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([like]) } });
    let asked = 0;
    fake.services.bookmark = fake.services.unbookmark = async () => {
      asked++;
      return accepted();
    };
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => f.includes(' · Home') && f.includes('▌'));
    app.stdin.write('b');
    await waitForFrame(app.lastFrame, (f) => f.includes('only notes can be bookmarked (this is a kind 7 event)'));
    expect(asked).toBe(0);
  });

  it('B with notes from the local copy of the list (no relay answered) says so in the footer', async () => {
    const saved = alice.note('saved long ago', now - 900);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([alice.note('hello', now - 60)]) } });
    fake.services.openBookmarksFeed = () => Object.assign(new MemoryFeed([saved]), { problem: () => 'no relay answered: this is the local copy of your bookmarks' });
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => f.includes('hello'));
    app.stdin.write('B');
    await waitForFrame(app.lastFrame, (f) => f.includes(' · Bookmarks') && f.includes('saved long ago') && f.includes('no relay answered: this is the local copy of your bookmarks'));
  });

  it('without a key says how to get one, and saves nothing', async () => {
    const hello = alice.note('keep this one', now - 300);
    const fake = fakeServices({ now, withKey: false, feeds: { global: new MemoryFeed([hello]) } });
    let asked = 0;
    fake.services.bookmark = async () => {
      asked++;
      return accepted();
    };
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => f.includes('no key') || f.includes('keep this one'));
    app.stdin.write('s'); // read without a key
    await waitForFrame(app.lastFrame, (f) => f.includes('keep this one'));
    app.stdin.write('b');
    await waitForFrame(app.lastFrame, (f) => f.includes('you have no key: restart and press c to create one'));
    expect(asked).toBe(0);
  });
});
