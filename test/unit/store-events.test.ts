import type { Event, EventTemplate, Filter } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { inNip01Order } from '../helpers/order.js';
import { manualClock, openTempStore } from '../helpers/store.js';

const alice = generateSecretKey();
const bob = generateSecretKey();
const alicePk = getPublicKey(alice);
const bobPk = getPublicKey(bob);

const sign = (sk: Uint8Array, template: Partial<EventTemplate>): Event =>
  finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: '', ...template }, sk);

const ids = (events: Event[]) => events.map((e) => e.id);
/** The event's JSON fields, without nostr-tools' verified marker. */
const plain = (event: Event) => JSON.parse(JSON.stringify(event)) as Event;

describe('event store', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  const open = (...args: Parameters<typeof openTempStore>) => {
    const store = openTempStore(...args);
    opened.push(store);
    return store;
  };

  it('stores an event once and reads it back unchanged', () => {
    const { events } = open();
    const event = sign(alice, { content: 'hello', tags: [['t', 'nostr']] });
    expect(events.put(event)).toBe(true);
    expect(events.put(event)).toBe(false);
    expect(events.has(event.id)).toBe(true);
    expect(events.has('0'.repeat(64))).toBe(false);
    const [back] = events.query([{ ids: [event.id] }]);
    // Byte for byte: same fields, same order, nothing added.
    expect(JSON.stringify(back)).toBe(JSON.stringify(event));
  });

  it('putMany stores a batch and counts only the new ones', () => {
    const { events } = open();
    const batch = [1, 2, 3].map((n) => sign(alice, { content: `n${n}`, created_at: 1_700_000_000 + n }));
    expect(events.putMany(batch)).toBe(3);
    expect(events.putMany([...batch, sign(bob, { content: 'new' })])).toBe(1);
    expect(events.query([{}])).toHaveLength(4);
  });

  it('answers newest first, lowest id first on a tie, and applies limit per filter', () => {
    const { events } = open();
    const old = sign(alice, { content: 'old', created_at: 100 });
    const tieA = sign(alice, { content: 'tie a', created_at: 200 });
    const tieB = sign(bob, { content: 'tie b', created_at: 200 });
    const newest = sign(bob, { content: 'newest', created_at: 300 });
    events.putMany([old, tieA, tieB, newest]);
    const [low, high] = [tieA, tieB].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(ids(events.query([{}]))).toEqual([newest.id, low!.id, high!.id, old.id]);
    expect(ids(events.query([{ limit: 2 }]))).toEqual([newest.id, low!.id]);
    // Two filters: ORed, each with its own limit, deduplicated.
    expect(ids(events.query([{ authors: [alicePk], limit: 1 }, { authors: [bobPk], limit: 1 }, { ids: [newest.id] }]))).toEqual(
      [newest.id, tieA.id],
    );
  });

  it('matches ids, authors, kinds, since, until and single-letter tags', () => {
    const { events } = open();
    const a1 = sign(alice, { created_at: 10, tags: [['e', 'x'.repeat(64)], ['t', 'cats']] });
    const a7 = sign(alice, { kind: 7, created_at: 20, tags: [['p', bobPk]] });
    const b1 = sign(bob, { created_at: 30, tags: [['t', 'dogs'], ['T', 'cats']] });
    events.putMany([a1, a7, b1]);
    expect(ids(events.query([{ authors: [alicePk] }]))).toEqual([a7.id, a1.id]);
    expect(ids(events.query([{ kinds: [7] }]))).toEqual([a7.id]);
    expect(ids(events.query([{ since: 20 }]))).toEqual([b1.id, a7.id]);
    expect(ids(events.query([{ until: 20 }]))).toEqual([a7.id, a1.id]);
    expect(ids(events.query([{ since: 15, until: 25 }]))).toEqual([a7.id]);
    expect(ids(events.query([{ '#t': ['cats'] }]))).toEqual([a1.id]);
    expect(ids(events.query([{ '#T': ['cats'] }]))).toEqual([b1.id]);
    expect(ids(events.query([{ '#t': ['cats', 'dogs'], authors: [bobPk] }]))).toEqual([b1.id]);
    expect(ids(events.query([{ '#p': [bobPk], '#t': ['cats'] }]))).toEqual([]);
    expect(ids(events.query([{ '#e': ['x'.repeat(64)] }]))).toEqual([a1.id]);
  });

  it('matches nothing for empty lists, limit 0, search and multi-letter tags', () => {
    const { events } = open();
    events.put(sign(alice, { tags: [['title', 'x']] }));
    expect(events.query([{ ids: [] }])).toEqual([]);
    expect(events.query([{ authors: [] }])).toEqual([]);
    expect(events.query([{ limit: 0 }])).toEqual([]);
    expect(events.query([{ search: 'x' }])).toEqual([]);
    expect(events.query([{ '#title': ['x'] }])).toEqual([]);
  });

  it('does not store ephemeral events', () => {
    const { events } = open();
    expect(events.put(sign(alice, { kind: 20001 }))).toBe(false);
    expect(events.query([{}])).toEqual([]);
  });

  it('keeps only the newest replaceable event; on a tie the lowest id', () => {
    const { events } = open();
    const v1 = sign(alice, { kind: 0, created_at: 100, content: '{"name":"v1"}' });
    const v2 = sign(alice, { kind: 0, created_at: 200, content: '{"name":"v2"}' });
    expect(events.put(v2)).toBe(true);
    expect(events.put(v1)).toBe(false);
    expect(ids(events.query([{ kinds: [0], authors: [alicePk] }]))).toEqual([v2.id]);

    const [low, high] = [1, 2]
      .map((n) => sign(alice, { kind: 3, created_at: 300, tags: [['p', `${n}`.repeat(64)]] }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(events.put(high!)).toBe(true);
    expect(events.put(low!)).toBe(true);
    expect(events.put(high!)).toBe(false);
    expect(ids(events.query([{ kinds: [3] }]))).toEqual([low!.id]);
    // The superseded version's tags are gone too.
    expect(events.query([{ '#p': [high!.tags[0]![1]!] }])).toEqual([]);
  });

  it('keeps one addressable event per d tag', () => {
    const { events } = open();
    const a1 = sign(alice, { kind: 30023, created_at: 100, tags: [['d', 'post-a']] });
    const a2 = sign(alice, { kind: 30023, created_at: 200, tags: [['d', 'post-a']] });
    const b = sign(alice, { kind: 30023, created_at: 150, tags: [['d', 'post-b']] });
    const bobs = sign(bob, { kind: 30023, created_at: 50, tags: [['d', 'post-a']] });
    events.putMany([a1, b, a2, bobs]);
    expect(ids(events.query([{ kinds: [30023] }]))).toEqual([a2.id, b.id, bobs.id]);
  });

  it('hides events deleted by their author (NIP-09), also when they arrive later', () => {
    const { events } = open();
    const target = sign(alice, { content: 'oops', created_at: 100 });
    const later = sign(alice, { content: 'oops 2', created_at: 101 });
    const bobsNote = sign(bob, { content: 'not yours', created_at: 102 });
    events.putMany([target, bobsNote]);
    const deletion = sign(alice, {
      kind: 5,
      created_at: 200,
      tags: [['e', target.id], ['e', later.id], ['e', bobsNote.id]],
    });
    expect(events.put(deletion)).toBe(true);
    expect(events.has(target.id)).toBe(false);
    expect(events.put(later)).toBe(false);
    // Bob's note was named by Alice, who cannot delete it.
    expect(events.has(bobsNote.id)).toBe(true);
    expect(ids(events.query([{ kinds: [5] }]))).toEqual([deletion.id]);
  });

  it('neither stores an expired event nor hands one out once its time has passed (NIP-40)', () => {
    const clock = manualClock(1_700_000_000_000);
    const { events } = open({ clock });
    const expired = sign(alice, { content: 'gone', tags: [['expiration', '1700000000']] });
    const expiring = sign(alice, { content: 'soon gone', created_at: 1_700_000_001, tags: [['expiration', '1700000060']] });
    const lasting = sign(alice, { content: 'stays', created_at: 1_700_000_002 });
    expect(events.putMany([expired, expiring, lasting])).toBe(2);
    expect(ids(events.query([{ authors: [alicePk] }]))).toEqual([lasting.id, expiring.id]);
    clock.set(1_700_000_060_000);
    expect(ids(events.query([{ authors: [alicePk] }]))).toEqual([lasting.id]);
    expect(ids(events.query([{ authors: [alicePk] }, { kinds: [1] }]))).toEqual([lasting.id]);
  });

  it('an a-tag deletion hides versions of an address up to its created_at', () => {
    const { events } = open();
    const address = `30023:${alicePk}:draft`;
    const old = sign(alice, { kind: 30023, created_at: 100, tags: [['d', 'draft']] });
    events.put(old);
    events.put(sign(alice, { kind: 5, created_at: 150, tags: [['a', address]] }));
    expect(events.has(old.id)).toBe(false);
    expect(events.put(sign(alice, { kind: 30023, created_at: 140, tags: [['d', 'draft']] }))).toBe(false);
    const newer = sign(alice, { kind: 30023, created_at: 160, tags: [['d', 'draft']] });
    expect(events.put(newer)).toBe(true);
    expect(ids(events.query([{ kinds: [30023] }]))).toEqual([newer.id]);
  });

  it('knows the newest event matching a filter, per relay', () => {
    const { events } = open();
    events.put(sign(alice, { created_at: 100 }), 'wss://a.example');
    events.put(sign(bob, { created_at: 300 }), 'wss://a.example');
    const fromB = sign(alice, { created_at: 200 });
    events.put(fromB, 'wss://b.example');
    events.put(fromB, 'wss://a.example');
    expect(events.newest([{ authors: [alicePk] }])).toBe(200);
    expect(events.newest([{ authors: [alicePk] }], 'wss://a.example')).toBe(200);
    expect(events.newest([{ kinds: [1] }], 'wss://b.example')).toBe(200);
    expect(events.newest([{ kinds: [1] }], 'wss://a.example')).toBe(300);
    expect(events.newest([{ kinds: [1] }], 'wss://never.example')).toBeUndefined();
    expect(events.newest([{ kinds: [7] }])).toBeUndefined();
  });

  it('skips a malformed object instead of failing the batch it came in', () => {
    const { events } = open();
    const good = sign(alice, {});
    const bad = [
      { ...sign(bob, {}), tags: [['p', 7]] },
      { ...sign(bob, {}), id: 'not hex' },
      { ...sign(bob, {}), kind: '1' },
      null,
    ] as unknown as Event[];
    expect(events.putMany([...bad, good])).toBe(1);
    expect(ids(events.query([{}]))).toEqual([good.id]);
  });

  it('tells which of a filter\'s authors a relay sent something for', () => {
    const { events } = open();
    const carol = getPublicKey(generateSecretKey());
    events.put(sign(alice, { created_at: 100 }), 'wss://a');
    events.put(sign(bob, { created_at: 300 }), 'wss://a');
    const filter: Filter = { authors: [alicePk, bobPk, carol], kinds: [1], since: 50, limit: 10 };
    expect(events.authorsFrom(filter, 'wss://a')).toEqual(new Set([alicePk, bobPk]));
  });

  it('drops fields a relay attached beyond NIP-01', () => {
    const { events } = open();
    const event = sign(alice, {});
    events.put({ ...event, extra: 'x'.repeat(1000) } as Event);
    expect(events.query([{ ids: [event.id] }]).map((e) => JSON.stringify(e))).toEqual([JSON.stringify(plain(event))]);
  });
});

describe('event store on a cache larger than its newest-first probe', () => {
  it('answers broad filters exactly as nostr-tools matchFilter does, dense or sparse', async () => {
    const { matchFilter } = await import('nostr-tools/filter');
    const store = openTempStore();
    const authors = Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(64, 'a'));
    const crowd = 'f'.repeat(64);
    // 8,000 events: the newest 6,000 are all by one crowd author, the older ones spread over 40 authors.
    const events: Event[] = Array.from({ length: 8000 }, (_, n) => ({
      id: ((n * 7919) % 8000).toString(16).padStart(64, '0'),
      pubkey: n >= 2000 ? crowd : authors[n % 40]!,
      created_at: 1_000 + Math.floor(n / 3), // ties of three, so the id order matters
      kind: n % 5 === 0 ? 6 : 1,
      tags: [],
      content: '',
      sig: 'c'.repeat(128),
    }));
    store.events.putMany(events);
    const expected = (filter: Filter) =>
      inNip01Order(events.filter((e) => matchFilter(filter, e)))
        .slice(0, filter.limit)
        .map((e) => e.id);
    const filters: Filter[] = [
      { authors, kinds: [1, 6], limit: 50 }, // sparse: only old events match
      { authors: [...authors, crowd], kinds: [1, 6], limit: 50 }, // dense
      { kinds: [1, 6], limit: 100 },
      { kinds: [6], limit: 3000 },
      { authors, limit: 2500 },
      { authors, until: 1_100, limit: 10 },
    ];
    for (const filter of filters) expect(ids(store.events.query([filter]))).toEqual(expected(filter));
    expect(store.events.newest([{ authors }])).toBe(Math.max(...events.filter((e) => e.pubkey !== crowd).map((e) => e.created_at)));
    store.close();
  });
});
