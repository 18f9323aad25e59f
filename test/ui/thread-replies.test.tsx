// Issue 10, point 4: in a nested thread each reply names the author of the
// note it answers (NIP-10), not the thread's first author. The replies here
// are tagged as other clients write them: marked e tags without the pubkey
// field, p tags copied from the parent with the parent's author added last.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const [alice, bob, carol, dave] = [1, 2, 3, 4].map(author) as [ReturnType<typeof author>, ReturnType<typeof author>, ReturnType<typeof author>, ReturnType<typeof author>];
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' }, [carol.pubkey]: { name: 'carol' }, [dave.pubkey]: { name: 'dave' } };

/** A reply as another client writes it: marked e tags, no pubkey field, the parent's author last among the p tags. */
function reply(who: ReturnType<typeof author>, parent: Event, root: Event, text: string, at: number): Event {
  const e = parent.id === root.id ? [['e', root.id, '', 'root']] : [['e', root.id, '', 'root'], ['e', parent.id, '', 'reply']];
  const p = [...new Set([...parent.tags.filter((t) => t[0] === 'p').map((t) => t[1]!), parent.pubkey])].map((pk) => ['p', pk]);
  return who.note(text, at, [...e, ...p]);
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a nested thread', () => {
  it('names the author each reply answers', async () => {
    const root = alice.note('the question', now - 600);
    const first = reply(bob, root, root, 'first answer', now - 500);
    const second = reply(carol, first, root, 'answer to bob', now - 400);
    const third = reply(dave, second, root, 'answer to carol', now - 300);
    const fake = fakeServices({ now, follows: [dave.pubkey], feeds: { home: new MemoryFeed([third]) }, thread: [root, first, second, third], profiles: names });
    const app = render(<App services={fake.services} size={{ columns: 60, rows: 20 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('answer to carol'));
    app.stdin.write(keys.enter);
    const frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('4 notes in this thread'));
    expect(frame.split('\n').slice(1, 14)).toEqual([
      '  4 notes in this thread',
      '  alice · 10m',
      '  the question',
      '',
      '    bob · 8m  ↳ reply to alice',
      '    first answer',
      '',
      '      carol · 6m  ↳ reply to bob',
      '      answer to bob',
      '',
      '▌       dave · 5m  ↳ reply to carol',
      '▌       answer to carol',
      '',
    ]);
  });
});
