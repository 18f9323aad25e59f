// The outbox planner (NIP-65), the delivery scores it learns from, and the
// rules for relay URLs taken from other people's lists.
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { nsecEncode } from 'nostr-tools/nip19';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it } from 'vitest';
import { DeliveryStats } from '../../src/core/delivery.js';
import { parseDmRelays } from '../../src/core/dm.js';
import { planFilters, planOutbox } from '../../src/core/outbox-plan.js';
import { acceptRelayUrl, hintsToFollow, isPrivateHost, parseRelayList, relayListTags } from '../../src/core/relay-list.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const D = 'd'.repeat(64);
const MINE = 'wss://mine.example';

describe('relay lists from other people (NIP-65)', () => {
  it('reads markers: none is both, read and write are one each; other markers and tags are ignored', () => {
    expect(
      parseRelayList([
        ['r', 'wss://both.example/'],
        ['r', 'wss://in.example', 'read'],
        ['r', 'wss://out.example', 'write'],
        ['r', 'wss://odd.example', 'sometimes'],
        ['p', A],
        ['r'],
      ]),
    ).toEqual([
      { url: 'wss://both.example', read: true, write: true },
      { url: 'wss://in.example', read: true, write: false },
      { url: 'wss://out.example', read: false, write: true },
    ]);
  });

  it('merges the same relay spelt twice, and takes at most 20 relays from one list', () => {
    expect(parseRelayList([['r', 'wss://X.example', 'read'], ['r', 'wss://x.example/', 'write']])).toEqual([
      { url: 'wss://x.example', read: true, write: true },
    ]);
    const long = Array.from({ length: 50 }, (_, i) => ['r', `wss://r${i}.example`]);
    expect(parseRelayList(long)).toHaveLength(20);
  });

  it('refuses what a hostile list could use against the user: other schemes, huge URLs, loopback and private networks', () => {
    for (const url of [
      'https://relay.example',
      'javascript:alert(1)',
      `wss://${'a'.repeat(400)}.example`,
      'ws://127.0.0.1:7777',
      'ws://localhost',
      'ws://0x7f.1',
      'ws://[::1]',
      'ws://[::ffff:127.0.0.1]',
      'ws://10.0.0.1',
      'ws://172.20.1.1',
      'ws://192.168.1.1',
      'ws://169.254.169.254',
      'ws://router',
      'ws://printer.local',
      'ws://router.home.arpa',
      'ws://router.lan',
      'ws://[::7f00:1]',
      'ws://[::127.0.0.1]',
      'ws://[fd00::1]',
      'wss://user:pass@relay.example',
    ]) {
      expect(acceptRelayUrl(url), url).toBeUndefined();
    }
    expect(acceptRelayUrl('wss://relay.example')).toBe('wss://relay.example');
    expect(acceptRelayUrl('ws://127.0.0.1:7777', { allowPrivate: true })).toBe('ws://127.0.0.1:7777');
    expect(isPrivateHost('172.32.0.1')).toBe(false);
    expect(isPrivateHost('8.8.8.8')).toBe(false);
    expect(isPrivateHost('relay.lan.example')).toBe(false);
    expect(isPrivateHost('[2001:db8::1]')).toBe(false);
  });

  it('a quote’s relay hints lead into the user’s own network only when the user’s relays are there too', () => {
    const hints = ['wss://relay.example', 'ws://127.0.0.1:6379', 'ws://192.168.1.1', 'ws://router', 'ws://[::1]:8080', 'not a url'];
    expect(hintsToFollow(['wss://mine.example'], hints)).toEqual(['wss://relay.example']);
    expect(hintsToFollow(['wss://mine.example', 'ws://127.0.0.1:7777'], hints)).toEqual(hints);
  });

  it('never follows a quote hint holding the user’s own secret key (as 64 hex)', () => {
    const secret = generateSecretKey();
    const hint = `wss://relay.example/?k=${bytesToHex(secret).toUpperCase()}`;
    expect(hintsToFollow([MINE], [hint, 'wss://other.example'], getPublicKey(secret))).toEqual(['wss://other.example']);
    expect(hintsToFollow([MINE], [hint], getPublicKey(generateSecretKey()))).toEqual([hint]);
  });

  it('leaves out a relay list’s (NIP-65) or DM relay list’s (NIP-17) URL holding the user’s own secret key as hex', () => {
    const secret = generateSecretKey();
    const me = getPublicKey(secret);
    const trap = `wss://relay.example/?k=${bytesToHex(secret)}`;
    const inHost = `wss://${bytesToHex(secret).toUpperCase()}.example`;
    const tags = [['r', trap], ['r', inHost, 'read'], ['r', 'wss://other.example']];
    expect(parseRelayList(tags, { ownPubkey: me })).toEqual([{ url: 'wss://other.example', read: true, write: true }]);
    expect(parseDmRelays(tags.map(([, url]) => ['relay', url!]), { ownPubkey: me })).toEqual(['wss://other.example']);
    // Someone else's 64 hex is only a path, and any nsec is a secret whoever's it is.
    expect(parseRelayList(tags, { ownPubkey: getPublicKey(generateSecretKey()) })).toHaveLength(3);
    expect(acceptRelayUrl(`wss://relay.example/${nsecEncode(generateSecretKey())}`)).toBeUndefined();
  });

  it('writes the user’s own list with markers only where a relay is not both', () => {
    expect(
      relayListTags([
        { url: 'wss://a.example', read: true, write: true },
        { url: 'wss://b.example', read: true, write: false },
        { url: 'wss://c.example', read: false, write: true },
        { url: 'wss://d.example', read: false, write: false },
      ]),
    ).toEqual([['r', 'wss://a.example'], ['r', 'wss://b.example', 'read'], ['r', 'wss://c.example', 'write']]);
  });
});

describe('the outbox planner', () => {
  it('asks each author on their own write relays, at least two and more while a miss is likely; the rest on the user’s relays and the plan’s big relays', () => {
    const plan = planOutbox({
      authors: [A, B, C],
      writeRelays: new Map([
        [A, ['wss://a1', 'wss://a2', 'wss://a3', 'wss://a4', 'wss://a5']],
        [B, ['wss://shared', 'wss://b2']],
        [D, ['wss://d1']],
      ]),
      userRelays: [MINE],
    });
    expect(plan.fallback).toEqual([C]);
    expect(plan.uncovered).toEqual([]);
    const asked = (author: string) => [...plan.routes].filter(([, authors]) => authors.includes(author)).map(([url]) => url).sort();
    // Untried relays hold an author half the time: five of them leave a 3 % chance of a miss, four 6 %.
    expect(asked(A)).toEqual(['wss://a1', 'wss://a2', 'wss://a3', 'wss://a4', 'wss://a5']);
    expect(asked(B)).toEqual(['wss://b2', 'wss://shared']);
    // Nobody asked for D's relay: D is not followed.
    expect(plan.routes.has('wss://d1')).toBe(false);
    // C has no list: the user's relay, and the four relays the plan uses most (ties in URL order).
    expect(asked(C)).toEqual([MINE, 'wss://a1', 'wss://a2', 'wss://a3', 'wss://a4'].sort());
  });

  it('a relay that keeps failing sits out; an author is still asked on two relays when every pair is weak', () => {
    const stats = new DeliveryStats();
    for (let i = 0; i < 3; i++) stats.record({ url: 'wss://down', answered: false, asked: [A], delivered: new Set() });
    for (let i = 0; i < 3; i++) stats.record({ url: 'wss://quiet1', answered: true, asked: [B], delivered: new Set() });
    for (let i = 0; i < 3; i++) stats.record({ url: 'wss://quiet2', answered: true, asked: [B], delivered: new Set() });
    const plan = planOutbox({
      authors: [A, B],
      writeRelays: new Map([[A, ['wss://down', 'wss://up']], [B, ['wss://quiet1', 'wss://quiet2']]]),
      userRelays: [],
      delivery: stats,
    });
    expect([...plan.routes].map(([url, authors]) => [url, authors]).sort()).toEqual([
      ['wss://quiet1', [B]],
      ['wss://quiet2', [B]],
      ['wss://up', [A]],
    ]);
  });

  it('covers everyone under the budget by choosing relays that many authors share', () => {
    const authors = Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(64, '0'));
    const writeRelays = new Map(authors.map((author, i) => [author, [`wss://own${i}`, 'wss://big1', 'wss://big2']] as const));
    const plan = planOutbox({ authors, writeRelays, userRelays: [MINE], budget: 5 });
    const used = new Set([...plan.routes.keys()]);
    expect(used.size).toBeLessThanOrEqual(5);
    expect(used.has('wss://big1') && used.has('wss://big2')).toBe(true);
    expect(plan.uncovered).toEqual([]);
    for (const author of authors) expect(plan.routes.get('wss://big1')).toContain(author);
  });

  it('says who it could not cover within the budget, and asks the user’s relays for them', () => {
    const plan = planOutbox({
      authors: [A, B],
      writeRelays: new Map([[A, ['wss://a1']], [B, ['wss://b1']]]),
      userRelays: [MINE],
      budget: 2,
    });
    expect(plan.routes.size).toBe(2);
    expect(plan.uncovered).toHaveLength(1);
    expect(plan.routes.get(MINE)).toEqual(plan.uncovered);
  });

  it('learns: a listed relay that never answers, or never has the author, gives way to one that delivers', () => {
    const stats = new DeliveryStats();
    for (let i = 0; i < 3; i++) {
      stats.record({ url: 'wss://dead', answered: false, asked: [A], delivered: new Set() });
      stats.record({ url: 'wss://empty', answered: true, asked: [A], delivered: new Set() });
      stats.record({ url: 'wss://good', answered: true, asked: [A], delivered: new Set([A]) });
    }
    const plan = planOutbox({
      authors: [A],
      writeRelays: new Map([[A, ['wss://dead', 'wss://empty', 'wss://good', 'wss://new']]]),
      userRelays: [],
      delivery: stats,
    });
    const asked = [...plan.routes.keys()].sort();
    expect(asked).toEqual(['wss://good', 'wss://new']);
    expect(stats.relay('wss://dead')).toBeCloseTo(1 / 5);
    expect(stats.pair('wss://good', A)).toBeCloseTo(4 / 5);
    expect(stats.pair('wss://dead', A)).toBeUndefined();
  });

  it('asks people without a list on as many of the plan’s relays as fallbackRelays says (all with Infinity), never opening one more', () => {
    const input = {
      authors: [A, B, C],
      writeRelays: new Map([
        [A, ['wss://a1', 'wss://a2', 'wss://a3', 'wss://a4', 'wss://a5']],
        [B, ['wss://shared', 'wss://b2']],
      ]),
      userRelays: [MINE],
    };
    const asked = (plan: ReturnType<typeof planOutbox>) => [...plan.routes].filter(([, authors]) => authors.includes(C)).map(([url]) => url).sort();
    const all = planOutbox({ ...input, fallbackRelays: Infinity });
    expect(asked(all)).toEqual([...all.routes.keys()].sort());
    expect(all.routes.size).toBe(planOutbox(input).routes.size);
    expect(asked(planOutbox({ ...input, fallbackRelays: 0 }))).toEqual([MINE]);
    expect(asked(planOutbox({ ...input, fallbackRelays: 2 }))).toEqual([MINE, 'wss://a1', 'wss://a2'].sort());
  });

  it('keeps its tallies across runs', () => {
    const stats = new DeliveryStats();
    stats.record({ url: 'wss://r', answered: true, asked: [A, B], delivered: new Set([A]) });
    const again = new DeliveryStats();
    again.load(stats.entries());
    expect(again.relay('wss://r')).toBe(stats.relay('wss://r'));
    expect(again.pair('wss://r', A)).toBe(stats.pair('wss://r', A));
    expect(again.pair('wss://r', B)).toBe(stats.pair('wss://r', B));
  });

  it('is deterministic, and turns routes into filters of at most 250 authors per relay', () => {
    const input = {
      authors: [A, B, C, D],
      writeRelays: new Map([[A, ['wss://x', 'wss://y']], [B, ['wss://y', 'wss://x']], [C, ['wss://z']], [D, ['wss://x']]]),
      userRelays: [MINE],
    };
    expect(planOutbox(input)).toEqual(planOutbox(input));
    const many = Array.from({ length: 600 }, (_, i) => i.toString(16).padStart(64, '0'));
    const steps = planFilters(new Map([['wss://x', many]]), { kinds: [1], limit: 50 });
    expect(steps).toHaveLength(1);
    expect(steps[0]!.filters.map((f) => f.authors!.length)).toEqual([250, 250, 100]);
    expect(steps[0]!.filters[0]).toMatchObject({ kinds: [1], limit: 50 });
  });
});
