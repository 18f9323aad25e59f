// Which relays delivered each cached event (issue #19 item 2): recorded on
// every delivery, repeats included, and given back for relay hints; and the
// per-relay questions the window planner asks (newest, authorsFrom).
import type { Event, EventTemplate } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../helpers/store.js';

const alice = generateSecretKey();
const bob = generateSecretKey();
const sign = (sk: Uint8Array, template: Partial<EventTemplate>): Event =>
  finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: '', ...template }, sk);
const [A, B, C] = ['wss://a.example', 'wss://b.example', 'wss://c.example'];

describe('seen on', () => {
  const stores = tempStores();
  const open = () => stores().events;

  it('every relay that delivered an event, in the order they first did, repeats and replaceable events included', () => {
    const events = open();
    const note = sign(alice, { content: 'note' });
    const profile = sign(alice, { kind: 0, content: '{}' });
    expect(events.putMany([note, profile], A)).toBe(2);
    // The same events again from another relay: nothing new, but seen there too.
    expect(events.putMany([note, profile], B)).toBe(0);
    events.addSeen([note.id, 'f'.repeat(64)], C);
    events.addSeen([], A);
    const seen = events.relaysOf([note.id, profile.id, 'e'.repeat(64)]);
    expect(seen.get(note.id)).toEqual([A, B, C]);
    expect(seen.get(profile.id)).toEqual([A, B]);
    expect(seen.has('e'.repeat(64))).toBe(false);
    expect(seen.size).toBe(2);
    expect(events.relaysOf([]).size).toBe(0);
  });

  it('an event stored without a relay has none', () => {
    const events = open();
    const note = sign(bob, { content: 'local' });
    events.put(note);
    expect(events.relaysOf([note.id]).size).toBe(0);
  });

  it('newest: the latest created_at across filters, per relay when one is named', () => {
    const events = open();
    const old = sign(alice, { created_at: 100 });
    const recent = sign(bob, { created_at: 300 });
    const middle = sign(bob, { created_at: 200 });
    events.putMany([old], A);
    events.putMany([recent], B);
    events.putMany([middle], A);
    const byAlice = { authors: [getPublicKey(alice)] };
    const byBob = { authors: [getPublicKey(bob)] };
    expect(events.newest([byAlice, byBob])).toBe(300);
    expect(events.newest([byBob, byAlice])).toBe(300);
    expect(events.newest([byAlice, byBob], A)).toBe(200);
    expect(events.newest([byAlice], A)).toBe(100);
    expect(events.newest([byAlice], B)).toBeUndefined();
    expect(events.newest([byAlice], C)).toBeUndefined();
    expect(events.newest([{ ids: [] }])).toBeUndefined();
  });

  it('authorsFrom: the authors a relay delivered something of, matching the rest of the filter', () => {
    const events = open();
    events.putMany([sign(alice, { kind: 1 })], A);
    events.putMany([sign(bob, { kind: 7, content: '+' })], A);
    const both = [getPublicKey(alice), getPublicKey(bob)];
    expect(events.authorsFrom({ authors: both }, A)).toEqual(new Set(both));
    expect(events.authorsFrom({ authors: both, kinds: [1] }, A)).toEqual(new Set([getPublicKey(alice)]));
    expect(events.authorsFrom({ authors: both }, B)).toEqual(new Set());
    expect(events.authorsFrom({ kinds: [1] }, A)).toEqual(new Set());
    expect(events.authorsFrom({ authors: [] }, A)).toEqual(new Set());
  });
});
