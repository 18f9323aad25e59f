// The cache must answer a filter exactly as a relay does (NIP-01): the same
// events are given to our store and to the real relay, and the same filters
// must select the same events in the same order.
import type { Event, EventTemplate, Filter } from 'nostr-tools';
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inNip01Order } from '../helpers/order.js';
import type { LocalStore } from '../../src/store/open.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { openTempStore } from '../helpers/store.js';

const keys = [1, 2, 3].map((n) => Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? n : 7)));
const [alice, bob, carol] = keys.map((sk) => getPublicKey(sk)) as [string, string, string];

/** Builds the corpus: every created_at is distinct, so order is fully defined by NIP-01. */
function corpus(): Event[] {
  let at = 1_700_000_000;
  const sign = (sk: Uint8Array, template: Partial<EventTemplate>) =>
    finalizeEvent({ kind: 1, created_at: at++, tags: [], content: '', ...template }, sk);
  const events: Event[] = [];
  for (let round = 0; round < 6; round++) {
    for (const [i, sk] of keys.entries()) {
      const note = sign(sk!, { content: `note ${round} by ${i}`, tags: [['t', round % 2 ? 'odd' : 'even']] });
      events.push(note);
      const other = keys[(i + 1) % 3]!;
      events.push(sign(other, { kind: 7, content: '+', tags: [['e', note.id], ['p', getPublicKey(sk!)]] }));
      if (round % 3 === 0) events.push(sign(other, { kind: 6, content: JSON.stringify(note), tags: [['e', note.id], ['p', getPublicKey(sk!)]] }));
      events.push(sign(sk!, { kind: 0, content: JSON.stringify({ name: `v${round}` }) }));
      events.push(sign(sk!, { kind: 3, tags: keys.slice(0, round % 3 + 1).map((k) => ['p', getPublicKey(k)]) }));
      events.push(sign(sk!, { kind: 10002, tags: [['r', `wss://relay${round}.example`]] }));
      events.push(sign(sk!, { kind: 30023, content: `article v${round}`, tags: [['d', `article-${round % 2}`], ['t', 'long']] }));
    }
  }
  return events;
}

/** Deletions are applied after their targets, as the relay only deletes what it already holds. */
function deletions(events: Event[]): Event[] {
  const aliceNotes = events.filter((e) => e.pubkey === alice && e.kind === 1);
  const bobNote = events.find((e) => e.pubkey === bob && e.kind === 1)!;
  const last = Math.max(...events.map((e) => e.created_at));
  return [
    // Alice deletes two of her notes and tries to delete Bob's (no effect).
    finalizeEvent({ kind: 5, created_at: last + 1, tags: [['e', aliceNotes[0]!.id], ['e', aliceNotes[3]!.id], ['e', bobNote.id]], content: '' }, keys[0]!),
    // Carol deletes her article-1 address.
    finalizeEvent({ kind: 5, created_at: last + 2, tags: [['a', `30023:${carol}:article-1`]], content: '' }, keys[2]!),
  ];
}

describe('the store answers filters as the real relay does', () => {
  let relay: TestRelay;
  let store: LocalStore;
  let events: Event[];

  beforeAll(async () => {
    relay = await startRelay();
    store = openTempStore();
    events = corpus();
    const all = [...events, ...deletions(events)];
    await relay.seed(...all);
    // One event at a time for the relay, one batch for the store: the outcome must not depend on it.
    store.events.putMany(all);
  });
  afterAll(async () => {
    store?.close();
    await relay?.stop();
  });

  const noteOf = (pubkey: string, n: number) => events.filter((e) => e.pubkey === pubkey && e.kind === 1)[n]!.id;
  const expectedEmpty = new Set(['ids of deleted events', 'nothing matches']);
  const cases: [string, () => Filter][] = [
    ['everything', () => ({ limit: 90 })],
    // until: before the deletion requests, which the relay does not keep.
    ['limit keeps the newest', () => ({ limit: 5, until: events.at(-1)!.created_at })],
    ['one author', () => ({ authors: [alice] })],
    ['two authors, one kind', () => ({ authors: [alice, carol], kinds: [1] })],
    ['kinds', () => ({ kinds: [6, 7] })],
    ['kinds with limit', () => ({ kinds: [1, 6], limit: 4 })],
    ['ids', () => ({ ids: [noteOf(bob, 1), noteOf(carol, 2), noteOf(alice, 1)] })],
    ['ids of deleted events', () => ({ ids: [noteOf(alice, 0)] })],
    ['since', () => ({ since: events[40]!.created_at })],
    ['until', () => ({ until: events[20]!.created_at, kinds: [1, 7] })],
    ['since and until', () => ({ since: events[10]!.created_at, until: events[30]!.created_at })],
    ['#e', () => ({ '#e': [noteOf(bob, 0), noteOf(bob, 3)] })],
    ['#p with kinds', () => ({ '#p': [alice], kinds: [7] })],
    ['#t', () => ({ '#t': ['odd'] })],
    ['#t and #p', () => ({ '#t': ['long'], '#d': ['article-0'] })],
    ['#t with authors and limit', () => ({ '#t': ['even', 'odd'], authors: [bob], limit: 2 })],
    ['replaceable: newest profile each', () => ({ kinds: [0] })],
    ['replaceable: follow lists', () => ({ kinds: [3], authors: [alice, bob] })],
    ['replaceable 10000-19999', () => ({ kinds: [10002] })],
    ['addressable: one per d tag', () => ({ kinds: [30023] })],
    ['addressable by #d', () => ({ kinds: [30023], '#d': ['article-1'] })],
    ['deleted notes are gone', () => ({ kinds: [1], authors: [alice] })],
    ['nothing matches', () => ({ authors: [alice], '#p': [alice], kinds: [7], since: 1_800_000_000 })],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const filter = make();
    const fromRelay = inNip01Order(await relay.find(filter)).map((e) => e.id);
    // The relay does not keep kind-5 events itself (shared/DESIGN.md); compare the rest.
    const fromStore = store.events
      .query([filter])
      .filter((e) => e.kind !== 5)
      .map((e) => e.id);
    expect(fromStore).toEqual(fromRelay);
  });

  it('the cases are not vacuous: each selects something unless meant to be empty', async () => {
    const empty: string[] = [];
    for (const [name, make] of cases) if ((await relay.find(make())).length === 0) empty.push(name);
    expect(new Set(empty)).toEqual(expectedEmpty);
  });
});
