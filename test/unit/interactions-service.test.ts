// The like/repost state keeper (src/client/interactions.ts) with its I/O
// injected: what it counts as the user's, what it refuses, what it deletes.
// The same service against the real relay is in test/ui/interactions.test.tsx.
import type { EventTemplate, Filter } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { matchFilters } from 'nostr-tools/filter';
import { createInteractions } from '../../src/client/interactions.js';

const NOW = 1_700_000_000;
const myKey = generateSecretKey();
const me = getPublicKey(myKey);
const target = finalizeEvent({ kind: 1, created_at: NOW - 100, tags: [], content: 'a note' }, generateSecretKey());

function setup(onRelays: Event[] = [], cached: Event[] = []) {
  const published: Event[] = [];
  const resent: Event[] = [];
  const fetched: Filter[][] = [];
  let t = NOW * 1000;
  const interactions = createInteractions({
    clock: { now: () => (t += 1000) },
    me: () => me,
    cached: () => cached,
    fetch: async (filters) => (fetched.push(filters), onRelays),
    publish: async (template: EventTemplate) => {
      const event = finalizeEvent(template, myKey);
      published.push(event);
      return { event, results: [{ url: 'ws://r', ok: true, outcome: 'accepted' as const, message: '' }] };
    },
    resend: async (event: Event) => {
      resent.push(event);
      return { event, results: [{ url: 'ws://r', ok: true, outcome: 'accepted' as const, message: '' }] };
    },
    batchMs: 0,
  });
  return { interactions, published, resent, fetched };
}

const mine = (t: EventTemplate) => finalizeEvent(t, myKey);

describe('interactions service', () => {
  it('asks the relays for the user\'s kind 7/6/16 tagging the notes, in one batch', async () => {
    const { interactions, fetched } = setup();
    const other = 'ab'.repeat(32);
    interactions.request([target.id, other, 'not-an-id']);
    interactions.request([target.id]);
    await new Promise<void>((resolve) => interactions.onChange(() => fetched.length > 0 && resolve()));
    expect(fetched).toEqual([[{ kinds: [7, 6, 16], authors: [me], '#e': [target.id, other] }]]);
  });

  it('two likes at once send one; a like the relays know of is not sent again', async () => {
    const { interactions, published } = setup();
    const [first, second] = await Promise.all([interactions.like(target), interactions.like(target)]);
    expect(first.event?.kind).toBe(7);
    expect(second.unchanged).toBe('busy');
    expect(await interactions.like(target)).toMatchObject({ unchanged: 'already' });
    expect(published).toHaveLength(1);

    const earlier = mine({ kind: 7, created_at: NOW - 5, content: '+', tags: [['e', 'cd'.repeat(32)], ['e', target.id], ['p', target.pubkey]] });
    const known = setup([earlier]);
    expect(await known.interactions.like(target)).toMatchObject({ unchanged: 'already' });
    expect(known.interactions.state(target.id)).toEqual({ liked: true, reposted: false, busy: false });
    expect(known.published).toEqual([]);
  });

  it('a like or repost only the cache still holds (no relay sent it back) is sent again as it was signed, never made again', async () => {
    const like = mine({ kind: 7, created_at: NOW - 50, content: '+', tags: [['e', target.id], ['p', target.pubkey]] });
    const repost = mine({ kind: 6, created_at: NOW - 40, content: JSON.stringify(target), tags: [['e', target.id], ['p', target.pubkey]] });
    const lost = setup([], [like, repost]);
    expect(lost.interactions.state(target.id)).toMatchObject({ liked: false });
    const liked = await lost.interactions.like(target);
    expect(liked).toMatchObject({ event: like, resent: true });
    expect(liked.unchanged).toBeUndefined();
    expect(await lost.interactions.repost(target)).toMatchObject({ event: repost, resent: true });
    expect(lost.resent).toEqual([like, repost]);
    expect(lost.published).toEqual([]);
    // Sent once: asked again, it is there.
    expect(await lost.interactions.like(target)).toMatchObject({ unchanged: 'already' });
    expect(lost.resent).toHaveLength(2);

    // A relay still has it: nothing is sent.
    const kept = setup([like], [like]);
    expect(await kept.interactions.like(target)).toMatchObject({ unchanged: 'already' });
    expect(kept.resent).toEqual([]);
  });

  it('a "-" reaction, someone else\'s like, or a like of another note (last e tag) is not a like', async () => {
    const dislike = mine({ kind: 7, created_at: NOW - 5, content: '-', tags: [['e', target.id], ['p', target.pubkey]] });
    const theirs = finalizeEvent({ kind: 7, created_at: NOW - 5, content: '+', tags: [['e', target.id]] }, generateSecretKey());
    const elsewhere = mine({ kind: 7, created_at: NOW - 5, content: '+', tags: [['e', target.id], ['e', 'ef'.repeat(32)]] });
    const { interactions, published } = setup([dislike, theirs, elsewhere]);
    const outcome = await interactions.like(target);
    expect(outcome.event?.kind).toBe(7);
    expect(published).toHaveLength(1);
  });

  it('unlike deletes every like of the note with one kind 5 (e per reaction, k 7); unrepost with k 6', async () => {
    const a = mine({ kind: 7, created_at: NOW - 9, content: '+', tags: [['e', target.id]] });
    const b = mine({ kind: 7, created_at: NOW - 8, content: '🤙', tags: [['e', target.id]] });
    const r = mine({ kind: 6, created_at: NOW - 7, content: '', tags: [['e', target.id], ['p', target.pubkey]] });
    const { interactions, published } = setup([a, b, r]);
    const unlike = await interactions.unlike(target);
    expect(unlike.event).toMatchObject({ kind: 5, tags: [['e', a.id], ['e', b.id], ['k', '7']] });
    expect(interactions.state(target.id)).toEqual({ liked: false, reposted: true, busy: false });
    expect(await interactions.unlike(target)).toMatchObject({ unchanged: 'not-done' });
    const unrepost = await interactions.unrepost(target);
    expect(unrepost.event).toMatchObject({ kind: 5, tags: [['e', r.id], ['k', '6']] });
    expect(interactions.state(target.id).reposted).toBe(false);
    expect(published).toHaveLength(2);
  });

  it("deleteNote refuses someone else's note and deletes the user's own with e and k", async () => {
    const { interactions, published } = setup();
    expect(await interactions.deleteNote(target)).toMatchObject({ unchanged: 'not-yours' });
    const own = mine({ kind: 1, created_at: NOW - 3, content: 'mine', tags: [] });
    expect((await interactions.deleteNote(own)).event).toMatchObject({ kind: 5, tags: [['e', own.id], ['k', '1']] });
    expect(published).toHaveLength(1);
  });

  it('a like or repost the user deleted is undone though a relay still sends it (NIP-09 lets relays keep them): liked again, a new reaction is sent', async () => {
    const like = mine({ kind: 7, created_at: NOW - 50, content: '+', tags: [['e', target.id], ['p', target.pubkey]] });
    const repost = mine({ kind: 6, created_at: NOW - 49, content: JSON.stringify(target), tags: [['e', target.id], ['p', target.pubkey]] });
    const unliked = mine({ kind: 5, created_at: NOW - 40, content: '', tags: [['e', like.id], ['k', '7']] });
    // Someone else's request naming the user's repost changes nothing (NIP-09: only the author's own).
    const forged = finalizeEvent({ kind: 5, created_at: NOW - 40, content: '', tags: [['e', repost.id]] }, generateSecretKey());
    for (const where of ['relays', 'cache'] as const) {
      const relay: Event[] = [like, repost, forged, ...(where === 'relays' ? [unliked] : [])];
      const cache: Event[] = where === 'cache' ? [unliked] : [];
      const published: Event[] = [];
      const interactions = createInteractions({
        clock: { now: () => NOW * 1000 },
        me: () => me,
        cached: (filters: Filter[]) => cache.filter((event) => matchFilters(filters, event)),
        fetch: async (filters: Filter[]) => relay.filter((event) => matchFilters(filters, event)),
        publish: async (template: EventTemplate) => {
          const event = mine(template);
          published.push(event);
          return { event, results: [] };
        },
        resend: async () => {
          throw new Error('nothing deleted is sent again');
        },
        batchMs: 0,
      });
      expect(await interactions.unlike(target), where).toMatchObject({ unchanged: 'not-done' });
      expect(interactions.state(target.id), where).toEqual({ liked: false, reposted: true, busy: false });
      const again = await interactions.like(target);
      expect(again.event, where).toMatchObject({ kind: 7, content: '+' });
      expect(again.event!.id).not.toBe(like.id);
      expect(interactions.state(target.id).liked).toBe(true);
      // Undone here: a relay sending the repost back later does not bring it back.
      expect((await interactions.unrepost(target)).event).toMatchObject({ kind: 5, tags: [['e', repost.id], ['k', '6']] });
      expect(await interactions.unrepost(target)).toMatchObject({ unchanged: 'not-done' });
      expect(published.map((event) => event.kind)).toEqual([7, 5]);
    }
  });

  it('deleteNote goes through the delete of notes when given (a note still in the outbox is taken out), and says so', async () => {
    const own = mine({ kind: 1, created_at: NOW - 3, content: 'regret', tags: [] });
    const kept = mine({ kind: 5, created_at: NOW, content: '', tags: [['e', own.id], ['k', '1']] });
    const deleted: Event[] = [];
    const interactions = createInteractions({
      clock: { now: () => NOW * 1000 },
      me: () => me,
      cached: () => [],
      fetch: async () => [],
      publish: async () => {
        throw new Error('the delete of notes decides what is sent');
      },
      resend: async () => {
        throw new Error('nothing to resend');
      },
      deleteNote: async (note) => (deleted.push(note), { event: kept, results: [], withdrawn: 'unsent' }),
      batchMs: 0,
    });
    expect(await interactions.deleteNote(own)).toEqual({ event: kept, results: [], withdrawn: 'unsent' });
    expect(deleted).toEqual([own]);
    expect(interactions.deleted(own.id)).toBe(true);
  });
});
