// What the UI publishes: the composer's tags (NIP-27/18/24), replies' tags.
import { render } from 'ink-testing-library';
import * as nip19 from 'nostr-tools/nip19';
import { noteEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' } };

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(opts: FakeOptions = {}) {
  const fake = fakeServices({ now, follows: [alice.pubkey, bob.pubkey], profiles: names, ...opts });
  const app = render(<App services={fake.services} size={{ columns: 100, rows: 30 }} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, app, frame, press: (k: string) => app.stdin.write(k) };
}

describe('the composer publishes the tags its text calls for', () => {
  it('a new note: nostr:npub -> p, nostr:note -> q with its author, who is tagged p too (the cache knows the note), #Nostr -> t', async () => {
    const hello = alice.note('hello world', now - 300);
    const { frame, press, published } = start({ feeds: { home: new MemoryFeed([hello]) } });
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('── New note'));
    const text = `hi nostr:${npubEncode(bob.pubkey)} nostr:${noteEncode(hello.id)} #Nostr`;
    press(text);
    await frame((f) => f.includes('#Nostr▏'));
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    expect(published[0]!.content).toBe(text);
    expect(published[0]!.tags).toEqual([
      ['p', bob.pubkey],
      ['p', alice.pubkey],
      ['q', hello.id, '', alice.pubkey],
      ['t', 'nostr'],
    ]);
  });

  it('" quotes the note: the new note holds its nevent on a line of its own, nothing is sent until Enter; q and p tags (NIP-18)', async () => {
    const hello = alice.note('hello world', now - 300);
    const { frame, press, published } = start({ feeds: { home: new MemoryFeed([hello]) } });
    await frame((f) => f.includes('hello world'));
    press('"');
    const open = await frame((f) => f.includes('── New note') && f.includes('nostr:nevent1'));
    expect(published).toHaveLength(0);
    // The cursor waits above the reference, where the comment goes.
    expect(open).toMatch(/── New note[^\n]*\n\s*▏\s*\n\s*\n\s*nostr:nevent1/);
    press('so true');
    await frame((f) => f.includes('so true▏'));
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    const reference = published[0]!.content.split('\n\n')[1]!;
    expect(published[0]!.content).toBe(`so true\n\n${reference}`);
    const pointer = nip19.decode(reference.slice('nostr:'.length));
    // With the relay the note came from as its hint, in the nevent and the q tag.
    expect(pointer).toMatchObject({ type: 'nevent', data: { id: hello.id, author: alice.pubkey, relays: ['ws://fake'] } });
    expect(published[0]!.tags).toEqual([
      ['p', alice.pubkey],
      ['q', hello.id, 'ws://fake', alice.pubkey],
    ]);
    // Quoting again with a draft open keeps what was written and adds the reference once.
    press('"');
    press('x');
    press(keys.escape);
    press('"');
    const again = await frame((f) => f.includes('── New note') && f.includes('x▏'));
    expect(again.split('nostr:nevent1')).toHaveLength(2);
  });

  it('" on a second note while a quote is drafted: both references at the end, the cursor after the words', async () => {
    const hello = alice.note('hello world', now - 300);
    const other = bob.note('another thought', now - 600);
    const { frame, press, published } = start({ feeds: { home: new MemoryFeed([hello, other]) } });
    await frame((f) => f.includes('another thought'));
    press('"');
    await frame((f) => f.includes('── New note') && f.includes('nostr:nevent1'));
    press('both of these');
    await frame((f) => f.includes('both of these▏'));
    press(keys.escape);
    await frame((f) => !f.includes('── New note'));
    press('j');
    press('"');
    const again = await frame((f) => f.includes('── New note') && f.split('nostr:nevent1').length === 3);
    // The cursor where the words end, not after the first reference.
    expect(again).toContain('both of these▏');
    press('!');
    await frame((f) => f.includes('both of these!▏'));
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    const [words, references] = published[0]!.content.split('\n\n');
    expect(words).toBe('both of these!');
    expect(references!.split('\n').map((line) => (nip19.decode(line.slice('nostr:'.length)).data as { id: string }).id)).toEqual([hello.id, other.id]);
    expect(published[0]!.tags.filter((tag) => tag[0] === 'q').map((tag) => tag[1])).toEqual([hello.id, other.id]);
  });

  it('a reply: NIP-10 root tag, the author and the thread p tags without the user, then hashtags', async () => {
    const home = new MemoryFeed();
    const { frame, press, published, services } = start({ feeds: { home } });
    const me = services.publicKey()!;
    // The note answered tags the user too: that p tag must be left out of the reply.
    const hello = alice.note('hello world', now - 300, [['p', me], ['p', bob.pubkey]]);
    home.push(hello);
    await frame((f) => f.includes('hello world'));
    press('r');
    await frame((f) => f.includes('── Reply to alice'));
    press('thanks #TUI');
    await frame((f) => f.includes('#TUI▏'));
    press(keys.enter);
    await frame((f) => f.includes('reply to alice: sent to 1/1 relays'));
    expect(published[0]!.tags).toEqual([
      ['e', hello.id, '', 'root', alice.pubkey],
      ['p', alice.pubkey],
      ['p', bob.pubkey],
      ['t', 'tui'],
    ]);
  });
});

describe('mention completion in the composer', () => {
  const carol = author(3);
  const people = { ...names, [carol.pubkey]: { name: 'Alicia' } };

  it('@al offers people you follow by name; Tab picks, writing nostr:npub, which the post tags', async () => {
    const hello = bob.note('hello world', now - 300);
    const { frame, press, published } = start({ follows: [alice.pubkey, bob.pubkey, carol.pubkey], profiles: people, feeds: { home: new MemoryFeed([hello]) } });
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('── New note'));
    press('hi @al');
    const offered = await frame((f) => f.includes('[@alice]'));
    expect(offered).toContain('── New note · [@alice] @Alicia (Tab picks)');
    press(keys.down);
    await frame((f) => f.includes('@alice [@Alicia]'));
    press(keys.up);
    await frame((f) => f.includes('[@alice] @Alicia'));
    press(keys.tab);
    await frame((f) => !f.includes('Tab picks') && f.includes('hi nostr:npub1'));
    press('yo');
    press(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    expect(published[0]!.content).toBe(`hi nostr:${npubEncode(alice.pubkey)} yo`);
    expect(published[0]!.tags).toEqual([['p', alice.pubkey]]);
  });

  it('Enter picks while an offer shows; Esc closes the offer and keeps the text; in a reply the thread is offered', async () => {
    const hello = alice.note('hello world', now - 300, [['p', carol.pubkey]]);
    const { frame, press, published } = start({ follows: [], profiles: people, feeds: { global: new MemoryFeed([hello]) } });
    await frame((f) => f.includes('hello world'));
    press('r');
    await frame((f) => f.includes('── Reply to alice'));
    press('@Ali');
    await frame((f) => f.includes('[@alice] @Alicia'));
    press(keys.escape);
    await frame((f) => f.includes('── Reply to alice ') && !f.includes('Tab picks') && f.includes('@Ali▏'));
    // That mention stays closed; a new one offers again.
    press(' @Ali');
    await frame((f) => f.includes('[@alice] @Alicia'));
    press(keys.down);
    await frame((f) => f.includes('@alice [@Alicia]'));
    press(keys.enter);
    await frame((f) => f.includes('nostr:npub1') && !f.includes('Tab picks'));
    expect(published).toEqual([]);
    press(keys.enter);
    await frame((f) => f.includes('reply to alice: sent to 1/1 relays'));
    expect(published[0]!.content).toBe(`@Ali nostr:${npubEncode(carol.pubkey)}`);
    expect(published[0]!.tags).toEqual([
      ['e', hello.id, '', 'root', alice.pubkey],
      ['p', alice.pubkey],
      ['p', carol.pubkey],
    ]);
  });
});

describe('a secret key in the composer', () => {
  it('is not sent; the draft stays for the user to fix', async () => {
    const { frame, press, published } = start({ feeds: { home: new MemoryFeed([alice.note('hello world', now - 300)]) } });
    await frame((f) => f.includes('hello world'));
    press('n');
    await frame((f) => f.includes('── New note'));
    press(`key ${nsecEncode(generateSecretKey())}`);
    await frame((f) => f.includes('▏'));
    press(keys.enter);
    const f = await frame((f) => f.includes('the note contains a secret key'));
    expect(f).toContain('── New note');
    expect(published).toEqual([]);
  });
});

describe('deleting in a thread', () => {
  it('d on your own reply in an open thread asks, then the reply leaves the thread', async () => {
    const home = new MemoryFeed();
    const fake = fakeServices({ now, follows: [alice.pubkey], profiles: names, feeds: { home } });
    const root = alice.note('the root note', now - 600);
    // The user's own reply, signed with the fake's key through its publish path.
    const { event: mine } = await fake.services.publish({ kind: 1, created_at: now - 300, content: 'my reply here', tags: [['e', root.id, '', 'root', alice.pubkey], ['p', alice.pubkey]] });
    fake.published.length = 0;
    const thread = [root, mine];
    const app = render(<App services={{ ...fake.services, fetchThread: async () => ({ events: thread, relays: [{ url: 'ws://fake', eose: true, timedOut: false, events: 2 }] }) }} size={{ columns: 100, rows: 30 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
    home.push(root);
    await frame((f) => f.includes('the root note'));
    app.stdin.write(keys.enter);
    await frame((f) => f.includes('2 notes in this thread') && f.includes('my reply here'));
    app.stdin.write('j');
    await frame((f) => f.split('\n').some((l) => l.startsWith('▌') && l.includes('my reply here')));
    app.stdin.write('d');
    await frame((f) => f.includes(' delete? y/n'));
    app.stdin.write('y');
    await frame((f) => f.includes('delete your note: sent to 1/1 relays') && !f.includes('my reply here'));
    expect(fake.published.map((e) => [e.kind, e.tags])).toEqual([[5, [['e', mine.id], ['k', '1']]]]);
  });
});
