// Signed events addressed to one user: a note of theirs, then a reaction,
// repost, reply, quote and zap receipt to it from others (NIP-25, 18, 10, 18 q, 57).
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';

export interface Person {
  sk: Uint8Array;
  pk: string;
  sign(kind: number, tags: string[][], content: string, created_at: number): Event;
}

export function person(): Person {
  const sk = generateSecretKey();
  const pk = getPublicKey(sk);
  return {
    sk,
    pk,
    sign(kind, tags, content, created_at) {
      const { id, pubkey, sig } = finalizeEvent({ kind, tags, content, created_at }, sk);
      return { id, pubkey, created_at, kind, tags, content, sig };
    },
  };
}

/** 21u = 2,100 sats in the human-readable part (BOLT-11); the data part is not read. */
export const BOLT11_2100_SATS = `lnbc21u1p${'q'.repeat(60)}`;

export function zapReceipt(wallet: Person, from: Person, to: string, note: Event | undefined, at: number, comment = '', bolt11 = BOLT11_2100_SATS): Event {
  const request = from.sign(9734, [['p', to], ...(note ? [['e', note.id]] : []), ['amount', '2100000']], comment, at);
  return wallet.sign(9735, [['p', to], ...(note ? [['e', note.id]] : []), ['P', from.pk], ['bolt11', bolt11], ['description', JSON.stringify(request)]], '', at);
}

/** The user's note and one of each notification to it, at `now - 600 … now - 100`. */
export function notificationScene(now: number) {
  const [me, alice, bob, carol, wallet] = [person(), person(), person(), person(), person()] as const;
  const note = me.sign(1, [], 'first words of my note, and then some more', now - 3600);
  const like = alice.sign(7, [['e', note.id], ['p', me.pk], ['k', '1']], '+', now - 600);
  const like2 = bob.sign(7, [['e', note.id], ['p', me.pk], ['k', '1']], '+', now - 550);
  const repost = bob.sign(6, [['e', note.id, ''], ['p', me.pk]], JSON.stringify(note), now - 500);
  const reply = carol.sign(1, [['e', note.id, '', 'root', me.pk], ['p', me.pk]], 'a reply to you', now - 400);
  const quote = alice.sign(1, [['q', note.id, '', me.pk], ['p', me.pk]], 'look at this nostr:note1…', now - 300);
  const zap = zapReceipt(wallet, carol, me.pk, note, now - 200, 'thanks!');
  return { me, alice, bob, carol, wallet, note, like, like2, repost, reply, quote, zap, notifications: [like, like2, repost, reply, quote, zap] };
}
