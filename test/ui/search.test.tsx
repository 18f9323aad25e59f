// `/` (search) and `#` (hashtag feeds) in the UI, asserted on whole frames.
import { render } from 'ink-testing-library';
import { neventEncode, noteEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchSources } from '../../src/client/search-feed.js';
import { App } from '../../src/ui/App.js';
import type { SearchFeedLike } from '../../src/ui/services.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);

/** A search whose relay answer the test delivers when it wants. */
class MemorySearch extends MemoryFeed implements SearchFeedLike {
  counts: SearchSources = { cache: 0, relays: 0, asked: 2, searching: true, failed: 0, muted: 0 };
  constructor(readonly query: string, cached: ReturnType<typeof alice.note>[]) {
    super(cached, false);
    this.counts.cache = cached.length;
  }
  sources() {
    return { ...this.counts };
  }
  relaysAnswer(...events: ReturnType<typeof alice.note>[]) {
    this.counts = { ...this.counts, relays: events.length, searching: false };
    this.push(...events);
    this.settle();
  }
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(opts: FakeOptions = {}) {
  const fake = fakeServices({ now, ...opts });
  const searches: MemorySearch[] = [];
  const tags: string[] = [];
  const cachedHit = alice.note('a zebra in the cache', now - 600);
  fake.services.search = (query) => {
    const search = new MemorySearch(query, [cachedHit]);
    searches.push(search);
    return search;
  };
  fake.services.openHashtagFeed = (tag) => {
    tags.push(tag);
    return new MemoryFeed([bob.note(`all about #${tag}`, now - 60, [['t', tag]])]);
  };
  const app = render(<App services={fake.services} size={{ columns: 80, rows: 12 }} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  return { ...fake, app, frame, searches, tags, press: (k: string) => app.stdin.write(k) };
}

const home = () => new MemoryFeed([alice.note('hello #Nostr and #bitcoin friends', now - 300, [['t', 'nostr']])]);

describe('search and hashtags in the UI', () => {
  it('/ opens a prompt; Enter shows the results with where they came from; Esc returns', async () => {
    const { frame, press, searches } = start({ follows: [alice.pubkey], feeds: { home: home() } });
    await frame((f) => f.includes('hello #Nostr'));
    press('/');
    press('zebra');
    let f = await frame((f) => f.includes('search: zebra▏'));
    expect(f.split('\n')[9]).toBe('search: zebra▏  (Enter · Esc cancel)');
    press(keys.enter);
    f = await frame((f) => f.includes('a zebra in the cache'));
    expect(searches.map((s) => s.query)).toEqual(['zebra']);
    expect(f.split('\n')[0]).toMatch(/^ you · Search "zebra" · cache 1 · relays 0 \(searching…\) +relays 0\/1$/);
    expect(f.split('\n').slice(1, 4)).toEqual(['', '▌ npub1' + f.split('\n')[2]!.slice(7), '▌ a zebra in the cache']);

    searches[0]!.relaysAnswer(bob.note('a zebra from a search relay', now - 30));
    f = await frame((f) => f.includes('a zebra from a search relay') && f.includes('relays 1'));
    expect(f.split('\n')[0]).toMatch(/ · Search "zebra" · cache 1 · relays 1 +relays 0\/1$/);
    // The results are a list like any feed: the newest first, j moves.
    expect(f.indexOf('a zebra from a search relay')).toBeLessThan(f.indexOf('a zebra in the cache'));

    press(keys.escape);
    f = await frame((f) => f.includes('hello #Nostr'));
    expect(f.split('\n')[0]).toMatch(/ · Home +relays 0\/1$/);
  });

  it('/ with a note or person copied from another client opens its thread or profile, not a search', async () => {
    const linked = bob.note('the note from a link', now - 900);
    const { frame, press, searches } = start({ follows: [alice.pubkey], feeds: { home: home() }, quoted: [linked], thread: [linked], profiles: { [bob.pubkey]: { name: 'bob' } } });
    await frame((f) => f.includes('hello #Nostr'));
    press('/');
    press(`nostr:${neventEncode({ id: linked.id, relays: ['wss://relay.example.com'], author: bob.pubkey })}`);
    await frame((f) => f.includes('search: nostr:nevent1'));
    press(keys.enter);
    let f = await frame((f) => f.includes(' · Thread') && f.includes('the note from a link'));
    press(keys.escape);
    await frame((f) => f.includes('hello #Nostr') && !f.includes(' · Thread'));

    press('/');
    press(npubEncode(bob.pubkey));
    await frame((f) => f.includes('search: npub1'));
    press(keys.enter);
    f = await frame((f) => f.includes('Profile: bob'));
    press(keys.escape);
    await frame((f) => f.includes('hello #Nostr') && !f.includes('Profile:'));

    // A note no relay has: the footer says so, and nothing else opens.
    press('/');
    press(noteEncode('cd'.repeat(32)));
    await frame((f) => f.includes('search: note1'));
    press(keys.enter);
    f = await frame((f) => f.includes('that note was not found on your relays or the ones its address names'));
    expect(f).toContain('hello #Nostr');
    expect(searches).toEqual([]);
  });

  it('Esc in the prompt closes it without searching', async () => {
    const { frame, press, searches } = start({ follows: [alice.pubkey], feeds: { home: home() } });
    await frame((f) => f.includes('hello #Nostr'));
    press('/');
    press('abc');
    await frame((f) => f.includes('search: abc▏'));
    press(keys.escape);
    const f = await frame((f) => !f.includes('search:'));
    expect(f).toContain('hello #Nostr');
    expect(searches).toEqual([]);
  });

  it("# on a note offers its hashtags (Tab for the next); Enter opens that tag's feed; Esc returns", async () => {
    const { frame, press, tags } = start({ follows: [alice.pubkey], feeds: { home: home() } });
    await frame((f) => f.includes('hello #Nostr'));
    press('#');
    let f = await frame((f) => f.includes('#nostr▏'));
    expect(f.split('\n')[9]).toBe('#nostr▏  (Enter open · Tab next tag · Esc cancel)');
    press(keys.tab);
    await frame((f) => f.includes('#bitcoin▏'));
    press(keys.enter);
    f = await frame((f) => f.includes('all about #bitcoin'));
    expect(tags).toEqual(['bitcoin']);
    expect(f.split('\n')[0]).toMatch(/^ you · #bitcoin +relays 0\/1$/);
    press(keys.escape);
    await frame((f) => f.includes('hello #Nostr') && !f.includes('all about'));
  });

  it('# with no note selected asks for a hashtag from scratch', async () => {
    const { frame, press, tags } = start({ follows: [alice.pubkey], feeds: { home: new MemoryFeed([]) } });
    await frame((f) => f.includes('nothing from the people you follow'));
    press('#');
    await frame((f) => f.includes('#▏'));
    press('Nostr');
    press(keys.enter);
    const f = await frame((f) => f.includes('all about #nostr'));
    expect(tags).toEqual(['nostr']);
    expect(f.split('\n')[0]).toMatch(/ · #nostr +relays 0\/1$/);
  });

  it('a pasted secret key as the hashtag is refused before any feed opens, and not repeated', async () => {
    const { frame, press, tags } = start({ follows: [alice.pubkey], feeds: { home: new MemoryFeed([]) } });
    await frame((f) => f.includes('nothing from the people you follow'));
    press('#');
    await frame((f) => f.includes('#▏'));
    const nsec = nsecEncode(generateSecretKey());
    press(`\u001b[200~${nsec}\u001b[201~`);
    press(keys.enter);
    const f = await frame((f) => f.includes('the hashtag contains a secret key'));
    expect(tags).toEqual([]);
    expect(f).not.toContain(nsec.slice(0, 12));
    // Read whole over both footer rows; the next key gives the key hints their row back.
    expect(f.split('\n').slice(-2)).toEqual([' the hashtag contains a secret key: relays would see it, so nothing was asked.', ' Remove it.']);
    press('j');
    const after = await frame((f) => f.split('\n').at(-1)!.includes('? help'));
    expect(after.split('\n').at(-2)).toMatch(/^ the hashtag contains a secret key/);
  });

  it('a hashtag feed whose notes are all muted says so, not that the relays hold none', async () => {
    const { frame, press } = start({ follows: [alice.pubkey], feeds: { home: home() }, mutes: [{ type: 'hashtag', value: 'zoo' }] });
    await frame((f) => f.includes('hello #Nostr'));
    press('#');
    await frame((f) => f.includes('#nostr▏'));
    press('\u007f'.repeat(5));
    press('zoo');
    press(keys.enter);
    const f = await frame((f) => f.includes(' · #zoo'));
    expect(f).toContain('nothing to show: the 1 note here is muted');
    expect(f).not.toContain('no notes with #zoo');
  });

  it('a search whose results are all muted says so, with how many', async () => {
    const { frame, press, services } = start({ follows: [alice.pubkey], feeds: { home: home() } });
    // The services' search leaves muted results out and counts them (src/client/search-feed.ts).
    services.search = (query) => {
      const muted = new MemorySearch(query, []);
      muted.counts = { cache: 0, relays: 0, asked: 2, searching: false, failed: 0, muted: 2 };
      muted.settle();
      return muted;
    };
    await frame((f) => f.includes('hello #Nostr'));
    press('/');
    press('okapi');
    await frame((f) => f.includes('search: okapi▏'));
    press(keys.enter);
    const f = await frame((f) => f.includes('Search "okapi"') && f.includes('nothing to show'));
    expect(f.split('\n')[0]).toMatch(/ · Search "okapi" · cache 0 · relays 0 · 2 muted +relays 0\/1$/);
    expect(f).toContain('nothing to show: what was found is muted (cache 0 · relays 0 · 2 muted)');
  });
});
