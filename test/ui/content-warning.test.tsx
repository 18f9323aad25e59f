// NIP-36: a note its author marked `content-warning` shows the warning in its place in every list
// (a feed, a quote, notifications), and its text only once the reader opens it (Enter); in that
// thread, other marked notes stay behind their warnings. The reason cannot carry escape sequences.
// The composer marks the user's own note with Alt-W, the reason asked on a line of its own.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';
import { textWidth } from '../../src/core/text-layout.js';

const altW = '\u001bw';

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

describe('Alt-W in the composer: a content warning on your own note (NIP-36)', () => {
  function start() {
    const hello = alice.note('hello world', now - 300);
    let drafts: string[] = [];
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([hello]) }, profiles: names });
    const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} onDrafts={(texts) => (drafts = texts)} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
    return { ...fake, app, frame, press: (k: string) => app.stdin.write(k), drafts: () => drafts };
  }

  it('asks the reason, shows the mark, and publishes exactly the text with a content-warning tag', async () => {
    const { frame, press, published, drafts } = start();
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('── New note'));
    press('the ending: they all die');
    await frame((f) => f.includes('die▏'));
    press(altW);
    const asking = await frame((f) => f.includes('⚠ content warning, reason (optional): ▏'));
    // One cursor: the reason's; the draft's comes back after.
    expect(asking.split('\n')).toContain('  the ending: they all die');
    expect(asking).toContain('Enter set the warning');
    // Typed keys are the reason's now, a line break a space; a like or a send is not among them.
    press('film\nspoilers');
    await frame((f) => f.includes('reason (optional): film spoilers▏'));
    press(keys.enter);
    const marked = await frame((f) => f.includes('── New note · ⚠ content warning: film spoilers') && f.includes('they all die▏'));
    expect(marked).toContain('content warning on');
    expect(published).toHaveLength(0);
    expect(drafts()).toEqual(['the ending: they all die\n(content warning: film spoilers)']);
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    expect(published[0]!.content).toBe('the ending: they all die');
    expect(published[0]!.tags).toEqual([['content-warning', 'film spoilers']]);
    expect(drafts()).toEqual([]);
    // The next note starts without it.
    press('n');
    // (The note sent is in the feed now, behind its warning.)
    await frame((f) => f.includes('── New note ──') && f.includes('⚠ content warning: film spoilers · Enter shows it'));
  });

  it('no reason: an empty tag; Alt-W on a marked draft takes the mark off; Esc on the reason leaves none', async () => {
    const { frame, press, published } = start();
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('── New note'));
    press('one');
    press(altW);
    await frame((f) => f.includes('reason (optional): ▏'));
    press(keys.enter);
    await frame((f) => f.includes('── New note · ⚠ content warning ─'));
    press(altW);
    await frame((f) => f.includes('content warning off (Alt-W adds one)') && !f.includes('⚠ content warning'));
    press(altW);
    await frame((f) => f.includes('reason (optional): ▏'));
    press('never mind');
    await frame((f) => f.includes('never mind▏'));
    press(keys.escape);
    const back = await frame((f) => !f.includes('reason (optional)') && f.includes('one▏'));
    expect(back).not.toContain('⚠');
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    expect(published[0]!.tags).toEqual([]);

    press('n');
    await frame((f) => f.includes('── New note'));
    press('two');
    press(altW);
    await frame((f) => f.includes('reason (optional): ▏'));
    press(keys.enter);
    await frame((f) => f.includes('⚠ content warning ─'));
    press(keys.enter);
    await frame(() => published.length === 2);
    expect(published[1]!.tags).toEqual([['content-warning', '']]);
  });

  it('at 40 columns the reason still shows as it is typed, its end when long', async () => {
    const hello = alice.note('hello world', now - 300);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: new MemoryFeed([hello]) }, profiles: names });
    const app = render(<App services={fake.services} size={{ columns: 40, rows: 12 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('hello world'));
    app.stdin.write('n');
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('── New note'));
    app.stdin.write(altW);
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('  ⚠ reason: ▏'));
    app.stdin.write('a very long reason that goes on and on');
    const long = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('goes on and on▏'));
    const line = long.split('\n').find((l) => l.includes('⚠ reason: '))!;
    expect(line).toMatch(/^  ⚠ reason: …[^…]*goes on and on▏$/);
    expect(textWidth(line)).toBeLessThanOrEqual(40);
  });

  it("is the draft's own: a reply's warning never marks the new note", async () => {
    const { frame, press, published } = start();
    await frame((f) => f.includes('hello world'));
    press('r');
    await frame((f) => f.includes('── Reply to alice'));
    press('careful');
    press(altW);
    await frame((f) => f.includes('reason (optional): ▏'));
    press('gore');
    press(keys.enter);
    await frame((f) => f.includes('── Reply to alice · ⚠ content warning: gore'));
    press(keys.escape);
    await frame((f) => !f.includes('── Reply'));
    press('n');
    const fresh = await frame((f) => f.includes('── New note'));
    expect(fresh).not.toContain('⚠');
    press('plain');
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    expect(published[0]!.tags.some((tag) => tag[0] === 'content-warning')).toBe(false);
    // The reply's draft kept its mark: on alice's note (under the note just sent, shown at the top), r opens it.
    press('j');
    press('r');
    await frame((f) => f.includes('── Reply to alice · ⚠ content warning: gore'));
  });
});
