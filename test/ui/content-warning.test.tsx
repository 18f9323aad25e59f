// NIP-36: a note its author marked `content-warning` shows the warning in its place in every list
// (a feed, a quote, notifications), and its text only once the reader opens it (Enter); in that
// thread, other marked notes stay behind their warnings. The reason cannot carry escape sequences.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const [alice, bob] = [1, 2].map(author) as [ReturnType<typeof author>, ReturnType<typeof author>];
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' } };
const replyTo = (root: Event) => [['e', root.id, '', 'root'], ['p', root.pubkey]];

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('content warnings (NIP-36)', () => {
  it('a feed shows the warning, not the text; Enter opens it; a marked reply in that thread stays hidden', async () => {
    const marked = alice.note('the ending: they all die', now - 600, [['content-warning', 'film \u001b[31mspoilers']]);
    const plain = alice.note('nothing to hide here', now - 500);
    const answer = bob.note('how could you', now - 400, [...replyTo(marked), ['content-warning']]);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([plain, marked]) }, thread: [marked, answer], profiles: names });
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const feed = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('nothing to hide here'));
    expect(feed).toContain('  ⚠ content warning: film spoilers · Enter shows it');
    expect(feed).not.toContain('they all die');
    expect(app.lastFrame()).not.toContain('\u001b[31m');

    app.stdin.write('j'); // the marked note
    app.stdin.write(keys.enter);
    const thread = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('2 notes in this thread'));
    const lines = thread.split('\n');
    expect(lines).toContain('▌ ⚠ content warning: film spoilers');
    expect(lines).toContain('▌ the ending: they all die');
    // The reply carries a warning without a reason: it is not the note opened, so it stays hidden.
    expect(lines).toContain('    ⚠ content warning · Enter shows it');
    expect(thread).not.toContain('how could you');
    app.stdin.write('j');
    app.stdin.write(keys.enter);
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('how could you'));
  });

  it('a quoted note with a warning shows the warning in its box', async () => {
    const marked = alice.note('the ending: they all die', now - 600, [['content-warning', 'spoilers']]);
    const quoting = bob.note(`look at this nostr:${noteEncode(marked.id)}`, now - 300, [['q', marked.id]]);
    const fake = fakeServices({ now, follows: [bob.pubkey], feeds: { home: new MemoryFeed([quoting]) }, quoted: [marked], profiles: names });
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('⚠ content warning: spoilers'));
    expect(frame).toContain('look at this');
    expect(frame).not.toContain('they all die');
  });
});
