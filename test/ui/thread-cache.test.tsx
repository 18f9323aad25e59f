// Enter on a note: what the cache holds of its thread is drawn at once, before the relays answer,
// and when none answers the banner says so and the cached thread stays.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const [alice, bob, carol] = [1, 2, 3].map(author) as [ReturnType<typeof author>, ReturnType<typeof author>, ReturnType<typeof author>];
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' }, [carol.pubkey]: { name: 'carol' } };
const reply = (who: ReturnType<typeof author>, root: Event, text: string, at: number) => who.note(text, at, [['e', root.id, '', 'root'], ['p', root.pubkey]]);

const root = alice.note('the cached root', now - 600);
const first = reply(bob, root, 'a cached reply', now - 500);
const second = reply(carol, root, 'another cached reply', now - 400);

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a thread the cache holds', () => {
  it('is drawn before the relays answer', async () => {
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([root]) }, cachedThread: [root, first, second], profiles: names });
    // The relays never answer.
    const services = { ...fake.services, fetchThread: () => new Promise<never>(() => {}) };
    const app = render(<App services={services} size={{ columns: 60, rows: 20 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('the cached root'));
    app.stdin.write(keys.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('fetching the thread… (3 notes in the cache)'));
    expect(frame).toContain('a cached reply');
    expect(frame).toContain('another cached reply');
  });

  it('stays, with a banner saying no relay answered', async () => {
    const fake = fakeServices({
      now,
      follows: [alice.pubkey],
      feeds: { home: new MemoryFeed([root]) },
      cachedThread: [root, first, second],
      thread: [root, first, second],
      threadRelays: [{ url: 'ws://fake', eose: false, timedOut: false, error: 'connection refused', events: 0 }],
      profiles: names,
    });
    const app = render(<App services={fake.services} size={{ columns: 60, rows: 20 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('the cached root'));
    app.stdin.write(keys.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('no relay answered: 3 cached notes in this thread'));
    expect(frame).toContain('another cached reply');
  });
});
