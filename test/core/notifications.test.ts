// Notifications (classify, group, unread) and counts on notes, from signed events.
import { describe, expect, it } from 'vitest';
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure';
import {
  actorsOf,
  classify,
  compactAmount,
  groupNotifications,
  namesList,
  unreadCount,
  type Notification,
} from '../../src/core/notifications.js';
import { zapSats } from '../../src/core/zap-receipt.js';
import { countedFor, formatCounts, NoteCounter, withOwn } from '../../src/core/notifications-counts.js';
import { muteSet } from '../../src/core/mutes.js';

const person = () => {
  const sk = generateSecretKey();
  const pk = getPublicKey(sk);
  return { pk, sign: (kind: number, tags: string[][], content = '', at = 1000) => finalizeEvent({ kind, tags, content, created_at: at }, sk) };
};
const me = person();
const alice = person();
const bob = person();
const carol = person();
const wallet = person();
const mine = me.sign(1, [], 'first words of my note');

/** The example invoice of BOLT-11 ("Please make a donation of any amount using payment_hash…"): 2500u = 250,000 sats. */
const BOLT11_2500U =
  'lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpuaztrnwngzn3kdzw5hydlzf03qdgm2hdq27cqv3agm2awhz5se903vruatfhq77w3ls4evs3ch9zw97j25emudupq63nyw24cg27h2rspfj9srp';
/** 21u = 2,100 sats (BOLT-11: amount and multiplier in the human-readable part; the data part is not read). */
const BOLT11_21U = `lnbc21u1p${'q'.repeat(60)}`;

/** A receipt and the zap request in it agreeing (NIP-57); the request names no amount, so any invoice goes. */
function zapReceipt(from: ReturnType<typeof person>, note: Event | undefined, bolt11: string, comment = '', at = 1000): Event {
  const request = from.sign(9734, [['p', me.pk], ...(note ? [['e', note.id]] : [])], comment, at);
  return wallet.sign(9735, [['p', me.pk], ...(note ? [['e', note.id]] : []), ['P', from.pk], ['bolt11', bolt11], ['description', JSON.stringify(request)]], '', at);
}

describe('classify', () => {
  it('names each kind of notification and the note it is about', () => {
    const reply = alice.sign(1, [['e', mine.id, '', 'root'], ['p', me.pk]], 'nice');
    const mention = alice.sign(1, [['p', me.pk]], 'hi nostr:npub…');
    const quote = bob.sign(1, [['q', mine.id, '', me.pk], ['p', me.pk]], 'look at this');
    const repost = bob.sign(6, [['e', mine.id, 'wss://r'], ['p', me.pk]], JSON.stringify(mine));
    const like = alice.sign(7, [['e', mine.id], ['p', me.pk]], '+');
    const zap = zapReceipt(bob, mine, BOLT11_2500U, 'great');
    const got = [reply, mention, quote, repost, like, zap].map((e) => classify(e, me.pk));
    expect(got.map((n) => [n?.type, n?.target, n?.actor])).toEqual([
      ['reply', mine.id, alice.pk],
      ['mention', undefined, alice.pk],
      ['quote', mine.id, bob.pk],
      ['repost', mine.id, bob.pk],
      ['reaction', mine.id, alice.pk],
      ['zap', mine.id, bob.pk],
    ]);
    expect(got[5]).toMatchObject({ sats: 250_000, text: 'great' });
    expect(got[4]).toMatchObject({ text: '+' });
  });

  it('is none for the user\u2019s own events, events not tagging the user, dislikes and other kinds', () => {
    expect(classify(me.sign(1, [['p', me.pk]], 'self'), me.pk)).toBeUndefined();
    expect(classify(alice.sign(1, [['p', bob.pk]], 'not you'), me.pk)).toBeUndefined();
    expect(classify(alice.sign(7, [['e', mine.id], ['p', me.pk]], '-'), me.pk)).toBeUndefined();
    expect(classify(alice.sign(30023, [['p', me.pk]], 'article'), me.pk)).toBeUndefined();
    // A zap the user sent themselves (their own zap request) is not news to them.
    expect(classify(zapReceipt(me, mine, BOLT11_21U), me.pk)).toBeUndefined();
  });

  it('a q tag naming another author\u2019s note is a mention of the user, not a quote of theirs', () => {
    const other = bob.sign(1, [], 'bob wrote this');
    const n = classify(alice.sign(1, [['q', other.id, '', bob.pk], ['p', me.pk]], 'see'), me.pk);
    expect(n?.type).toBe('mention');
  });

  it('a zap receipt that does not agree with a zap request in it is no zap (NIP-57 Appendix F), also from the cache', () => {
    const broken = wallet.sign(9735, [['p', me.pk], ['e', mine.id], ['P', alice.pk], ['bolt11', 'lnbc-garbage'], ['description', '{not json']], '');
    const request = alice.sign(9734, [['p', me.pk], ['e', mine.id], ['amount', '2100000']], '');
    const otherAmount = wallet.sign(9735, [['p', me.pk], ['e', mine.id], ['bolt11', BOLT11_2500U], ['description', JSON.stringify(request)]], '');
    const otherNote = wallet.sign(9735, [['p', me.pk], ['e', 'ab'.repeat(32)], ['bolt11', BOLT11_21U], ['description', JSON.stringify(request)]], '');
    for (const receipt of [broken, otherAmount, otherNote]) {
      expect(classify(receipt, me.pk)).toBeUndefined();
      expect(countedFor(receipt)).toBeUndefined();
    }
    const agreeing = wallet.sign(9735, [['p', me.pk], ['e', mine.id], ['bolt11', BOLT11_21U], ['description', JSON.stringify(request)]], '');
    expect(classify(agreeing, me.pk)).toMatchObject({ type: 'zap', actor: alice.pk, sats: 2100 });
    expect(zapSats(zapReceipt(alice, mine, BOLT11_21U))).toBe(2100);
  });
});

describe('grouping and unread', () => {
  const at = (n: Notification | undefined) => n!;
  it('puts reactions and reposts of one note together, each person once, placed by the newest', () => {
    const other = me.sign(1, [], 'second note', 900);
    const carol = person();
    const dave = person();
    const events = [
      alice.sign(7, [['e', mine.id], ['p', me.pk]], '+', 1010),
      bob.sign(7, [['e', mine.id], ['p', me.pk]], '🤙', 1009),
      alice.sign(7, [['e', mine.id], ['p', me.pk]], '❤️', 1008),
      alice.sign(1, [['e', mine.id, '', 'root'], ['p', me.pk]], 'a reply', 1007),
      carol.sign(7, [['e', other.id], ['p', me.pk]], '+', 1006),
      carol.sign(7, [['e', mine.id], ['p', me.pk]], '+', 1005),
      dave.sign(7, [['e', mine.id], ['p', me.pk]], '+', 1004),
      bob.sign(6, [['e', mine.id], ['p', me.pk]], '', 1003),
    ];
    const groups = groupNotifications(events.map((e) => at(classify(e, me.pk))));
    expect(groups.map((g) => [g.key.split(':')[0], g.items.length, g.created_at])).toEqual([
      ['reaction', 5, 1010],
      [events[3]!.id, 1, 1007],
      ['reaction', 1, 1006],
      ['repost', 1, 1003],
    ]);
    const names = actorsOf(groups[0]!).map((pk) => ({ [alice.pk]: 'Alice', [bob.pk]: 'Bob', [carol.pk]: 'Carol', [dave.pk]: 'Dave' })[pk]!);
    expect(namesList(names)).toBe('Alice, Bob and 2 others');
    expect(namesList(['Alice', 'Bob', 'Carol'])).toBe('Alice, Bob and Carol');
    expect(namesList(['Alice', 'Bob'])).toBe('Alice and Bob');
    expect(namesList(['Alice'])).toBe('Alice');
  });

  it('counts what is newer than the last seen, not what is dated in the future', () => {
    const ns = [1001, 1000, 999, 5000].map((t) => at(classify(alice.sign(1, [['p', me.pk]], 'x', t), me.pk)));
    expect(unreadCount(ns, 999, 2000)).toBe(2);
    expect(unreadCount(ns, 1001, 2000)).toBe(0);
  });
});

describe('counts on notes', () => {
  it('counts direct replies, reposters, reactors and zapped sats once each, and marks the user\u2019s own', () => {
    const counter = new NoteCounter(me.pk);
    const reply = alice.sign(1, [['e', mine.id, '', 'root'], ['p', me.pk]], 'reply');
    const deeper = bob.sign(1, [['e', mine.id, '', 'root'], ['e', reply.id, '', 'reply']], 'deeper');
    const events = [
      reply,
      deeper,
      alice.sign(7, [['e', mine.id]], '+'),
      alice.sign(7, [['e', mine.id]], '🔥'),
      me.sign(7, [['e', mine.id]], '+'),
      bob.sign(7, [['e', mine.id]], '-'),
      bob.sign(6, [['e', mine.id]], ''),
      zapReceipt(alice, mine, BOLT11_21U),
      zapReceipt(bob, mine, BOLT11_21U, '', 1001),
    ];
    const tracked = new Set([mine.id]);
    for (const e of [...events, events[0]!]) counter.add(e, tracked);
    expect(counter.get(mine.id)).toEqual({ replies: 1, reposts: 1, reactions: 2, zapSats: 4200, liked: true, reposted: false });
    expect(formatCounts(counter.get(mine.id))).toBe('↩ 1  ↻ 1  ♥ 2  ⚡ 4.2k');
    // The user's like undone (NIP-09) and a repost just made, as the interactions service knows them.
    expect(withOwn(counter.get(mine.id), { liked: false, reposted: true })).toMatchObject({ reactions: 1, reposts: 2, liked: false, reposted: true });
    expect(counter.get(reply.id).replies).toBe(0); // not tracked
    expect(formatCounts(new NoteCounter().get(mine.id))).toBe('');
  });

  it('leaves out muted people, and replies the thread would hide for a muted word', () => {
    const counter = new NoteCounter(me.pk);
    const tracked = new Set([mine.id]);
    const events = [
      alice.sign(1, [['e', mine.id, '', 'root']], 'agreed'),
      bob.sign(1, [['e', mine.id, '', 'root']], 'buy SPAMCOIN now'),
      carol.sign(1, [['e', mine.id, '', 'root']], 'hi'),
      carol.sign(7, [['e', mine.id]], '+'),
      alice.sign(7, [['e', mine.id]], '+'),
      carol.sign(6, [['e', mine.id]], ''),
      zapReceipt(carol, mine, BOLT11_21U),
      zapReceipt(alice, mine, BOLT11_21U, '', 1001),
    ];
    for (const e of events) counter.add(e, tracked);
    expect(counter.get(mine.id)).toMatchObject({ replies: 3, reposts: 1, reactions: 2, zapSats: 4200 });
    const mutes = muteSet([{ type: 'pubkey', value: carol.pk }, { type: 'word', value: 'spamcoin' }]);
    expect(counter.get(mine.id, mutes)).toEqual({ replies: 1, reposts: 0, reactions: 1, zapSats: 2100, liked: false, reposted: false });
    // Unmuted, they count again: nothing was thrown away.
    expect(counter.get(mine.id, muteSet([]))).toMatchObject({ replies: 3, reposts: 1, reactions: 2, zapSats: 4200 });
    // A zap's comment is its sender's text: a muted word in it hides the zap's sats too.
    counter.add(zapReceipt(bob, mine, BOLT11_21U, 'SPAMCOIN to the moon', 1002), tracked);
    expect(counter.get(mine.id, mutes).zapSats).toBe(2100);
    expect(counter.get(mine.id).zapSats).toBe(6300);
  });

  it('leaves out what its author withdrew: deleted by a request of their own (NIP-09, before or after it came), or expired (NIP-40)', () => {
    const counter = new NoteCounter(me.pk);
    const tracked = new Set([mine.id]);
    const del = (who: ReturnType<typeof person>, ...targets: Event[]) => who.sign(5, targets.map((t) => ['e', t.id]));
    const reply = alice.sign(1, [['e', mine.id, '', 'root']], 'second thoughts');
    const kept = bob.sign(1, [['e', mine.id, '', 'root']], 'kept');
    const like = alice.sign(7, [['e', mine.id]], '+');
    const again = alice.sign(7, [['e', mine.id]], '🔥', 1001);
    const bobLike = bob.sign(7, [['e', mine.id]], '+');
    const repost = carol.sign(6, [['e', mine.id]], '');
    const expiring = carol.sign(1, [['e', mine.id, '', 'root'], ['expiration', '1500']], 'for a while');
    const expired = carol.sign(1, [['e', mine.id, '', 'root'], ['expiration', '900']], 'gone already');
    for (const e of [reply, kept, like, again, bobLike, repost, expiring, expired]) counter.add(e, tracked, 1000);
    expect(counter.get(mine.id, undefined, 1000)).toMatchObject({ replies: 3, reposts: 1, reactions: 2 });

    // Someone else's request for Alice's reply changes nothing; hers takes it out.
    expect(counter.withdraw(del(bob, reply))).toEqual([]);
    expect(counter.withdraw(del(alice, reply))).toEqual([mine.id]);
    // A person's likes count once: one of Alice's two withdrawn, she still likes it; both, she does not.
    counter.withdraw(del(alice, like));
    expect(counter.get(mine.id, undefined, 1000)).toMatchObject({ replies: 2, reactions: 2 });
    counter.withdraw(del(alice, again));
    counter.withdraw(del(carol, repost));
    expect(counter.get(mine.id, undefined, 1000)).toMatchObject({ replies: 2, reposts: 0, reactions: 1 });
    // Withdrawn, it never counts again (another relay sends it); a request that came first keeps it out.
    counter.add(reply, tracked, 1000);
    const late = bob.sign(7, [['e', mine.id]], '🤙');
    counter.withdraw(del(bob, late));
    counter.add(late, tracked, 1000);
    expect(counter.get(mine.id, undefined, 1000)).toMatchObject({ replies: 2, reactions: 1 });
    // An expiration passes while the note is shown: the reply stops counting then.
    expect(counter.get(mine.id, undefined, 1500).replies).toBe(1);
    expect(counter.get(mine.id, undefined, 1000).replies).toBe(1);
    // The user's own like withdrawn: neither counted nor marked.
    const myLike = me.sign(7, [['e', mine.id]], '+');
    counter.add(myLike, tracked, 1000);
    expect(counter.get(mine.id, undefined, 1000)).toMatchObject({ reactions: 2, liked: true });
    counter.withdraw(del(me, myLike));
    expect(counter.get(mine.id, undefined, 1000)).toMatchObject({ reactions: 1, liked: false });
  });

  it('writes amounts compactly', () => {
    expect([0, 21, 999, 1000, 2100, 2199, 14_000, 999_999, 1_250_000, 3_000_000_000].map(compactAmount)).toEqual([
      '0', '21', '999', '1k', '2.1k', '2.1k', '14k', '999k', '1.2M', '3G',
    ]);
  });
});

describe('notifications in words', () => {
  it('cleans network text: no control sequence from a note, a reaction or a zap comment reaches the line', async () => {
    const { describeGroup, groupBody } = await import('../../src/core/notifications-text.js');
    const hostile = me.sign(1, [], 'my \u001b]8;;http://evil\u0007note\u001b[2J with a\nnewline');
    const reaction = alice.sign(7, [['e', hostile.id], ['p', me.pk]], '\u001b[31m🔥\u001b[0m');
    const [group] = groupNotifications([classify(reaction, me.pk)!]);
    const line = describeGroup(group!, () => 'Alice', () => hostile);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(line).toMatch(/^♥ Alice liked \(.*🔥.*\): "my .*note.* with a newline"$/);
    const zap = zapReceipt(bob, hostile, BOLT11_21U, 'hi\u001b[2Jthere');
    const [zapGroup] = groupNotifications([classify(zap, me.pk)!]);
    expect(describeGroup(zapGroup!, () => 'Bob', () => undefined)).toBe('⚡ Bob zapped 2.1k sats: your note');
    // The body is raw network text for the caller's sanitiser (the UI and the CLI run it through sanitize()).
    expect(groupBody(zapGroup!)).toBe('hi\u001b[2Jthere');
  });

  it('the quoted first words show mentions as in the note (@name, NIP-27), not as nostr:npub1…', async () => {
    const { describeGroup } = await import('../../src/core/notifications-text.js');
    const { npubEncode } = await import('nostr-tools/nip19');
    const mine = me.sign(1, [['p', alice.pk]], `thanks nostr:${npubEncode(alice.pk)} for this`);
    const reaction = bob.sign(7, [['e', mine.id], ['p', me.pk]], '+');
    const [group] = groupNotifications([classify(reaction, me.pk)!]);
    const names: Record<string, string> = { [alice.pk]: 'Alice', [bob.pk]: 'Bob' };
    expect(describeGroup(group!, (pk) => names[pk]!, () => mine)).toBe('♥ Bob liked: "thanks @Alice for this"');
  });
});
